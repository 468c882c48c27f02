// Nodes of a `--nodes 3` broker process taken down and up, and leaders moved, through its
// stdin (`down K`, `up K`, `rotate`): a node that is down is gone from Metadata, its
// partitions have no leader (LEADER_NOT_AVAILABLE), its groups no coordinator
// (COORDINATOR_NOT_AVAILABLE), its port refuses and its connections drop, while the other
// nodes keep serving; after `up` all is back. After `rotate` every leader and coordinator
// is one node further on, a kafkajs group keeps consuming, and a fetch parked on the old
// leader answers NOT_LEADER_OR_FOLLOWER at once instead of after its max wait. A bad
// command gets an error line and changes nothing.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFSETS_TOPIC, partitionFor } from '../../server/protocol/consumer-offsets';
import { Fetch } from '../../server/protocol/01-fetch';
import { ListOffsets } from '../../server/protocol/02-list-offsets';
import { Metadata } from '../../server/protocol/03-metadata';
import { FindCoordinator } from '../../server/protocol/10-find-coordinator';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { startTestBroker } from '../helpers/broker';
import { startBrokerProcess, type BrokerProc } from '../helpers/dashboard';
import { waitFor } from '../helpers/groups';
import { kafka } from '../helpers/kafkajs';

const TOPIC = 'failover'; // six partitions: two led by each node
let broker: BrokerProc;
const open: { close(): void }[] = [];

const node = (id: number) => {
  const [host, port] = broker.listeners()[id].split(':');
  return { host, port: Number(port) };
};
async function connect(id: number): Promise<WireConnection> {
  const c = await WireConnection.connect(node(id).host, node(id).port, { timeoutMs: 15_000 });
  open.push(c);
  return c;
}
/** A fresh Metadata v5 (offline replicas) from node `via`. */
async function metadata(via: number, topics: string[]) {
  const c = await connect(via);
  try {
    return await c.request(Metadata, 5, { topics: topics.map((name) => ({ name })), allowAutoTopicCreation: false });
  } finally {
    c.close();
  }
}
async function leaders(topic: string): Promise<number[]> {
  const md = await metadata(0, [topic]);
  return md.topics[0].partitions.sort((a, b) => a.partitionIndex - b.partitionIndex).map((p) => p.leaderId);
}
/** A name whose hash puts what it names on the wanted node (the topology's rule, with three nodes). */
function nameOn(prefix: string, wanted: number, where: (name: string) => number): string {
  for (let i = 0; ; i++) if (where(`${prefix}-${i}`) % 3 === wanted) return `${prefix}-${i}`;
}

beforeAll(async () => {
  // port 0: each node gets a free port of its own (port + n could be taken)
  broker = await startBrokerProcess({ port: 0, args: ['--nodes', '3', '--group-min-session-timeout-ms', '1000'] });
  const admin = kafka(broker.address).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 6 }] });
  await admin.disconnect();
}, 60_000);
afterAll(async () => {
  for (const c of open) c.close();
  await broker?.stop();
  if (broker) fs.rmSync(broker.dataDir, { recursive: true, force: true });
});

