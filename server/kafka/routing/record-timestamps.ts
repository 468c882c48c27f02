// The timestamps of the records at given offsets, read group-lessly from each partition's
// leader with one Fetch per leader (time lag: how old the oldest unprocessed record is).
// Used by a group's page (its lagging partitions) and by the lag sampler (partitions whose
// record predates its log-end trail).
import { Fetch } from '../../protocol/01-fetch';
import type { ClusterClient, ClusterMetadata } from '../connection/cluster-client';
import { byLeader, LEADER_MOVED_CODES, MOVED, type Moved } from './by-leader';
import { fetchRequest } from './fetch-request';
import { readFetched } from './fetched-records';
import { tpKey } from './offsets';

const PARTITION_MAX_BYTES = 256 << 10;
const ANSWER_MAX_BYTES = 4 << 20;

export interface WantedRecord {
  topic: string;
  partition: number;
  offset: number;
}

/** tpKey → the record's timestamp (epoch ms), for the records that could be read. One offset per partition. */
export async function recordTimestamps(client: ClusterClient, metadata: ClusterMetadata, wanted: WantedRecord[]): Promise<Map<string, number>> {
  const { results } = await byLeader(client, metadata, wanted, async (leader, list) => {
    const byTopic = new Map<string, WantedRecord[]>();
    for (const w of list) byTopic.set(w.topic, [...(byTopic.get(w.topic) ?? []), w]);
    // One record is all we need, but only the first partition of an answer is sure to get its
    // first batch whole (Kafka truncates the others at the partition max, and stops adding
    // partitions at the answer's max): what is not read whole is read on a later ask, first.
    const res = await client.toNode(leader, Fetch, () =>
      fetchRequest([...byTopic].map(([topic, ws]) => ({ topic, partitions: ws.map((w) => ({ partition: w.partition, offset: w.offset, maxBytes: PARTITION_MAX_BYTES })) })), { maxBytes: ANSWER_MAX_BYTES }),
    );
    const out = new Map<string, number | null | Moved>();
    for (const t of res.responses) {
      for (const p of t.partitions) {
        const k = tpKey(t.topic, p.partitionIndex);
        if (LEADER_MOVED_CODES.has(p.errorCode)) {
          out.set(k, MOVED);
          continue;
        }
        const w = list.find((x) => x.topic === t.topic && x.partition === p.partitionIndex);
        if (p.errorCode !== 0 || !w) continue;
        let stamp: number | null = null;
        try {
          await readFetched(p.records, w.offset, (r) => {
            stamp = r.timestamp;
            return false;
          });
        } catch {
          // undecodable data: no time lag rather than a wrong one
        }
        out.set(k, stamp);
      }
    }
    return out;
  });
  const out = new Map<string, number>();
  for (const [k, v] of results) if (v !== null) out.set(k, v);
  return out;
}
