// The broker's side of `__consumer_offsets`: batches of coordinator records to append,
// and the replay that rebuilds groups and offsets at start. The record formats themselves
// are in server/protocol/consumer-offsets.ts, shared with the dashboard's reader.
import { decodeRecordBatch, encodeRecordBatchSync, splitBatches } from '../../protocol/record-batch';
import {
  decodeGroupMetadataValue,
  decodeKey,
  decodeOffsetCommitValue,
  type GroupMetadataValue,
  type OffsetCommitValue,
} from '../../protocol/consumer-offsets';
import { CONSUMER_GROUP_RECORD_TYPES, decodeConsumerGroupKey, decodeConsumerGroupValue } from '../../protocol/consumer-group-records';
import type { PartitionLog } from '../log/partition-log';
import type { Change } from './consumer/records';

export * from '../../protocol/consumer-offsets';

export interface OffsetsRecord {
  key: Buffer;
  value: Buffer | null;
}

/** One uncompressed magic-2 batch of coordinator records, ready for PartitionLog.append. */
export function recordsBatch(records: OffsetsRecord[], now = Date.now()): Buffer {
  return encodeRecordBatchSync(records.map((r) => ({ key: r.key, value: r.value, timestamp: now })));
}

/** What replaying the topic yields for one group: its last metadata record and live offsets. */
export interface LoadedGroup {
  metadata: GroupMetadataValue | null;
  offsets: Map<string, { topic: string; partition: number; value: OffsetCommitValue }>;
  /** A KIP-848 consumer group's live records (the last of each key), in the order they apply. */
  consumer: Change[];
}

/** The order a consumer group's records apply in: a member before its assignment. */
const APPLY_ORDER = Object.keys(CONSUMER_GROUP_RECORD_TYPES);

export const offsetKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * Reads every record of the given partitions from log-start to log-end, in order, and
 * folds them into the state they describe (a later record for a key replaces an earlier
 * one; a tombstone deletes it). Unreadable records are reported and skipped.
 */
export async function replay(logs: PartitionLog[], warn: (msg: string) => void): Promise<Map<string, LoadedGroup>> {
  const groups = new Map<string, LoadedGroup>();
  /** Per group, the live consumer-group records by key (as log compaction would keep them). */
  const consumerRecords = new Map<string, Map<string, Change>>();
  const entry = (g: string) => {
    let e = groups.get(g);
    if (!e) groups.set(g, (e = { metadata: null, offsets: new Map(), consumer: [] }));
    return e;
  };
  for (const log of logs) {
    let offset = log.logStartOffset;
    const end = log.logEndOffset;
    while (offset < end) {
      const got = log.read(offset, 1 << 20);
      if (got === 'out-of-range' || got.bytes === 0) break;
      const batches = splitBatches(Buffer.concat(got.parts));
      if (batches.length === 0) break;
      for (const batch of batches) {
        const last = Number(batch.readBigInt64BE(0)) + batch.readInt32BE(23);
        offset = last + 1;
        let records;
        try {
          records = await decodeRecordBatch(batch);
        } catch (e) {
          warn(`${log.dir}: skipping an unreadable batch before offset ${offset}: ${(e as Error).message}`);
          continue;
        }
        for (const rec of records) {
          if (rec.key === null) continue;
          try {
            const ck = decodeConsumerGroupKey(rec.key);
            if (ck) {
              entry(ck.group);
              let live = consumerRecords.get(ck.group);
              if (!live) consumerRecords.set(ck.group, (live = new Map()));
              const id = `${ck.kind}\u0000${ck.memberId ?? ''}`;
              if (rec.value === null) live.delete(id);
              else live.set(id, { kind: ck.kind, memberId: ck.memberId, value: decodeConsumerGroupValue(ck.kind, rec.value) } as Change);
              continue;
            }
            const key = decodeKey(rec.key);
            if (key.kind === 'offset') {
              const e = entry(key.group);
              const k = offsetKey(key.topic, key.partition);
              if (rec.value === null) e.offsets.delete(k);
              else e.offsets.set(k, { topic: key.topic, partition: key.partition, value: decodeOffsetCommitValue(rec.value) });
            } else {
              const e = entry(key.group);
              e.metadata = rec.value === null ? null : decodeGroupMetadataValue(rec.value);
            }
          } catch (e) {
            warn(`${log.dir}: skipping an unreadable record at offset ${rec.offset}: ${(e as Error).message}`);
          }
        }
      }
    }
  }
  for (const [g, live] of consumerRecords) {
    // a group whose epoch record is gone was deleted (its tombstones end with it)
    const changes = [...live.values()].sort((a, b) => APPLY_ORDER.indexOf(a.kind) - APPLY_ORDER.indexOf(b.kind));
    if (changes.some((c) => c.kind === 'metadata')) groups.get(g)!.consumer = changes;
  }
  for (const [g, e] of groups) if (e.metadata === null && e.offsets.size === 0 && e.consumer.length === 0) groups.delete(g);
  return groups;
}
