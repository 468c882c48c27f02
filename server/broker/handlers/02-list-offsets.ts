// ListOffsets v0–3. v0: old-style offsets array (Burrow's sarama reads Offsets[0]); v1:
// one timestamp/offset pair; v2: isolation level, throttle time; v3: no wire change.
// −1 = latest (log end), −2 = earliest (log start), otherwise the first offset whose
// record timestamp is ≥ the given time, found through the time index.
import { ListOffsets } from '../../protocol/02-list-offsets';
import { ErrorCode } from '../../protocol/errors';
import { handler, leads } from './types';

export const LATEST = -1;
export const EARLIEST = -2;

export default handler({
  api: ListOffsets,
  minVersion: 0,
  maxVersion: 3,
  async handle(req, ctx) {
    const topics = [];
    for (const t of req.topics) {
      const partitions = [];
      for (const p of t.partitions) {
        const log = ctx.state.partition(t.name, p.partitionIndex);
        const row = { partitionIndex: p.partitionIndex, errorCode: 0, oldStyleOffsets: [] as number[], timestamp: -1, offset: -1 };
        if (!log) {
          partitions.push({ ...row, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
          continue;
        }
        if (!leads(ctx, t.name, p.partitionIndex)) {
          partitions.push({ ...row, errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER });
          continue;
        }
        if (p.timestamp === LATEST) row.offset = log.logEndOffset;
        else if (p.timestamp === EARLIEST) row.offset = log.logStartOffset;
        else {
          const hit = await log.offsetForTimestamp(p.timestamp);
          if (hit) {
            row.offset = hit.offset;
            row.timestamp = hit.timestamp;
          }
        }
        if (row.offset >= 0 && p.maxNumOffsets !== 0) row.oldStyleOffsets = [row.offset];
        partitions.push(row);
      }
      topics.push({ name: t.name, partitions });
    }
    return { throttleTimeMs: 0, topics };
  },
});
