// Groups case of `npm run bench`: /api/groups with 1,000 groups over 500 topics × 10
// partitions on the embedded broker, next to the naive way measured in the same run
// (kafkajs admin.fetchOffsets per group and topic, plus the topic offsets it needs).
import { startDashboard } from '../test/helpers/dashboard';
import { kafka } from '../test/helpers/kafkajs';
import { WireConnection } from '../server/kafka/connection/wire-connection';
import { CreateTopics } from '../server/protocol/19-create-topics';
import { OffsetCommit } from '../server/protocol/08-offset-commit';
import { Produce } from '../server/protocol/00-produce';
import { encodeRecordBatch } from '../server/protocol/record-batch';

const TOPICS = 500;
const PARTITIONS = 10;
const GROUPS = 1000;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const ms = (x: number) => `${x.toFixed(0)} ms`;
const topicName = (i: number) => `gt-${String(i).padStart(3, '0')}`;

export async function benchGroups(): Promise<Record<string, number>> {
  const dash = await startDashboard({ env: { OFFSETSCOPE_LAG_SAMPLE_MS: '10000' } });
  try {
    const conn = await WireConnection.connect('127.0.0.1', dash.brokerPort, { timeoutMs: 60_000 });
    const t0 = performance.now();
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
    conn.close();
    console.log(`\nset up ${TOPICS} topics × ${PARTITIONS} partitions and ${GROUPS} groups in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Fresh answers: wait out the 1 s snapshot before each.
    const fresh: number[] = [];
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 1100));
      const s = performance.now();
      const body = await (await fetch(dash.url + '/api/groups')).json();
      fresh.push(performance.now() - s);
      if (body.groups.length !== GROUPS) throw new Error(`expected ${GROUPS} groups, got ${body.groups.length}`);
    }

    // Naive: what a dashboard built on kafkajs's admin does per refresh.
    const admin = kafka(dash.brokerAddress, 'bench-naive').admin();
    await admin.connect();
    const naive: number[] = [];
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
    await admin.disconnect();

    const out = { freshP50: pct(fresh, 50), freshP95: pct(fresh, 95), naiveP50: pct(naive, 50), naiveP95: pct(naive, 95) };
    console.log(`groups, ${GROUPS} groups over ${TOPICS} topics × ${PARTITIONS} partitions (embedded broker)`);
    console.log(`  GET /api/groups (lag, time lag, status for all)         p50 ${ms(out.freshP50)}  p95 ${ms(out.freshP95)}`);
    console.log(`  naive kafkajs: fetchOffsets per group + topic offsets    p50 ${ms(out.naiveP50)}  p95 ${ms(out.naiveP95)}`);
    console.log(`  ratio naive / offsetscope (p50)                          ${(out.naiveP50 / out.freshP50).toFixed(1)}×`);
    return out;
  } finally {
    await dash.stop();
  }
}
