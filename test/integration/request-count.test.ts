// What one refresh of the groups list costs a healthy cluster, in Kafka requests, counted
// on the dashboard's connections. Reading each group on its own (so one coordinator's
// failure stays local) must not cost more than the design before it, which sent one
// Metadata, one ListGroups per broker, one DescribeGroups per coordinator, one OffsetFetch
// per group and two ListOffsets (earliest, latest) per partition leader.
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

  const sent = new Map<string, number>();
  const original = WireConnection.prototype.request;
  const spy = vi.spyOn(WireConnection.prototype, 'request').mockImplementation(function (this: WireConnection, ...args: Parameters<typeof original>) {
    sent.set(args[0].name, (sent.get(args[0].name) ?? 0) + 1);
    return original.apply(this, args);
  } as typeof original);
  try {
    cluster.groups.invalidate();
    const snap = await cluster.groups.snapshot();
    expect(snap.groups.size).toBe(GROUPS);
    expect([...snap.groups.values()].every((g) => g.unavailable === null)).toBe(true);
  } finally {
    spy.mockRestore();
  }
  const total = [...sent.values()].reduce((a, b) => a + b, 0);
  const before = 1 + brokers + coordinators.size + GROUPS + 2 * leaders.size;
  console.log(`groups refresh: ${total} requests (${JSON.stringify(Object.fromEntries(sent))}); the design before: ${before}`);
  expect(Object.fromEntries(sent)).toEqual({
    Metadata: 1,
    ListGroups: brokers,
    DescribeGroups: coordinators.size,
    OffsetFetch: GROUPS,
    ListOffsets: 2 * leaders.size,
  });
  expect(total).toBeLessThanOrEqual(before);
});
