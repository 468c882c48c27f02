// Groups and committed offsets live in __consumer_offsets, written in Kafka's own record
// format: a restart rebuilds them from there, deleted groups and topics stay deleted, and
// any reader of the topic (our reader, kcat) sees real magic-2 batches with OffsetCommit
// key v1 / value v3 and GroupMetadata key v2 / value v1 records.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { describeRun, run } from '../helpers/exec';
import { adminCommit as adminCommitAt, committedOffsets, decodeAssignment, describeGroup, waitFor, withConn } from '../helpers/groups';
import { kafka } from '../helpers/kafkajs';
import { readAllRecords } from '../helpers/read';
import { OffsetCommit } from '../../server/protocol/08-offset-commit';
import { JoinGroup } from '../../server/protocol/11-join-group';
import { Heartbeat } from '../../server/protocol/12-heartbeat';
import { SyncGroup } from '../../server/protocol/14-sync-group';
import { ListGroups } from '../../server/protocol/16-list-groups';
import { DeleteGroups } from '../../server/protocol/42-delete-groups';
import { Reader } from '../../server/protocol/primitives';
import { OFFSETS_TOPIC, partitionFor } from '../../server/broker/groups/offsets-topic';

let broker: TestBroker | undefined;
afterEach(async () => {
  await broker?.destroy();
  broker = undefined;
});

const adminCommit = (groupId: string, topic: string, offsets: Record<number, number>, metadata: string | null = null) =>
  adminCommitAt(broker!.port, groupId, topic, offsets, metadata);

/**
 * Runs a kafkajs consumer in `groupId` until it has read `records` records and the group's
 * committed offsets add up to `committedSum`, then stops it (LeaveGroup). Returns how many
 * records it read.
 */
async function consumeWithKafkajs(groupId: string, topic: string, records: number, committedSum: number): Promise<number> {
  const consumer = kafka(broker!.address).consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 200, maxWaitTimeInMs: 100 });
  let seen = 0;
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async () => void seen++ });
    await waitFor('the group join', () => joined);
    await waitFor(`${records} records`, () => seen >= records);
    await waitFor('commits', async () => {
      const c = await committedOffsets(broker!.port, groupId);
      return [...c.values()].reduce((a, b) => a + b, 0) === committedSum;
    });
    if (records === 0) await new Promise((r) => setTimeout(r, 500)); // time to (wrongly) read anything
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

async function produce(topic: string, partitions: number, perPartition: number) {
  const k = kafka(broker!.address);
  const admin = k.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] });
  await admin.disconnect();
  const producer = k.producer();
  await producer.connect();
  for (let p = 0; p < partitions; p++) await producer.send({ topic, messages: Array.from({ length: perPartition }, (_, i) => ({ partition: p, value: `m${i}` })) });
  await producer.disconnect();
}

const listGroups = () => withConn(broker!.port, (c) => c.request(ListGroups, 2, {})).then((r) => r.groups.map((g) => g.groupId).sort());

