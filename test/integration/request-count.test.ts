// What one refresh of the groups list costs a healthy cluster, in Kafka requests, counted
// on the dashboard's connections. Reading each group on its own (so one coordinator's
// failure stays local) must not cost more than the design before it, which sent one
// Metadata, one ListGroups per broker, one DescribeGroups per coordinator, one OffsetFetch
// per group and two ListOffsets (earliest, latest) per partition leader; committed offsets
// now come in one batched OffsetFetch (v8) per coordinator. With nobody watching, a lag
// sample costs that and the commit log's incremental read; one group's page costs that
// group's requests alone.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ResetRequest } from '../../lib/contract/reset';
import { resetGroup } from '../../server/kafka/actions/reset';
import type { Cluster } from '../../server/kafka/cluster';
import { standaloneCluster } from '../../server/kafka/clusters';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { startTestBroker, tempDir, type TestBroker } from '../helpers/broker';
import { kafka } from '../helpers/kafkajs';

const GROUPS = 12;
let broker: TestBroker;
let cluster: Cluster;

beforeAll(async () => {
  process.env.OFFSETSCOPE_LAG_SAMPLE_MS = '3600000'; // samples only when the test asks
  broker = await startTestBroker({ nodes: 3 });
  process.env.OFFSETSCOPE_DATA_DIR = tempDir('offsetscope-request-count-'); // the reset audit
  cluster = standaloneCluster(broker.address);
  const admin = kafka(broker.address).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'rc', numPartitions: 6 }] });
  await admin.disconnect();
  for (let i = 0; i < GROUPS; i++) {
    await resetGroup(cluster, `rc-group-${i}`, ResetRequest.parse({ strategy: 'to-earliest', scope: { topics: ['rc'] }, dryRun: false }), { address: null, userAgent: null });
  }
}, 60_000);
afterAll(async () => {
  cluster?.close();
  await broker?.destroy();
});

it('one refresh of the groups list costs no more requests than the design before it', async () => {
  const warm = await cluster.groups.snapshot(); // connections open, coordinators known
  expect(warm.groups.size).toBe(GROUPS);
  const coordinators = new Set<number>();
  for (let i = 0; i < GROUPS; i++) coordinators.add(await cluster.coordinators.of(`rc-group-${i}`));
  const leaders = new Set(warm.metadata.topics.find((t) => t.name === 'rc')!.partitions.map((p) => p.leader));
  const brokers = warm.metadata.brokers.length;
  expect(brokers).toBe(3);

  const sent = await counting(async () => {
    cluster.groups.invalidate();
    const snap = await cluster.groups.snapshot();
    expect(snap.groups.size).toBe(GROUPS);
    expect([...snap.groups.values()].every((g) => g.unavailable === null)).toBe(true);
  });
  const total = [...sent.values()].reduce((a, b) => a + b, 0);
  const before = 1 + brokers + coordinators.size + GROUPS + 2 * leaders.size;
  console.log(`groups refresh: ${total} requests (${JSON.stringify(Object.fromEntries(sent))}); the design before: ${before}`);
  expect(Object.fromEntries(sent)).toEqual({
    Metadata: 1,
    ListGroups: brokers,
    DescribeGroups: coordinators.size,
    OffsetFetch: coordinators.size, // batched: every group of a coordinator in one request
    ListOffsets: 2 * leaders.size,
  });
  expect(total).toBeLessThanOrEqual(before);
});

/** The Kafka requests `fn` makes on the dashboard's connections, by API name. */
async function counting(fn: () => Promise<void>): Promise<Map<string, number>> {
  const sent = new Map<string, number>();
  const original = WireConnection.prototype.request;
  const spy = vi.spyOn(WireConnection.prototype, 'request').mockImplementation(function (this: WireConnection, ...args: Parameters<typeof original>) {
    sent.set(args[0].name, (sent.get(args[0].name) ?? 0) + 1);
    return original.apply(this, args);
  } as typeof original);
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return sent;
}

