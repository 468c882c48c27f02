// Groups case of `npm run bench` (`npm run bench -- groups` alone): a refresh of the groups
// list (what /api/groups answers from) with 1,000 groups over 500 topics × 10 partitions,
// measured three ways in the same run:
//   - the dashboard's cluster object against a broker serving batched OffsetFetch (v8: one
//     request per coordinator for every group) and batched FindCoordinator (v4);
//   - the same against a broker capped at OffsetFetch v7 and FindCoordinator v3 (what a
//     Kafka before 3.0 serves: one OffsetFetch per group, the fallback path);
//   - naive kafkajs admin (fetchOffsets per group and topic, plus the topic offsets it needs).
// For each: p50/p95 of a refresh (a lag sample, then the list's lines) and the Kafka requests
// one refresh costs (counted by the broker, per API).
import { startTestBroker, type TestBroker } from '../test/helpers/broker';
import { withQuietCluster } from './quiet-cluster';
import { kafka } from '../test/helpers/kafkajs';
import { WireConnection } from '../server/kafka/connection/wire-connection';
import { apis } from '../server/protocol/index';
import { CreateTopics } from '../server/protocol/19-create-topics';
import { OffsetCommit } from '../server/protocol/08-offset-commit';
import { Produce } from '../server/protocol/00-produce';
import { encodeRecordBatch } from '../server/protocol/record-batch';

const TOPICS = 500;
const PARTITIONS = 10;
const GROUPS = 1000;
const FRESH_ANSWERS = 10;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const ms = (x: number) => `${x.toFixed(0)} ms`;
const topicName = (i: number) => `gt-${String(i).padStart(3, '0')}`;
const apiName = (key: number) => (apis as Record<number, { name: string }>)[key]?.name ?? `api ${key}`;

async function fill(address: string): Promise<void> {
  const [host, port] = address.split(':');
  const conn = await WireConnection.connect(host, Number(port), { timeoutMs: 60_000 });
  try {
    for (let i = 0; i < TOPICS; i += 100) {
      await conn.request(CreateTopics, 4, {
        topics: Array.from({ length: 100 }, (_, j) => ({ name: topicName(i + j), numPartitions: PARTITIONS, replicationFactor: 1, assignments: [], configs: [] })),
        timeoutMs: 60_000,
        validateOnly: false,
      });
    }
    // 20 records in every partition, then 1,000 groups each committed on one topic (2 groups per topic).
    const batch = await encodeRecordBatch(Array.from({ length: 20 }, (_, i) => ({ value: `v${i}` })));
    for (let i = 0; i < TOPICS; i++) {
      await conn.request(Produce, 7, {
        transactionalId: null,
        acks: 1,
        timeoutMs: 10_000,
        topicData: [{ name: topicName(i), partitionData: Array.from({ length: PARTITIONS }, (_, p) => ({ index: p, records: [Buffer.from(batch)] })) }],
      });
    }
    for (let g = 0; g < GROUPS; g++) {
      await conn.request(OffsetCommit, 7, {
        groupId: `bench-group-${String(g).padStart(4, '0')}`,
        generationIdOrMemberEpoch: -1,
        memberId: '',
        groupInstanceId: null,
        retentionTimeMs: -1,
        topics: [{ name: topicName(g % TOPICS), partitions: Array.from({ length: PARTITIONS }, (_, p) => ({ partitionIndex: p, committedOffset: (g + p) % 20, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: '' })) }],
      });
    }
  } finally {
    conn.close();
  }
}

interface PathFigures {
  p50: number;
  p95: number;
  /** Requests one refresh of the list cost, per API name, and in all. */
  perApi: Record<string, number>;
  requests: number;
}

/**
 * The dashboard's cluster object pointed at `broker`, in this process: the lag sampler's tick
 * is what refreshes the groups list (the snapshot every page reads), so a refresh is timed
 * and its Kafka requests are counted by the broker, per API.
 */
