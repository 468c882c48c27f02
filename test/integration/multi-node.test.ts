// The embedded broker as three nodes (`--nodes 3`): leaders spread over all nodes, kcat
// -L shows them, a partition request to a non-leader gets NOT_LEADER_OR_FOLLOWER and a
// group request to a non-coordinator NOT_COORDINATOR; kafkajs and the dashboard's own
// client (browse, produce, lag, offset reset) route correctly and get the same answers as
// on one node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResetRequest } from '../../lib/contract/reset';
import { ListOffsets } from '../../server/protocol/02-list-offsets';
import { OffsetFetch } from '../../server/protocol/09-offset-fetch';
import { FindCoordinator } from '../../server/protocol/10-find-coordinator';
import { ClusterClient } from '../../server/kafka/connection/cluster-client';
import type { Cluster } from '../../server/kafka/cluster';
import { standaloneCluster } from '../../server/kafka/clusters';
import { browse } from '../../server/kafka/messages/browse';
import { produce } from '../../server/kafka/messages/produce';
import { resetGroup } from '../../server/kafka/actions/reset';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { MessagesQuery } from '../../lib/contract/messages';
import { startTestBroker, tempDir, type TestBroker } from '../helpers/broker';
import { run } from '../helpers/exec';
import { waitFor } from '../helpers/groups';
import { kafka } from '../helpers/kafkajs';

let broker: TestBroker;
let client: ClusterClient;
let cluster: Cluster;
const nodeAddress = (id: number) => {
  const l = broker.nodes.find((n) => n.nodeId === id)!.listeners[0];
  return { host: l.host, port: l.port };
};

beforeAll(async () => {
  broker = await startTestBroker({ nodes: 3 });
  client = new ClusterClient([broker.address]);
  process.env.OFFSETSCOPE_DATA_DIR = tempDir('offsetscope-multi-node-'); // the reset audit
  cluster = standaloneCluster(broker.address);
}, 30_000);
afterAll(async () => {
  client?.close();
  cluster?.close();
  await broker?.destroy();
});

describe('three nodes in one process', () => {
  it('`npm run broker -- --nodes 3` prints `broker listening on H:P` once per node', async () => {
    const { spawn } = await import('node:child_process');
    const { default: readline } = await import('node:readline');
    const dir = (await import('../helpers/broker')).tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/broker/main.ts', '--nodes', '3', '--port', '0', '--data-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    readline.createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
    try {
      await waitFor('three listeners', () => lines.length >= 3, 20_000);
      expect(lines).toHaveLength(3);
      for (const l of lines) expect(l).toMatch(/^broker listening on 127\.0\.0\.1:\d+$/);
      expect(new Set(lines).size).toBe(3);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);

  it('spreads the leaders of a 6-partition topic over all three; kcat -L shows them', async () => {
    const admin = kafka(broker.address).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'spread', numPartitions: 6 }] });
    const md = await admin.fetchTopicMetadata({ topics: ['spread'] });
    await admin.disconnect();
    const leaders = md.topics[0].partitions.map((p) => p.leader);
    expect(new Set(leaders)).toEqual(new Set([0, 1, 2]));
    expect(leaders.filter((l) => l === 0)).toHaveLength(2);
    const l = await run('/usr/bin/kcat', ['-b', broker.address, '-L', '-t', 'spread'], { timeoutMs: 20_000 });
    expect(l.stdout).toContain('3 brokers:');
    for (const n of [0, 1, 2]) expect(l.stdout).toContain(`broker ${n} at ${nodeAddress(n).host}:${nodeAddress(n).port}`);
    for (const [p, leader] of leaders.entries()) expect(l.stdout).toMatch(new RegExp(`partition ${p}, leader ${leader}, replicas: ${leader}, isrs: ${leader}`));
  });

  it('answers NOT_LEADER_OR_FOLLOWER and NOT_COORDINATOR on the wrong node', async () => {
    const md = await client.metadata(['spread']);
    const p0 = md.topics[0].partitions[0];
    const wrong = [0, 1, 2].find((n) => n !== p0.leader)!;
    const c = await WireConnection.connect(nodeAddress(wrong).host, nodeAddress(wrong).port);
    const lo = await c.request(ListOffsets, 1, { replicaId: -1, isolationLevel: 0, topics: [{ name: 'spread', partitions: [{ partitionIndex: 0, timestamp: -1, maxNumOffsets: 1 }] }] });
    expect(lo.topics[0].partitions[0].errorCode).toBe(6);
    const fc = await c.request(FindCoordinator, 1, { key: 'spread-readers', keyType: 0 });
    const notCoordinator = [0, 1, 2].find((n) => n !== fc.nodeId)!;
    c.close();
    const c2 = await WireConnection.connect(nodeAddress(notCoordinator).host, nodeAddress(notCoordinator).port);
    const of = await c2.request(OffsetFetch, 5, { groupId: 'spread-readers', topics: null });
    expect(of.errorCode).toBe(16);
    c2.close();
  });

  it('kafkajs produces to every partition and a group consumes all of it', async () => {
    const producer = kafka(broker.address).producer();
    await producer.connect();
    for (let p = 0; p < 6; p++) await producer.send({ topic: 'spread', messages: Array.from({ length: 5 }, (_, i) => ({ partition: p, value: `p${p}-${i}` })) });
    await producer.disconnect();
    const seen = new Set<string>();
    const consumer = kafka(broker.address).consumer({ groupId: 'spread-readers', sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: ['spread'], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.add(message.value!.toString()) });
    try {
      await waitFor('30 records', () => seen.size === 30, 30_000);
    } finally {
      await consumer.disconnect();
    }
    const admin = kafka(broker.address).admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId: 'spread-readers', topics: ['spread'] });
    await admin.disconnect();
    expect(offsets[0].partitions.map((p) => Number(p.offset)).sort()).toEqual([5, 5, 5, 5, 5, 5]);
  }, 60_000);

  it("the dashboard's client browses, produces, reads lag and resets offsets across the nodes", async () => {
    const page = await browse(client, 'spread', MessagesQuery.parse({ from: 'oldest', limit: 100 }));
    expect(page.messages).toHaveLength(30);
    const res = await produce(client, 'spread', { value: 'x-{{i}}', partitioner: 'round-robin', count: 6 });
    expect(res.results.map((r) => [r.partition, r.firstOffset]).sort()).toEqual([0, 1, 2, 3, 4, 5].map((p) => [p, 5]));
    cluster.invalidate();
    const snap = await cluster.groups.snapshot();
    const g = snap.groups.get('spread-readers')!;
    expect(g.state).toBe('Empty');
    const lags = [...g.committed.values()].map((c) => snap.offsets.get(`spread\u0000${c.partition}`)!.end! - c.offset);
    expect(lags).toEqual([1, 1, 1, 1, 1, 1]);
    const reset = await resetGroup(cluster, 'spread-readers', ResetRequest.parse({ strategy: 'to-earliest', scope: { topics: ['spread'] }, dryRun: false }), { address: null, userAgent: null });
    expect(reset.plan.map((r) => [r.newOffset, r.lagAfter])).toEqual(Array(6).fill([0, 6]));
  });
});