it('with nobody watching, one lag sample costs the documented requests, and one group page only its own', async () => {
  const sampler = cluster.sampler;
  await sampler.tick(); // connections open, the commit log caught up, sizes read
  await sampler.tick();
  const snap = sampler.last!;
  const brokers = snap.metadata.brokers.length;
  const leaders = new Set(snap.metadata.topics.flatMap((t) => t.partitions.map((p) => p.leader))).size;
  const offsetsLeaders = new Set(snap.metadata.topics.find((t) => t.name === '__consumer_offsets')!.partitions.map((p) => p.leader)).size;
  const coordinators = new Set<number>();
  for (let i = 0; i < GROUPS; i++) coordinators.add(await cluster.coordinators.of(`rc-group-${i}`));

  cluster.groups.invalidate(); // samples are further apart than the snapshot's 1 s lifetime: each reads afresh
  const sample = await counting(() => sampler.tick());
  const documented = {
    Metadata: 2, // the groups snapshot's, the commit log's
    ListGroups: brokers,
    DescribeGroups: coordinators.size,
    OffsetFetch: coordinators.size, // batched (v8): one a coordinator
    ListOffsets: 2 * leaders, // every partition, earliest and latest: /metrics and the totals chart use them too
    Fetch: offsetsLeaders, // the commit log: what is new on each __consumer_offsets leader
  };
  console.log(`one idle sample, ${GROUPS} groups on ${brokers} brokers: ${JSON.stringify(Object.fromEntries(sample))}`);
  expect(Object.fromEntries(sample)).toEqual(documented);

  // one group's page: that group's requests, no other group's
  const page = await counting(async () => {
    const d = await cluster.groups.detail('rc-group-5');
    expect(d.offsets).toHaveLength(6);
  });
  const groupLeaders = new Set(snap.metadata.topics.find((t) => t.name === 'rc')!.partitions.map((p) => p.leader)).size;
  console.log(`one group page: ${JSON.stringify(Object.fromEntries(page))}`);
  expect(page.get('ListGroups')).toBeUndefined();
  expect(page.get('DescribeGroups')).toBe(1);
  expect(page.get('OffsetFetch')).toBe(1);
  expect(page.get('Metadata')).toBe(1);
  expect(page.get('ListOffsets')).toBe(2 * groupLeaders);
  expect(page.get('Fetch') ?? 0).toBeLessThanOrEqual(groupLeaders); // time lag of lagging partitions
});

it("time lag from records' timestamps costs one Fetch per leader, once: only where the log-end trail cannot place the record", async () => {
  const sampler = cluster.sampler;
  const admin = kafka(broker.address).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'rc-old', numPartitions: 6 }] });
  await admin.disconnect();
  const producer = kafka(broker.address).producer();
  await producer.connect();
  await producer.send({ topic: 'rc-old', messages: Array.from({ length: 30 }, (_, i) => ({ partition: i % 6, value: `v${i}` })) });
  await producer.disconnect();
  // a group that appears behind records older than anything the sampler has seen of the topic
  await resetGroup(cluster, 'rc-late', ResetRequest.parse({ strategy: 'to-earliest', scope: { topics: ['rc-old'] }, dryRun: false }), { address: null, userAgent: null });
  const md = await cluster.client.metadata(['rc-old']);
  const leaders = new Set(md.topics.find((t) => t.name === 'rc-old')!.partitions.map((p) => p.leader)).size;

  const fetchesOf = async () => {
    const topics: string[][] = [];
    const original = WireConnection.prototype.request;
    const spy = vi.spyOn(WireConnection.prototype, 'request').mockImplementation(function (this: WireConnection, ...args: Parameters<typeof original>) {
      if (args[0].name === 'Fetch') topics.push((args[2] as { topics: { topic: string }[] }).topics.map((t) => t.topic));
      return original.apply(this, args);
    } as typeof original);
    try {
      cluster.groups.invalidate();
      await sampler.tick();
    } finally {
      spy.mockRestore();
    }
    return topics.filter((t) => t.includes('rc-old')).length;
  };
  expect(await fetchesOf()).toBe(leaders); // the records at the group's offsets, one Fetch per leader
  const late = (await cluster.groups.summaries({ q: 'rc-late' })).groups[0];
  expect(late.totalLag).toBe(30);
  expect(late.maxTimeLagEstimated).toBe(false);
  expect(await fetchesOf()).toBe(0); // a record's timestamp does not change: kept, not read again
});

it('a cluster without batched OffsetFetch (v7 at most, before Kafka 3.0) is read one group a request, with the same values', async () => {
  const old = await startTestBroker({ apiVersionCaps: { 9: 7 } });
  const oldCluster = standaloneCluster(old.address, 'pre-3.0');
  try {
    const admin = kafka(old.address).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'rc', numPartitions: 6 }] });
    await admin.disconnect();
    for (let i = 0; i < 4; i++) {
      await resetGroup(oldCluster, `old-group-${i}`, ResetRequest.parse({ strategy: 'to-earliest', scope: { topics: ['rc'] }, dryRun: false }), { address: null, userAgent: null });
    }
    await oldCluster.groups.snapshot(); // connections open, versions known
    const versions: number[] = [];
    const original = WireConnection.prototype.request;
    const spy = vi.spyOn(WireConnection.prototype, 'request').mockImplementation(function (this: WireConnection, ...args: Parameters<typeof original>) {
      if (args[0].name === 'OffsetFetch') versions.push(args[1]);
      return original.apply(this, args);
    } as typeof original);
    let snap;
    try {
      oldCluster.groups.invalidate();
      snap = await oldCluster.groups.snapshot();
    } finally {
      spy.mockRestore();
    }
    expect(versions).toEqual([7, 7, 7, 7]);
    expect([...snap.groups.keys()].sort()).toEqual(['old-group-0', 'old-group-1', 'old-group-2', 'old-group-3']);
    for (const g of snap.groups.values()) expect(g.committed.size).toBe(6);
  } finally {
    oldCluster.close();
    await old.destroy();
  }
});