describe('taking nodes down and up, and moving leaders, from the broker process stdin', () => {
  it('prints one listener a node, and takes commands', () => {
    expect(broker.listeners()).toHaveLength(3);
    expect(new Set(broker.listeners()).size).toBe(3);
  });

  it('down 1: node 1 leaves Metadata, its partitions and groups go leaderless, its port refuses; the rest keeps serving; up 1 brings it all back', async () => {
    const before = await leaders(TOPIC);
    expect(new Set(before)).toEqual(new Set([0, 1, 2]));
    // kafkajs fails a whole Metadata answer on any partition error (as it would on Kafka),
    // so its producer during the outage writes to a topic with no partition on node 1
    const solo = nameOn('solo', 0, (n) => partitionFor(n, 3));
    const producer = kafka(broker.address).producer();
    await producer.connect();
    open.push({ close: () => void producer.disconnect() });
    const admin = kafka(broker.address).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: solo, numPartitions: 1 }] });
    await admin.disconnect();
    const group = nameOn('on-node-1', 1, (g) => partitionFor(g, 50));
    const c0 = await connect(0);
    expect((await c0.request(FindCoordinator, 1, { key: group, keyType: 0 })).nodeId).toBe(1);
    const onNode1 = await connect(1);

    await broker.command('down 1');
    await waitFor('the connection to node 1 to drop', () => onNode1.closed, 5_000);
    const md = await metadata(0, [TOPIC]);
    expect(md.brokers.map((b) => b.nodeId).sort()).toEqual([0, 2]);
    expect(md.controllerId).toBe(0);
    for (const p of md.topics[0].partitions) {
      if (before[p.partitionIndex] === 1) {
        expect(p).toMatchObject({ errorCode: 5, leaderId: -1, replicaNodes: [1], offlineReplicas: [1] });
      } else {
        expect(p).toMatchObject({ errorCode: 0, leaderId: before[p.partitionIndex], offlineReplicas: [] });
      }
    }
    await expect(WireConnection.connect(node(1).host, node(1).port)).rejects.toThrow(/ECONNREFUSED/);
    const sent = await producer.send({ topic: solo, messages: [{ value: 'while node 1 is down' }] });
    expect(sent[0].errorCode).toBe(0);
    const fc = await c0.request(FindCoordinator, 1, { key: group, keyType: 0 });
    expect([fc.errorCode, fc.nodeId]).toEqual([15, -1]);
    // a live node asked for node 1's partition still routes as before
    const p1 = before.indexOf(1);
    const lo = await c0.request(ListOffsets, 1, { replicaId: -1, isolationLevel: 0, topics: [{ name: TOPIC, partitions: [{ partitionIndex: p1, timestamp: -1, maxNumOffsets: 1 }] }] });
    expect(lo.topics[0].partitions[0].errorCode).toBe(6);

    await broker.command('up 1');
    const back = await metadata(1, [TOPIC]);
    expect(back.brokers.map((b) => b.nodeId).sort()).toEqual([0, 1, 2]);
    expect(back.topics[0].partitions.map((p) => [p.errorCode, p.leaderId]).sort()).toEqual(before.map((l) => [0, l]).sort());
    const fcBack = await c0.request(FindCoordinator, 1, { key: group, keyType: 0 });
    expect([fcBack.errorCode, fcBack.nodeId]).toEqual([0, 1]);
    const toNode1 = await producer.send({ topic: TOPIC, messages: [{ partition: p1, value: 'node 1 is back' }] });
    expect(toNode1[0]).toMatchObject({ partition: p1, errorCode: 0 });
    await producer.disconnect();
  }, 60_000);

  it('rotate: every leader and coordinator moves one node on, a group keeps consuming, a parked fetch on the old leader answers at once', async () => {
    const before = await leaders(TOPIC);
    const offsetsBefore = await leaders(OFFSETS_TOPIC);
    const producer = kafka(broker.address).producer();
    await producer.connect();
    open.push({ close: () => void producer.disconnect() });
    const seen = new Set<string>();
    const consumer = kafka(broker.address).consumer({ groupId: 'rotating-readers', sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 100 });
    open.push({ close: () => void consumer.disconnect() });
    await consumer.connect();
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.add(message.value!.toString()) });
    const batch = (label: string) => Array.from({ length: 6 }, (_, p) => ({ partition: p, value: `${label}-${p}` }));
    await producer.send({ topic: TOPIC, messages: batch('before') });
    await waitFor('the group to read what came before the rotate', () => batch('before').every((m) => seen.has(m.value)), 30_000);
    const coordinatorBefore = (await (await connect(0)).request(FindCoordinator, 1, { key: 'rotating-readers', keyType: 0 })).nodeId!;

    // a long poll at partition 0's log end on its leader, parked (nothing else writes there)
    const oldLeader = await connect(before[0]);
    const end = (await oldLeader.request(ListOffsets, 1, { replicaId: -1, isolationLevel: 0, topics: [{ name: TOPIC, partitions: [{ partitionIndex: 0, timestamp: -1, maxNumOffsets: 1 }] }] })).topics[0].partitions[0].offset;
    const parked = oldLeader.request(
      Fetch,
      4,
      { replicaId: -1, maxWaitMs: 10_000, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, topics: [{ topic: TOPIC, partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: end, logStartOffset: -1, partitionMaxBytes: 1 << 20 }] }], forgottenTopicsData: [], rackId: '' },
      15_000,
    );
    let answeredAt = 0;
    void parked.then(() => (answeredAt = Date.now()), () => (answeredAt = Date.now()));
    await new Promise((r) => setTimeout(r, 300)); // it has reached the broker, and waits
    expect(answeredAt).toBe(0);

    const rotatedAt = Date.now();
    await broker.command('rotate');
    const answer = await parked;
    expect(answer.responses[0].partitions[0].errorCode).toBe(6);
    expect(answeredAt - rotatedAt).toBeLessThan(2_000);

    expect(await leaders(TOPIC)).toEqual(before.map((l) => (l + 1) % 3));
    expect(await leaders(OFFSETS_TOPIC)).toEqual(offsetsBefore.map((l) => (l + 1) % 3));
    const coordinatorAfter = (await (await connect(2)).request(FindCoordinator, 1, { key: 'rotating-readers', keyType: 0 })).nodeId;
    expect(coordinatorAfter).toBe((coordinatorBefore + 1) % 3);

    await producer.send({ topic: TOPIC, messages: batch('after') });
    await waitFor('the group to read what came after the rotate', () => batch('after').every((m) => seen.has(m.value)), 30_000);
    await consumer.disconnect();
    await producer.disconnect();
  }, 90_000);

  it('a command that cannot apply gets one error line, changes nothing, and the broker keeps serving', async () => {
    const before = await leaders(TOPIC);
    await expect(broker.command('reboot 1')).rejects.toThrow("control: error unknown command 'reboot'; accepted: down K, up K, rotate");
    await expect(broker.command('down 7')).rejects.toThrow('control: error there is no node 7 (nodes: 0, 1, 2)');
    await expect(broker.command('up 2')).rejects.toThrow('control: error node 2 is already up');
    await expect(broker.command('down')).rejects.toThrow('control: error down takes one node id');
    expect(await leaders(TOPIC)).toEqual(before);
    expect((await metadata(2, [TOPIC])).brokers).toHaveLength(3);
    await broker.command('down 2');
    await expect(broker.command('down 2')).rejects.toThrow('control: error node 2 is already down');
    await broker.command('up 2');
    expect((await metadata(2, [TOPIC])).brokers).toHaveLength(3);
  });

  it('the only node of a one-node broker cannot be taken down', async () => {
    const one = await startTestBroker();
    try {
      await expect(one.control({ kind: 'down', node: 0 })).rejects.toThrow("node 0 is the broker's only node");
      await expect(one.control({ kind: 'up', node: 0 })).rejects.toThrow('node 0 is already up');
      await one.control({ kind: 'rotate' }); // nowhere to move: everything stays on node 0
      const c = await WireConnection.connect('127.0.0.1', one.port);
      open.push(c);
      const md = await c.request(Metadata, 5, { topics: null, allowAutoTopicCreation: false });
      expect(md.brokers.map((b) => b.nodeId)).toEqual([0]);
    } finally {
      await one.destroy();
    }
  });
});