async function measure(broker: TestBroker): Promise<PathFigures> {
  return withQuietCluster(broker.address, async (cluster) => {
    const sampler = cluster.sampler;
    await sampler.tick(); // connections open, coordinators known, first sample taken
    const times: number[] = [];
    let perApi: Record<string, number> = {};
    for (let i = 0; i < FRESH_ANSWERS; i++) {
      cluster.groups.invalidate(); // each refresh reads afresh
      const before = new Map(broker.state.requestsServed);
      const s = performance.now();
      await sampler.tick();
      const list = await cluster.groups.summaries({});
      times.push(performance.now() - s);
      if (sampler.lastAttempt?.problem) throw new Error(`sample failed: ${sampler.lastAttempt.problem}`);
      if (list.groups.length !== GROUPS) throw new Error(`expected ${GROUPS} groups, got ${list.groups.length}`);
      perApi = {};
      for (const [key, count] of broker.state.requestsServed) {
        const d = count - (before.get(key) ?? 0);
        if (d > 0) perApi[apiName(key)] = d;
      }
    }
    return { p50: pct(times, 50), p95: pct(times, 95), perApi, requests: Object.values(perApi).reduce((a, b) => a + b, 0) };
  });
}

async function naiveKafkajs(address: string): Promise<number[]> {
  const admin = kafka(address, 'bench-naive').admin();
  await admin.connect();
  const naive: number[] = [];
  try {
    for (let round = 0; round < 3; round++) {
      const s = performance.now();
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith('bench-group-'));
      const ends = new Map<string, Awaited<ReturnType<typeof admin.fetchTopicOffsets>>>();
      for (const g of groups) {
        const topic = topicName(Number(g.slice(12)) % TOPICS);
        await admin.fetchOffsets({ groupId: g, topics: [topic] });
        if (!ends.has(topic)) ends.set(topic, await admin.fetchTopicOffsets(topic));
      }
      naive.push(performance.now() - s);
    }
  } finally {
    await admin.disconnect();
  }
  return naive;
}

export async function benchGroups(): Promise<Record<string, number>> {
  const t0 = performance.now();
  // One broker at a time (two cores): the batched path first, then the capped one.
  const batchedBroker = await startTestBroker();
  let batched: PathFigures;
  let naive: number[];
  try {
    await fill(batchedBroker.address);
    console.log(`\nset up ${TOPICS} topics × ${PARTITIONS} partitions and ${GROUPS} groups in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    batched = await measure(batchedBroker);
    naive = await naiveKafkajs(batchedBroker.address);
  } finally {
    await batchedBroker.destroy();
  }
  const oldBroker = await startTestBroker({ apiVersionCaps: { 9: 7, 10: 3 } });
  let perGroup: PathFigures;
  try {
    await fill(oldBroker.address);
    perGroup = await measure(oldBroker);
  } finally {
    await oldBroker.destroy();
  }

  const split = (f: PathFigures) => Object.entries(f.perApi).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`groups, ${GROUPS} groups over ${TOPICS} topics × ${PARTITIONS} partitions (embedded broker)`);
  console.log(`  refresh of the list, batched OffsetFetch v8       p50 ${ms(batched.p50)}  p95 ${ms(batched.p95)}  requests per refresh ${batched.requests} (${split(batched)})`);
  console.log(`  refresh of the list, one OffsetFetch a group (v7) p50 ${ms(perGroup.p50)}  p95 ${ms(perGroup.p95)}  requests per refresh ${perGroup.requests} (${split(perGroup)})`);
  console.log(`  naive kafkajs: fetchOffsets per group + topic offsets p50 ${ms(pct(naive, 50))}  p95 ${ms(pct(naive, 95))}`);
  console.log(`  ratio naive / offsetscope batched (p50)            ${(pct(naive, 50) / batched.p50).toFixed(1)}×`);
  return {
    batchedP50: batched.p50,
    batchedP95: batched.p95,
    batchedRequests: batched.requests,
    perGroupP50: perGroup.p50,
    perGroupP95: perGroup.p95,
    perGroupRequests: perGroup.requests,
    naiveP50: pct(naive, 50),
    naiveP95: pct(naive, 95),
  };
}
