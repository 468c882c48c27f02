// ListOffsets v0–9. v0: old-style offsets array (Burrow's sarama reads Offsets[0]); v1:
// one timestamp/offset pair; v2: isolation level, throttle time; v3: no wire change; v4:
// current leader epoch (not checked) and the answer's leader epoch (always −1: this broker
// keeps no leader epochs, and producers' batches carry none); v5: no wire change; v6:
// flexible; v7: −3 = the record with the largest timestamp (its offset and timestamp); v8:
// −4 = earliest local offset, which without tiered storage is the log start, as Kafka
// answers it; v9: −5 = latest tiered offset: nothing is tiered, so offset −1 with no error,
// as Kafka answers when remote storage is off.
// −1 = latest (log end), −2 = earliest (log start), otherwise the first offset whose
// record timestamp is ≥ the given time, found through the time index. A negative timestamp
// that is not one of these, or that needs a newer version than the request's, answers
// UNSUPPORTED_VERSION, as Kafka does.
import { ListOffsets } from '../../protocol/02-list-offsets';
import { ErrorCode } from '../../protocol/errors';
import type { PartitionLog } from '../log/partition-log';
import { handler, leads } from './types';

export const LATEST = -1;
export const EARLIEST = -2;
export const MAX_TIMESTAMP = -3;
export const EARLIEST_LOCAL = -4;
export const LATEST_TIERED = -5;

/** The first version each special timestamp may be asked in (v0 knows only −1 and −2). */
const SPECIAL_SINCE = new Map([
  [LATEST, 0],
  [EARLIEST, 0],
  [MAX_TIMESTAMP, 7],
  [EARLIEST_LOCAL, 8],
  [LATEST_TIERED, 9],
]);

/** The offset (and its record's timestamp, −1 when none) a timestamp asks for; null: no such record. */
async function lookUp(log: PartitionLog, timestamp: number): Promise<{ offset: number; timestamp: number } | null> {
  switch (timestamp) {
    case LATEST:
      return { offset: log.logEndOffset, timestamp: -1 };
    case EARLIEST:
    case EARLIEST_LOCAL:
      return { offset: log.logStartOffset, timestamp: -1 };
    case LATEST_TIERED:
      return { offset: -1, timestamp: -1 };
    case MAX_TIMESTAMP:
      return log.offsetOfMaxTimestamp();
    default:
      return log.offsetForTimestamp(timestamp);
  }
}

export default handler({
  api: ListOffsets,
  minVersion: 0,
  maxVersion: 9,
  async handle(req, ctx) {
    const topics = [];
    for (const t of req.topics) {
      const partitions = [];
      for (const p of t.partitions) {
        const log = ctx.state.partition(t.name, p.partitionIndex);
        const row = { partitionIndex: p.partitionIndex, errorCode: 0, oldStyleOffsets: [] as number[], timestamp: -1, offset: -1, leaderEpoch: -1 };
        const since = SPECIAL_SINCE.get(p.timestamp);
        if (p.timestamp < 0 && (since === undefined || ctx.version < since)) {
          partitions.push({ ...row, errorCode: ErrorCode.UNSUPPORTED_VERSION });
          continue;
        }
        if (!log) {
          partitions.push({ ...row, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
          continue;
        }
        if (!leads(ctx, t.name, p.partitionIndex)) {
          partitions.push({ ...row, errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER });
          continue;
        }
        const hit = await lookUp(log, p.timestamp);
        if (hit) {
          row.offset = hit.offset;
          row.timestamp = hit.timestamp;
        }
        if (row.offset >= 0 && p.maxNumOffsets !== 0) row.oldStyleOffsets = [row.offset];
        partitions.push(row);
      }
      topics.push({ name: t.name, partitions });
    }
    return { throttleTimeMs: 0, topics };
  },
});
