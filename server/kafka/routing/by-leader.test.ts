// Routing "one request per partition leader" (byLeader, through logOffsets) against our
// broker run as three nodes in-process over real TCP, with leaders moved (`rotate`) and a
// node taken down (`down 1`) by the broker's own commands. What is guarded: partitions
// whose leader moved are routed again from fresh metadata and all get their answer; a
// leader that cannot be reached fails only its own partitions (the others keep their
// answers) and costs one attempt, not one per round.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiSpec } from '../../protocol/codec';
import { parseCommand } from '../../broker/control/commands';
import { startTestBroker, type TestBroker } from '../../../test/helpers/broker';
import { kafka, withAdmin } from '../../../test/helpers/kafkajs';
import { ClusterClient, type ClusterMetadata } from '../connection/cluster-client';
import { ClusterUnreachableError, isClusterUnreachable } from '../errors';
import { byLeader, partitionKey } from './by-leader';
import { logOffsets } from './offsets';

const TOPIC = 'by-leader';
const PARTITIONS = 6; // two led by each node
let broker: TestBroker;
let client: CountingClient;

/** The real client, counting the requests sent to each node (it changes nothing else). */
class CountingClient extends ClusterClient {
  readonly asked = new Map<number, number>();
  override toNode<Req, Res>(nodeId: number, api: ApiSpec<Req, Res>, build: (version: number) => Req): Promise<Res> {
    this.asked.set(nodeId, (this.asked.get(nodeId) ?? 0) + 1);
    return super.toNode(nodeId, api, build);
  }
}

/** Partition p holds p + 1 records: its log end is p + 1, its log start 0. */
const expected = (p: number) => ({ start: 0, end: p + 1 });
const leadersOf = (md: ClusterMetadata) => md.topics.find((t) => t.name === TOPIC)!.partitions.map((p) => p.leader);

beforeAll(async () => {
  broker = await startTestBroker({ nodes: 3 });
  await withAdmin(broker.address, (a) => a.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }], waitForLeaders: true }));
  const producer = kafka(broker.address).producer();
  await producer.connect();
  try {
    for (let p = 0; p < PARTITIONS; p++) {
      await producer.send({ topic: TOPIC, messages: Array.from({ length: p + 1 }, (_, i) => ({ partition: p, value: `p${p}-${i}` })) });
    }
  } finally {
    await producer.disconnect();
  }
  client = new CountingClient([broker.address]);
}, 60_000);
afterAll(async () => {
  client?.close();
  await broker?.destroy();
});

describe('logOffsets routed by leader', () => {
  // Guards: with metadata from before `rotate`, every partition's first request goes to a
  // node that no longer leads it (NOT_LEADER_OR_FOLLOWER → MOVED); byLeader must fetch
  // fresh metadata and ask the new leaders, so every partition still gets its true
  // offsets. If MOVED were taken as an answer (or not routed again) partitions would be
  // missing or carry null offsets.
  it('after rotate, metadata from before it still gets every partition its offsets (moved → fresh metadata)', async () => {
    const old = await client.metadata([TOPIC]);
    const before = leadersOf(old);
    expect(new Set(before)).toEqual(new Set([0, 1, 2]));
    await broker.control(parseCommand('rotate'));
    const now = leadersOf(await client.metadata([TOPIC]));
    for (let p = 0; p < PARTITIONS; p++) expect(now[p]).not.toBe(before[p]); // every leader really moved

    const offsets = await logOffsets(client, old.topics);
    expect(offsets.size).toBe(PARTITIONS);
    for (let p = 0; p < PARTITIONS; p++) expect(offsets.get(partitionKey(TOPIC, p))).toEqual(expected(p));
  });

  // Guards: a leader that is down fails its own partitions only: logOffsets answers the
  // partitions led by nodes 0 and 2 and leaves node 1's out of the map, and does so quickly
  // (node 1 is asked once per kind of offset, its partitions not routed to it again).
  it('during down 1: partitions on nodes 0 and 2 answered, node 1’s left out, quickly', async () => {
    const md = await client.metadata([TOPIC]); // leaders as they are now, node 1 among them
    const leaders = leadersOf(md);
    const onNode1 = leaders.flatMap((l, p) => (l === 1 ? [p] : []));
    expect(onNode1).toHaveLength(2);

    await broker.control(parseCommand('down 1'));
    try {
      client.asked.clear();
      const start = Date.now();
      const offsets = await logOffsets(client, md.topics);
      const took = Date.now() - start;
      expect(took).toBeLessThan(3000);
      for (let p = 0; p < PARTITIONS; p++) {
        if (onNode1.includes(p)) expect(offsets.has(partitionKey(TOPIC, p))).toBe(false);
        else expect(offsets.get(partitionKey(TOPIC, p))).toEqual(expected(p));
      }
      expect(offsets.size).toBe(PARTITIONS - onNode1.length);
      // one ListOffsets for log starts and one for log ends: node 1 not asked again each round
      expect(client.asked.get(1) ?? 0).toBeLessThanOrEqual(2);
    } finally {
      await broker.control(parseCommand('up 1'));
    }

    // back up: every partition answers again
    const after = await logOffsets(client, (await client.metadata([TOPIC])).topics);
    expect(after.size).toBe(PARTITIONS);
  });
});

describe('byLeader with a leader that cannot be reached but is still named in the metadata', () => {
  // Guards the "not asked again in the same call" rule directly. Our broker drops a down
  // node's partitions from the leaders (leader −1), so through logOffsets above fresh
  // metadata never names the dead node again; on Kafka it does until the controller notices
  // (zookeeper/KRaft session timeouts). Here the metadata is the real broker's, every node
  // up, and the send for node 1 fails the way ClusterClient.toNode fails for a broker that
  // cannot be reached (ClusterUnreachableError); byLeader must fetch fresh metadata for its
  // partitions, see node 1 named again, and not ask it again: one attempt in all, not three.
  it('asks the unreachable leader once, fails only its partitions, answers the rest', async () => {
    const md = await client.metadata([TOPIC]);
    const leaders = leadersOf(md);
    const parts = leaders.map((_, partition) => ({ topic: TOPIC, partition }));
    const calls = new Map<number, number>();
    const unreachable = new ClusterUnreachableError('cannot reach broker 1: connect timed out (stands for a hung broker)');
    const res = await byLeader(client, md, parts, async (leader, list) => {
      calls.set(leader, (calls.get(leader) ?? 0) + 1);
      if (leader === 1) throw unreachable;
      return new Map(list.map((p) => [partitionKey(p.topic, p.partition), `answered by ${leader}`]));
    });
    expect(calls.get(1)).toBe(1);
    expect(calls.get(0)).toBe(1);
    expect(calls.get(2)).toBe(1);
    for (let p = 0; p < PARTITIONS; p++) {
      const k = partitionKey(TOPIC, p);
      if (leaders[p] === 1) {
        expect(res.results.has(k)).toBe(false);
        expect(res.failed.get(k)).toBe(unreachable);
        expect(isClusterUnreachable(res.failed.get(k))).toBe(true);
      } else {
        expect(res.results.get(k)).toBe(`answered by ${leaders[p]}`);
        expect(res.failed.has(k)).toBe(false);
      }
    }
  });
});
