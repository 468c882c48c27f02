// DeleteRecords v0–1 (v1: no wire change). Moves the log-start offset; −1 means the high
// watermark. An offset above the high watermark is OFFSET_OUT_OF_RANGE; an internal topic
// INVALID_TOPIC_EXCEPTION (17), as on Kafka.
import { DeleteRecords } from '../../protocol/21-delete-records';
import { ErrorCode } from '../../protocol/errors';
import { handler, leads } from './types';

export default handler({
  api: DeleteRecords,
  minVersion: 0,
  maxVersion: 1,
  handle(req, ctx) {
    const topics = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        const log = ctx.state.partition(t.name, p.partitionIndex);
        if (!log) return { partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        // as on Kafka: records of an internal topic (__consumer_offsets) are the broker's own
        if (ctx.state.topics.get(t.name)?.internal) return { partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION };
        if (!leads(ctx, t.name, p.partitionIndex)) return { partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER };
        const target = p.offset === -1 ? log.logEndOffset : p.offset;
        if (target < 0 || target > log.logEndOffset) {
          return { partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE };
        }
        return { partitionIndex: p.partitionIndex, lowWatermark: log.deleteRecordsBefore(target), errorCode: 0 };
      }),
    }));
    return { throttleTimeMs: 0, topics };
  },
});