describe('__consumer_offsets persistence', () => {
  it('a restart keeps every group and committed offset; deleted groups and topics stay deleted', async () => {
    broker = await startTestBroker({ groupMinSessionTimeoutMs: 1000 });
    await produce('orders', 3, 4);
    await produce('audit', 1, 2);
    expect(await consumeWithKafkajs('live', 'orders', 12, 12)).toBe(12);
    await adminCommit('manual', 'orders', { 0: 1, 1: 2, 2: 3 }, 'set by hand');
    await adminCommit('manual', 'audit', { 0: 2 });
    await adminCommit('doomed', 'orders', { 0: 4 });
    await adminCommit('audit-only', 'audit', { 0: 1 });
    // Later commits replace earlier ones.
    await adminCommit('manual', 'orders', { 2: 4 });
    const del = await withConn(broker.port, (c) => c.request(DeleteGroups, 1, { groupsNames: ['doomed'] }));
    expect(del.results).toEqual([{ groupId: 'doomed', errorCode: 0 }]);
    // Deleting a topic removes every group's offsets for it; a group left with none goes too.
    const admin = kafka(broker.address).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: ['audit'] });
    await admin.disconnect();

    const before = {
      groups: await listGroups(),
      live: Object.fromEntries(await committedOffsets(broker.port, 'live')),
      manual: Object.fromEntries(await committedOffsets(broker.port, 'manual')),
    };
    expect(before.groups).toEqual(['live', 'manual']);
    expect(before.live).toEqual({ 'orders/0': 4, 'orders/1': 4, 'orders/2': 4 });
    expect(before.manual).toEqual({ 'orders/0': 1, 'orders/1': 2, 'orders/2': 4 });
    const liveBefore = await describeGroup(broker.port, 'live');

    broker = await broker.restart();
    expect(await listGroups()).toEqual(before.groups);
    expect(Object.fromEntries(await committedOffsets(broker.port, 'live'))).toEqual(before.live);
    expect(Object.fromEntries(await committedOffsets(broker.port, 'manual'))).toEqual(before.manual);
    expect(await committedOffsets(broker.port, 'doomed')).toEqual(new Map());
    expect(await committedOffsets(broker.port, 'audit-only')).toEqual(new Map());
    expect((await describeGroup(broker.port, 'doomed')).groupState).toBe('Dead');
    const live = await describeGroup(broker.port, 'live');
    expect(live).toMatchObject({ groupState: 'Empty', protocolType: 'consumer' });
    expect(live.groupState).toBe(liveBefore.groupState);

    // A consumer of the restored group resumes where it committed: nothing left to read.
    expect(await consumeWithKafkajs('live', 'orders', 0, 12)).toBe(0);
    expect(Object.fromEntries(await committedOffsets(broker.port, 'live'))).toEqual(before.live);

    // Twice over: the records written after the first restart replay too.
    broker = await broker.restart();
    expect(await listGroups()).toEqual(['live', 'manual']);
    expect(Object.fromEntries(await committedOffsets(broker.port, 'manual'))).toEqual(before.manual);
  });

  it('a Stable group comes back Stable with its members, who keep heartbeating; silent ones expire', async () => {
    broker = await startTestBroker({ groupMinSessionTimeoutMs: 1000 });
    broker.state.createTopic('t', 1, 1);
    const req = (memberId: string) => ({
      groupId: 'kept',
      sessionTimeoutMs: 1500,
      rebalanceTimeoutMs: 5000,
      memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: Buffer.from([0, 0, 0, 0, 0, 1, 0, 1, 116, 255, 255, 255, 255]) }],
    });
    const { memberId, generationId } = await withConn(broker.port, async (c) => {
      const first = await c.request(JoinGroup, 5, req(''));
      const j = await c.request(JoinGroup, 5, req(first.memberId));
      const s = await c.request(SyncGroup, 3, { groupId: 'kept', generationId: j.generationId, memberId: j.memberId, groupInstanceId: null, assignments: [{ memberId: j.memberId, assignment: Buffer.from('mine') }] });
      expect(s.errorCode).toBe(0);
      return j;
    });
    broker = await broker.restart();
    const g = await describeGroup(broker.port, 'kept');
    expect(g).toMatchObject({ groupState: 'Stable', protocolData: 'range' });
    expect(g.members.map((m) => [m.memberId, m.memberAssignment.toString()])).toEqual([[memberId, 'mine']]);
    const beat = () => withConn(broker!.port, (c) => c.request(Heartbeat, 3, { groupId: 'kept', generationId, memberId, groupInstanceId: null }));
    expect((await beat()).errorCode).toBe(0);
    // No more heartbeats: the session (1.5 s) runs out and the group goes Empty.
    await waitFor('Empty', async () => (await describeGroup(broker!.port, 'kept')).groupState === 'Empty', 6000);
    expect((await beat()).errorCode).toBe(25);
  });

  it('records are Kafka-format: offset commits key v1 + value v3, group metadata key v2 + value v1, tombstones on delete; kcat reads them', async () => {
    broker = await startTestBroker({ groupMinSessionTimeoutMs: 1000 });
    await produce('bytes', 2, 3);
    const t0 = Date.now();
    await adminCommit('byte-group', 'bytes', { 0: 3, 1: 1 }, 'meta');
    // kafkajs reads partition 1's remaining two records and commits 1/3 (0/3 stays).
    expect(await consumeWithKafkajs('byte-group', 'bytes', 2, 6)).toBe(2);

    const partition = partitionFor('byte-group');
    const records = await readAllRecords(broker.port, OFFSETS_TOPIC, partition);
    const keyVersion = (r: (typeof records)[number]) => r.key!.readInt16BE(0);

    // The first two: our admin commit, one record per partition.
    const [c0, c1] = records;
    for (const [rec, p, offset] of [[c0, 0, 3], [c1, 1, 1]] as const) {
      const k = new Reader(rec.key!);
      expect(k.int16()).toBe(1); // OffsetCommitKey v1
      expect(k.string()).toBe('byte-group');
      expect(k.string()).toBe('bytes');
      expect(k.int32()).toBe(p);
      expect(k.remaining).toBe(0);
      const v = new Reader(rec.value!);
      expect(v.int16()).toBe(3); // OffsetCommitValue v3
      expect(v.int64()).toBe(offset);
      expect(v.int32()).toBe(-1); // leader epoch
      expect(v.string()).toBe('meta');
      const ts = v.int64();
      expect(ts).toBeGreaterThanOrEqual(t0 - 1000);
      expect(ts).toBeLessThanOrEqual(Date.now());
      expect(v.remaining).toBe(0);
    }

    // The group's completed rebalance: GroupMetadataKey v2 + GroupMetadataValue v1 with the member and its assignment.
    const groupRecords = records.filter((r) => keyVersion(r) === 2);
    expect(groupRecords.length).toBeGreaterThanOrEqual(2); // Stable after sync, Empty after leaving
    for (const rec of groupRecords) {
      const k = new Reader(rec.key!);
      expect(k.int16()).toBe(2); // GroupMetadataKey v2
      expect(k.string()).toBe('byte-group');
      expect(k.remaining).toBe(0);
    }
    const g = groupRecords.map((r) => decodeGroupValue(r.value!)).find((v) => v.members.length === 1)!;
    expect(g).toMatchObject({ version: 1, protocolType: 'consumer', generation: 1, protocol: 'RoundRobinAssigner' });
    expect(g.leader).toBe(g.members[0].memberId);
    expect(g.members[0]).toMatchObject({ clientId: 'offsetscope-test', clientHost: '/127.0.0.1', sessionTimeout: 6000 });
    expect(g.members[0].rebalanceTimeout).toBeGreaterThan(0);
    expect(decodeAssignment(g.members[0].assignment).get('bytes')).toEqual([0, 1]);
    const empty = decodeGroupValue(groupRecords.at(-1)!.value!);
    expect(empty).toMatchObject({ version: 1, protocolType: 'consumer', generation: 2, protocol: null, leader: null, members: [] });

    // Deleting the group writes tombstones: a null value for each offset key and the group key.
    await withConn(broker.port, (c) => c.request(DeleteGroups, 1, { groupsNames: ['byte-group'] }));
    const after = await readAllRecords(broker.port, OFFSETS_TOPIC, partition);
    const tombstones = after.slice(records.length);
    expect(tombstones.map((r) => [keyVersion(r), r.value])).toEqual([
      [1, null],
      [1, null],
      [2, null],
    ]);

    // kcat (librdkafka) consumes the internal topic like any other: valid batches, CRCs and all.
    const args = ['-C', '-b', broker.address, '-t', OFFSETS_TOPIC, '-p', String(partition), '-o', 'beginning', '-e', '-q', '-f', '%o|%K|%S\n'];
    const r = await run('/usr/bin/kcat', args, { timeoutMs: 30_000 });
    expect(r.code, describeRun('kcat', args, r)).toBe(0);
    const rows = r.stdout.split('\n').filter(Boolean);
    expect(rows).toHaveLength(after.length);
    expect(rows.at(-1)).toMatch(/\|-1$/); // the group tombstone: a null value
    // Metadata marks it internal.
    const md = await run('/usr/bin/kcat', ['-L', '-b', broker.address, '-t', OFFSETS_TOPIC], { timeoutMs: 30_000 });
    expect(md.stdout).toContain(`topic "${OFFSETS_TOPIC}" with 50 partitions`);
  });
});

/** GroupMetadataValue v0–1 as Burrow reads it. */
function decodeGroupValue(buf: Buffer) {
  const r = new Reader(buf);
  const version = r.int16();
  const protocolType = r.string();
  const generation = r.int32();
  const protocol = r.nullableString();
  const leader = r.nullableString();
  const n = r.int32();
  const members = [];
  for (let i = 0; i < n; i++) {
    members.push({
      memberId: r.string(),
      clientId: r.string(),
      clientHost: r.string(),
      rebalanceTimeout: version >= 1 ? r.int32() : -1,
      sessionTimeout: r.int32(),
      subscription: r.bytes(),
      assignment: r.bytes(),
    });
  }
  if (r.remaining !== 0) throw new Error(`${r.remaining} bytes left in a group metadata value`);
  return { version, protocolType, generation, protocol, leader, members };
}
