// The demo a newcomer can start on an empty embedded broker: a few topics (one is the
// Kafka tutorial's `test_topic` with 3 partitions) and a slow producer so numbers move.
// Never written to an external cluster unless the person confirms it.
import type { ClusterClient } from '../connection/cluster-client';
import { createTopic } from './topic-admin';
import { isKafkaApiError } from '../errors';
import { ErrorCode } from '../../protocol/errors';
import { Produce } from '../../protocol/00-produce';
import { encodeRecordBatch } from '../../protocol/record-batch';

export const DEMO_TOPICS = [
  { name: 'test_topic', partitions: 3 },
  { name: 'orders', partitions: 6 },
  { name: 'payments', partitions: 2 },
  { name: 'clickstream', partitions: 4 },
];

const KEY = Symbol.for('offsetscope.demo');
type Holder = { [KEY]?: NodeJS.Timeout };

export async function startDemo(client: ClusterClient): Promise<string[]> {
  for (const t of DEMO_TOPICS) {
    try {
      await createTopic(client, { name: t.name, partitions: t.partitions, replicationFactor: 1 });
    } catch (e) {
      if (!(isKafkaApiError(e) && e.code === ErrorCode.TOPIC_ALREADY_EXISTS)) throw e;
    }
  }
  const g = globalThis as Holder;
  if (!g[KEY]) {
    let n = 0;
    g[KEY] = setInterval(() => void produceTick(client, n++).catch(() => {}), 1000);
    g[KEY].unref();
  }
  return DEMO_TOPICS.map((t) => t.name);
}

export function demoRunning(): boolean {
  return !!(globalThis as Holder)[KEY];
}

/** One small batch to a rotating partition of each demo topic. */
async function produceTick(client: ClusterClient, n: number): Promise<void> {
  const md = await client.metadata(DEMO_TOPICS.map((t) => t.name));
  for (const t of md.topics) {
    if (t.errorCode !== 0 || t.partitions.length === 0) continue;
    const p = t.partitions[n % t.partitions.length];
    if (t.name === 'clickstream' || n % 3 === 0) {
      const count = t.name === 'clickstream' ? 5 : 1;
      const batch = await encodeRecordBatch(
        Array.from({ length: count }, (_, i) => ({
          key: `user-${(n * 7 + i) % 50}`,
          value: JSON.stringify({ n, topic: t.name, at: new Date().toISOString(), amount: ((n * 37 + i) % 1000) / 10 }),
          headers: [{ key: 'source', value: 'offsetscope-demo' }],
        })),
      );
      await client.toNode(p.leader, Produce, () => ({
        transactionalId: null,
        acks: 1,
        timeoutMs: 3000,
        topicData: [{ name: t.name, partitionData: [{ index: p.partition, records: [batch] }] }],
      }));
    }
  }
}
