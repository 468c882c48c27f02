// DeleteRecords v0–2 (v1: no wire change; v2: flexible). Moves the log-start offset; −1 means the high
// watermark. An offset above the high watermark is OFFSET_OUT_OF_RANGE; an internal topic
// INVALID_TOPIC_EXCEPTION (17), as on Kafka.
import { DeleteRecords } from '../../protocol/21-delete-records';
import { ErrorCode } from '../../protocol/errors';
import { Slices } from './slices';
import { handler, leads, type HandlerContext } from './types';

export default handler({
  api: DeleteRecords,
  minVersion: 0,
  maxVersion: 2,
  async handle(req, ctx) {
    const slices = new Slices(); // each moved log-start is an fsync
    const topics = [];
    for (const t of req.topics) {
      const partitions = [];
      for (const p of t.partitions) {
        await slices.next();
        partitions.push({ partitionIndex: p.partitionIndex, ...deleteBefore(ctx, t.name, p.partitionIndex, p.offset) });
      }
      topics.push({ name: t.name, partitions });
    }
    return { throttleTimeMs: 0, topics };
  },
});

function deleteBefore(ctx: HandlerContext, topic: string, partition: number, offset: number): { lowWatermark: number; errorCode: number } {
  const refused = (errorCode: number) => ({ lowWatermark: -1, errorCode });
  const log = ctx.state.partition(topic, partition);
  if (!log) return refused(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  // as on Kafka: records of an internal topic (__consumer_offsets) are the broker's own
  if (ctx.state.topics.get(topic)?.internal) return refused(ErrorCode.INVALID_TOPIC_EXCEPTION);
  if (!leads(ctx, topic, partition)) return refused(ErrorCode.NOT_LEADER_OR_FOLLOWER);
  const target = offset === -1 ? log.logEndOffset : offset;
  if (target < 0 || target > log.logEndOffset) return refused(ErrorCode.OFFSET_OUT_OF_RANGE);
  return { lowWatermark: log.deleteRecordsBefore(target), errorCode: 0 };
}
