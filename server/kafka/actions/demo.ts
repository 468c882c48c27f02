// The demo a newcomer can start on an empty embedded broker: a few topics (one is the
// Kafka tutorial's `test_topic` with 3 partitions) and a slow producer so numbers move.
// Never written to an external cluster unless the person confirms it.
import type { Cluster } from '../cluster';
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

/** The demo of one cluster: its topics and the producer that keeps their numbers moving. */
export class Demo {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly cluster: Cluster) {}

  /** Creates the demo topics (those that exist are kept) and starts the producer; the topic names. */
  async start(): Promise<string[]> {
    const { client } = this.cluster;
    try {
      for (const t of DEMO_TOPICS) {
        try {
          await createTopic(client, { name: t.name, partitions: t.partitions, replicationFactor: 1 });
        } catch (e) {
          if (!(isKafkaApiError(e) && e.code === ErrorCode.TOPIC_ALREADY_EXISTS)) throw e;
        }
      }
    } finally {
      this.cluster.invalidate();
    }
    if (!this.timer) {
      let n = 0;
      this.timer = setInterval(() => void produceTick(client, n++).catch(() => {}), 1000);
      this.timer.unref();
    }
    return DEMO_TOPICS.map((t) => t.name);
  }

  get running(): boolean {
    return this.timer !== null;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
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
