// Log-start and log-end offsets for many partitions at once: ListOffsets sent to each
// partition's leader, one request per leader and per kind (a partition may appear only
// once in a request).
import { ListOffsets } from '../../protocol/02-list-offsets';
import type { ClusterClient, TopicMeta } from '../connection/cluster-client';

export const EARLIEST = -2;
export const LATEST = -1;

export type OffsetMap = Map<string, { start: number | null; end: number | null }>;
export const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

async function listOffsets(client: ClusterClient, leader: number, parts: { topic: string; partition: number }[], timestamp: number) {
  const byTopic = new Map<string, number[]>();
  for (const p of parts) {
    let ps = byTopic.get(p.topic);
    if (!ps) byTopic.set(p.topic, (ps = []));
    ps.push(p.partition);
  }
  const res = await client.toNode(leader, ListOffsets, () => ({
    replicaId: -1,
    isolationLevel: 0,
    topics: [...byTopic].map(([name, ps]) => ({ name, partitions: ps.map((partitionIndex) => ({ partitionIndex, timestamp, maxNumOffsets: 1 })) })),
  }));
  const out = new Map<string, number | null>();
  for (const t of res.topics) {
    for (const p of t.partitions) {
      // −1 (v1+) or an empty v0 list: no such offset (e.g. no record at or after a timestamp)
      const raw = p.offset >= 0 ? p.offset : (p.oldStyleOffsets[0] ?? -1);
      const v = p.errorCode === 0 && raw >= 0 ? raw : null;
      out.set(tpKey(t.name, p.partitionIndex), v);
    }
  }
  return out;
}

/** Offsets for every partition of the given topics; null where the leader could not say. */
/** Partitions by leader (partitions without a leader are left out: nobody can answer for them). */
function byLeader(topics: TopicMeta[]): Map<number, { topic: string; partition: number }[]> {
  const out = new Map<number, { topic: string; partition: number }[]>();
  for (const t of topics) {
    for (const p of t.partitions) {
      if (p.leader < 0) continue;
      let parts = out.get(p.leader);
      if (!parts) out.set(p.leader, (parts = []));
      parts.push({ topic: t.name, partition: p.partition });
    }
  }
  return out;
}

export async function logOffsets(client: ClusterClient, topics: TopicMeta[]): Promise<OffsetMap> {
  const result: OffsetMap = new Map();
  await Promise.all(
    [...byLeader(topics)].map(async ([leader, parts]) => {
      const [starts, ends] = await Promise.all([listOffsets(client, leader, parts, EARLIEST), listOffsets(client, leader, parts, LATEST)]);
      for (const p of parts) {
        const k = tpKey(p.topic, p.partition);
        result.set(k, { start: starts.get(k) ?? null, end: ends.get(k) ?? null });
      }
    }),
  );
  return result;
}

/**
 * For each partition, the first offset whose record timestamp is ≥ `timestamp`
 * (ListOffsets by time); null where no record is that new.
 */
export async function offsetsForTime(client: ClusterClient, topics: TopicMeta[], timestamp: number): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  await Promise.all(
    [...byLeader(topics)].map(async ([leader, parts]) => {
      for (const [k, v] of await listOffsets(client, leader, parts, timestamp)) out.set(k, v);
    }),
  );
  return out;
}
