// Log-start and log-end offsets for many partitions at once: ListOffsets sent to each
// partition's leader (routing/by-leader.ts), one request per leader and per kind (a
// partition may appear only once in a request). A partition whose leader cannot answer is
// left out of the answer; the others keep theirs.
import { ListOffsets } from '../../protocol/02-list-offsets';
import type { ClusterClient, ClusterMetadata, TopicMeta } from '../connection/cluster-client';
import { byLeader, LEADER_MOVED_CODES, MOVED, partitionKey, type Moved, type PartitionRef } from './by-leader';

export const EARLIEST = -2;
export const LATEST = -1;

export type OffsetMap = Map<string, { start: number | null; end: number | null }>;
export const tpKey = partitionKey;

function refsOf(topics: TopicMeta[]): PartitionRef[] {
  return topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partition })));
}

/** One ListOffsets per leader; per partition the offset (null: no such offset) or MOVED. */
async function listOffsets(client: ClusterClient, md: Pick<ClusterMetadata, 'topics'>, parts: PartitionRef[], timestamp: number) {
  return byLeader(client, md, parts, async (leader, list) => {
    const byTopic = new Map<string, number[]>();
    for (const p of list) {
      let ps = byTopic.get(p.topic);
      if (!ps) byTopic.set(p.topic, (ps = []));
      ps.push(p.partition);
    }
    const res = await client.toNode(leader, ListOffsets, () => ({
      replicaId: -1,
      isolationLevel: 0,
      topics: [...byTopic].map(([name, ps]) => ({ name, partitions: ps.map((partitionIndex) => ({ partitionIndex, timestamp, maxNumOffsets: 1 })) })),
    }));
    const out = new Map<string, number | null | Moved>();
    for (const t of res.topics) {
      for (const p of t.partitions) {
        if (LEADER_MOVED_CODES.has(p.errorCode)) {
          out.set(partitionKey(t.name, p.partitionIndex), MOVED);
          continue;
        }
        // −1 (v1+) or an empty v0 list: no such offset (e.g. no record at or after a timestamp)
        const raw = p.offset >= 0 ? p.offset : (p.oldStyleOffsets[0] ?? -1);
        out.set(partitionKey(t.name, p.partitionIndex), p.errorCode === 0 && raw >= 0 ? raw : null);
      }
    }
    return out;
  });
}

/**
 * Log-start and log-end of every partition of the given topics (their metadata gives the
 * leaders). A partition nobody could answer for is missing from the map.
 */
export async function logOffsets(client: ClusterClient, topics: TopicMeta[]): Promise<OffsetMap> {
  const md = { topics };
  const parts = refsOf(topics);
  const [starts, ends] = await Promise.all([listOffsets(client, md, parts, EARLIEST), listOffsets(client, md, parts, LATEST)]);
  const result: OffsetMap = new Map();
  for (const p of parts) {
    const k = partitionKey(p.topic, p.partition);
    if (!starts.results.has(k) && !ends.results.has(k)) continue;
    result.set(k, { start: starts.results.get(k) ?? null, end: ends.results.get(k) ?? null });
  }
  return result;
}

/**
 * For each partition, the first offset whose record timestamp is ≥ `timestamp`
 * (ListOffsets by time); null where no record is that new. Missing: no leader answered.
 */
export async function offsetsForTime(client: ClusterClient, topics: TopicMeta[], timestamp: number): Promise<Map<string, number | null>> {
  return (await listOffsets(client, { topics }, refsOf(topics), timestamp)).results;
}
