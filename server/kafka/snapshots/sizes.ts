// Partition sizes on disk from DescribeLogDirs (kafkajs has no call for it), asked of
// every broker; a partition's size is its leader's replica. Fails soft: a cluster that
// refuses the call (ACLs, old brokers) shows sizes as unknown, not as an error.
import { DescribeLogDirs } from '../../protocol/35-describe-log-dirs';
import type { ClusterClient, ClusterMetadata } from '../connection/cluster-client';
import { tpKey } from '../routing/offsets';

export async function partitionSizes(client: ClusterClient, md: ClusterMetadata, topics: string[] | null): Promise<Map<string, number>> {
  const leaders = new Map<string, number>();
  for (const t of md.topics) for (const p of t.partitions) leaders.set(tpKey(t.name, p.partition), p.leader);
  const sizes = new Map<string, number>();
  await Promise.all(
    md.brokers.map(async (b) => {
      try {
        const res = await client.toNode(b.nodeId, DescribeLogDirs, () => ({
          topics: topics === null ? null : topics.map((topic) => ({ topic, partitions: md.topics.find((t) => t.name === topic)?.partitions.map((p) => p.partition) ?? [] })),
        }));
        for (const dir of res.results) {
          if (dir.errorCode !== 0) continue;
          for (const t of dir.topics) {
            for (const p of t.partitions) {
              const k = tpKey(t.name, p.partitionIndex);
              if (p.isFutureKey || leaders.get(k) !== b.nodeId) continue;
              sizes.set(k, (sizes.get(k) ?? 0) + p.partitionSize);
            }
          }
        }
      } catch {
        // unknown sizes stay unknown
      }
    }),
  );
  return sizes;
}
