// The group coordinator's state machine and error codes, driven request by request over
// real TCP with our own codecs (one connection per member: a held JoinGroup blocks the
// requests queued behind it on its connection, as on Kafka).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { describeGroup, sleep, waitFor } from '../helpers/groups';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { ErrorCode } from '../../server/protocol/errors';
import { Writer } from '../../server/protocol/primitives';
import { OffsetCommit } from '../../server/protocol/08-offset-commit';
import { OffsetFetch } from '../../server/protocol/09-offset-fetch';
import { FindCoordinator } from '../../server/protocol/10-find-coordinator';
import { JoinGroup } from '../../server/protocol/11-join-group';
import { Heartbeat } from '../../server/protocol/12-heartbeat';
import { LeaveGroup } from '../../server/protocol/13-leave-group';
import { SyncGroup } from '../../server/protocol/14-sync-group';
import { ListGroups } from '../../server/protocol/16-list-groups';
import { DeleteGroups } from '../../server/protocol/42-delete-groups';
import { OffsetDelete } from '../../server/protocol/47-offset-delete';
import { Produce } from '../../server/protocol/00-produce';
import { encodeRecordBatch } from '../../server/protocol/record-batch';
import { partitionFor } from '../../server/broker/groups/offsets-topic';
import { advertised } from '../../server/broker/handlers/index';

let broker: TestBroker;
const conns: WireConnection[] = [];
beforeEach(async () => {
  broker = await startTestBroker({ groupMinSessionTimeoutMs: 1000, groupMaxSessionTimeoutMs: 60_000 });
  broker.state.createTopic('t', 2, 1);
  broker.state.createTopic('other', 1, 1);
});
afterEach(async () => {
  for (const c of conns.splice(0)) c.close();
  await broker.destroy();
});

async function connect(clientId = 'proto-test'): Promise<WireConnection> {
  const c = await WireConnection.connect('127.0.0.1', broker.port, { clientId, timeoutMs: 15_000 });
  conns.push(c);
  return c;
}

/** ConsumerProtocol subscription v0: int16 version, topics, null user data. */
function subscription(...topics: string[]): Buffer {
  const w = new Writer();
  w.int16(0).int32(topics.length);
  for (const t of topics) w.string(t);
  w.nullableBytes(null);
  return w.toBuffer();
}

interface JoinOpts {
  memberId?: string;
  session?: number;
  rebalance?: number;
  version?: number;
  protocolType?: string;
  protocols?: { name: string; metadata: Buffer }[];
  groupId?: string;
}
function join(c: WireConnection, o: JoinOpts = {}) {
  return c.request(JoinGroup, o.version ?? 5, {
    groupId: o.groupId ?? 'g',
    sessionTimeoutMs: o.session ?? 10_000,
    rebalanceTimeoutMs: o.rebalance ?? 10_000,
    memberId: o.memberId ?? '',
    groupInstanceId: null,
    protocolType: o.protocolType ?? 'consumer',
    protocols: o.protocols ?? [{ name: 'range', metadata: subscription('t') }],
  });
}
/** JoinGroup v5 the way kafkajs does it: empty id → MEMBER_ID_REQUIRED → rejoin with the id. */
async function joinNew(c: WireConnection, o: JoinOpts = {}) {
  const first = await join(c, o);
  expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
  return join(c, { ...o, memberId: first.memberId });
}
const sync = (c: WireConnection, generationId: number, memberId: string, assignments: { memberId: string; assignment: Buffer }[] = [], groupId = 'g') =>
  c.request(SyncGroup, 3, { groupId, generationId, memberId, groupInstanceId: null, assignments });
const heartbeat = (c: WireConnection, generationId: number, memberId: string, groupId = 'g') =>
  c.request(Heartbeat, 3, { groupId, generationId, memberId, groupInstanceId: null }).then((r) => r.errorCode);
const commit = (c: WireConnection, generationId: number, memberId: string, offset: number, groupId = 'g', topic = 't') =>
  c
    .request(OffsetCommit, 7, {
      groupId,
      generationIdOrMemberEpoch: generationId,
      memberId,
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, committedOffset: offset, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: 'm' }] }],
    })
    .then((r) => r.topics[0].partitions[0].errorCode);

describe('advertised versions', () => {
  it('every group API from version 0 (librdkafka gates its consumer on v0)', () => {
    const range = (key: number) => advertised.find((a) => a.apiKey === key);
    expect(range(10)).toEqual({ apiKey: 10, minVersion: 0, maxVersion: 4 });
    expect(range(11)).toEqual({ apiKey: 11, minVersion: 0, maxVersion: 9 });
    expect(range(14)).toEqual({ apiKey: 14, minVersion: 0, maxVersion: 5 });
    expect(range(12)).toEqual({ apiKey: 12, minVersion: 0, maxVersion: 4 });
    expect(range(13)).toEqual({ apiKey: 13, minVersion: 0, maxVersion: 5 });
    expect(range(8)).toEqual({ apiKey: 8, minVersion: 0, maxVersion: 9 });
    expect(range(9)).toEqual({ apiKey: 9, minVersion: 0, maxVersion: 9 });
    expect(range(15)).toEqual({ apiKey: 15, minVersion: 0, maxVersion: 6 });
    expect(range(16)).toEqual({ apiKey: 16, minVersion: 0, maxVersion: 5 });
    expect(range(42)).toEqual({ apiKey: 42, minVersion: 0, maxVersion: 2 });
    expect(range(47)).toEqual({ apiKey: 47, minVersion: 0, maxVersion: 0 });
    // KIP-848: librdkafka 2.12 asks ConsumerGroupHeartbeat v1 and nothing else
    expect(range(68)).toEqual({ apiKey: 68, minVersion: 0, maxVersion: 1 });
    expect(range(69)).toEqual({ apiKey: 69, minVersion: 0, maxVersion: 0 });
  });
});

describe('FindCoordinator', () => {
  it('answers this node for any group (v0, v2); a transaction key is refused', async () => {
    const c = await connect();
    const v0 = await c.request(FindCoordinator, 0, { key: 'g', keyType: 0 });
    expect(v0).toMatchObject({ errorCode: 0, nodeId: 0, host: '127.0.0.1', port: broker.port });
    const v2 = await c.request(FindCoordinator, 2, { key: 'another', keyType: 0 });
    expect(v2).toMatchObject({ errorCode: 0, nodeId: 0, port: broker.port });
    const txn = await c.request(FindCoordinator, 2, { key: 'tx', keyType: 1 });
    expect(txn.errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  });
});

describe('JoinGroup / SyncGroup / Heartbeat / LeaveGroup', () => {
  it('v4+ with an empty member id: MEMBER_ID_REQUIRED (79) with an id to rejoin with; v3 joins at once', async () => {
    const c = await connect('my-client');
    const first = await join(c, { version: 4 });
    expect(first.errorCode).toBe(79);
    expect(first.memberId).toMatch(/^my-client-[0-9a-f-]{36}$/);
    expect(first.generationId).toBe(-1);
    // Not a member until it rejoins: the group stays Empty.
    expect((await describeGroup(broker.port, 'g')).groupState).toBe('Empty');
    const second = await join(c, { version: 4, memberId: first.memberId });
    expect(second).toMatchObject({ errorCode: 0, generationId: 1, memberId: first.memberId, leader: first.memberId, protocolName: 'range' });
    expect(second.members.map((m) => m.memberId)).toEqual([first.memberId]);

    const v3 = await join(await connect('old'), { version: 3, groupId: 'g3' });
    expect(v3).toMatchObject({ errorCode: 0, generationId: 1 });
    expect(v3.memberId).toMatch(/^old-/);
  });

  it('goes Empty → PreparingRebalance → CompletingRebalance → Stable, and back to Empty when the last member leaves', async () => {
    const c1 = await connect('c1');
    const c2 = await connect('c2');
    const j1 = await joinNew(c1);
    expect((await describeGroup(broker.port, 'g')).groupState).toBe('CompletingRebalance');
    const s1 = await sync(c1, j1.generationId, j1.memberId, [{ memberId: j1.memberId, assignment: Buffer.from('A1') }]);
    expect(s1).toMatchObject({ errorCode: 0 });
    expect(s1.assignment.toString()).toBe('A1');
    let g = await describeGroup(broker.port, 'g');
    expect(g).toMatchObject({ groupState: 'Stable', protocolType: 'consumer', protocolData: 'range' });
    expect(g.members[0]).toMatchObject({ memberId: j1.memberId, clientId: 'c1', clientHost: '/127.0.0.1' });
    expect(g.members[0].memberAssignment.toString()).toBe('A1');

    // A second member: its join is held while the first has not rejoined.
    const first2 = await join(c2);
    const held = join(c2, { memberId: first2.memberId });
    await waitFor('PreparingRebalance', async () => (await describeGroup(broker.port, 'g')).groupState === 'PreparingRebalance');
    // The first member learns through its heartbeat (REBALANCE_IN_PROGRESS) and rejoins.
    expect(await heartbeat(c1, 1, j1.memberId)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    // Commits from the old generation are still taken while PreparingRebalance.
    expect(await commit(c1, 1, j1.memberId, 3)).toBe(0);
    const [r1, r2] = await Promise.all([join(c1, { memberId: j1.memberId }), held]);
    expect(r1.generationId).toBe(2);
    expect(r2.generationId).toBe(2);
    const leader = r1.leader;
    expect(leader).toBe(j1.memberId); // the leader stays the first member
    expect(r1.members.map((m) => m.memberId).sort()).toEqual([j1.memberId, r2.memberId].sort()); // leader gets everyone
    expect(r2.members).toEqual([]); // followers get nobody
    expect((await describeGroup(broker.port, 'g')).groupState).toBe('CompletingRebalance');
    // No commits while the assignment is being made.
    expect(await commit(c2, 2, r2.memberId, 4)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    // The follower's SyncGroup waits for the leader's.
    const followerSync = sync(c2, 2, r2.memberId);
    await sleep(100);
    const leaderSync = await sync(c1, 2, j1.memberId, [
      { memberId: j1.memberId, assignment: Buffer.from('L') },
      { memberId: r2.memberId, assignment: Buffer.from('F') },
    ]);
    expect(leaderSync.assignment.toString()).toBe('L');
    expect((await followerSync).assignment.toString()).toBe('F');
    expect((await describeGroup(broker.port, 'g')).groupState).toBe('Stable');
    expect(await heartbeat(c2, 2, r2.memberId)).toBe(0);

    // Leaving (v0 and v3): Stable → rebalance → … → Empty with the next generation.
    const left = await c2.request(LeaveGroup, 0, { groupId: 'g', memberId: r2.memberId, members: [] });
    expect(left.errorCode).toBe(0);
    expect(await heartbeat(c1, 2, j1.memberId)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const r3 = await join(c1, { memberId: j1.memberId });
    expect(r3).toMatchObject({ errorCode: 0, generationId: 3 });
    await sync(c1, 3, j1.memberId, [{ memberId: j1.memberId, assignment: Buffer.from('all') }]);
    const left3 = await c1.request(LeaveGroup, 3, { groupId: 'g', memberId: '', members: [{ memberId: j1.memberId, groupInstanceId: null }] });
    expect(left3.members).toEqual([{ memberId: j1.memberId, groupInstanceId: null, errorCode: 0 }]);
    g = await describeGroup(broker.port, 'g');
    expect(g).toMatchObject({ groupState: 'Empty', protocolType: 'consumer', members: [] });
    // Leaving again: UNKNOWN_MEMBER_ID, top-level in v0, per member in v3.
    expect((await c1.request(LeaveGroup, 1, { groupId: 'g', memberId: j1.memberId, members: [] })).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const again = await c1.request(LeaveGroup, 3, { groupId: 'g', memberId: '', members: [{ memberId: j1.memberId, groupInstanceId: null }] });
    expect(again.errorCode).toBe(0);
    expect(again.members[0].errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    // The commit made during the rebalance is there.
    const fetched = await c1.request(OffsetFetch, 5, { groupId: 'g', topics: null });
    expect(fetched.topics).toEqual([{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 3, committedLeaderEpoch: -1, metadata: 'm', errorCode: 0 }] }]);
  });

  it('error codes: 24 invalid group id, 26 session timeout out of bounds, 23 inconsistent protocol, 25 unknown member, 22 illegal generation', async () => {
    const c = await connect();
    expect((await join(c, { groupId: '' })).errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
    expect((await join(c, { session: 999 })).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await join(c, { session: 60_001 })).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await join(c, { protocolType: '' })).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await join(c, { protocols: [] })).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    // None of the refused joins left a group behind.
    expect((await c.request(ListGroups, 2, {})).groups).toEqual([]);
    // A known member id for a group that does not exist.
    expect((await join(c, { memberId: 'nobody' })).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);

    const j = await joinNew(c);
    await sync(c, j.generationId, j.memberId);
    const other = await connect();
    expect((await join(other, { protocolType: 'connect' })).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await join(other, { protocols: [{ name: 'roundrobin', metadata: subscription('t') }] })).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect((await join(other, { memberId: 'stranger' })).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);

    expect(await heartbeat(c, j.generationId, 'stranger')).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(await heartbeat(c, j.generationId + 1, j.memberId)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(await heartbeat(c, j.generationId, j.memberId, 'no-such-group')).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(await heartbeat(c, j.generationId, j.memberId, '')).toBe(ErrorCode.INVALID_GROUP_ID);
    expect((await sync(c, j.generationId + 1, j.memberId)).errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect((await sync(c, j.generationId, 'stranger')).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(await commit(c, j.generationId + 1, j.memberId, 1)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(await commit(c, j.generationId, 'stranger', 1)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    // A generation for a group that does not exist: ILLEGAL_GENERATION.
    expect(await commit(c, 5, 'x', 1, 'ghost')).toBe(ErrorCode.ILLEGAL_GENERATION);
    // An unknown topic: UNKNOWN_TOPIC_OR_PARTITION.
    expect(await commit(c, j.generationId, j.memberId, 1, 'g', 'missing')).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    expect(await commit(c, j.generationId, j.memberId, 1)).toBe(0);
  });

  it('a member that stops heartbeating is removed after its session timeout; the group goes Empty', async () => {
    const c = await connect();
    const j = await joinNew(c, { session: 1000 });
    await sync(c, j.generationId, j.memberId);
    const t0 = Date.now();
    await waitFor('Empty', async () => (await describeGroup(broker.port, 'g')).groupState === 'Empty', 5000, 20);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(await heartbeat(c, j.generationId, j.memberId)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('a rebalance waits for known members up to the rebalance timeout, then goes on without them', async () => {
    const c1 = await connect();
    const c2 = await connect();
    const j1 = await joinNew(c1, { session: 10_000, rebalance: 1500 });
    await sync(c1, j1.generationId, j1.memberId);
    const t0 = Date.now();
    // c1 keeps heartbeating (so its session does not expire) but never rejoins.
    let stop = false;
    const beats = (async () => {
      while (!stop) {
        await heartbeat(c1, j1.generationId, j1.memberId);
        await sleep(100);
      }
    })();
    const j2 = await joinNew(c2, { session: 10_000, rebalance: 1500 });
    stop = true;
    await beats;
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(1400);
    expect(waited).toBeLessThan(5000);
    expect(j2).toMatchObject({ errorCode: 0, generationId: 2, leader: j2.memberId });
    expect(j2.members.map((m) => m.memberId)).toEqual([j2.memberId]);
    expect(await heartbeat(c1, j1.generationId, j1.memberId)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('members that never send SyncGroup are removed after the rebalance timeout', async () => {
    const c1 = await connect();
    const j1 = await joinNew(c1, { session: 10_000, rebalance: 1000 });
    expect((await describeGroup(broker.port, 'g')).groupState).toBe('CompletingRebalance');
    await waitFor('Empty', async () => (await describeGroup(broker.port, 'g')).groupState === 'Empty', 5000);
    expect(await heartbeat(c1, j1.generationId, j1.memberId)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });
});

describe('offsets and group admin', () => {
  it('generation −1 commits are taken while the group is Empty (or unknown), refused with 25 while it has members', async () => {
    const admin = await connect();
    // Unknown group: created Empty.
    expect(await commit(admin, -1, '', 7, 'simple')).toBe(0);
    expect((await describeGroup(broker.port, 'simple')).groupState).toBe('Empty');
    // OffsetCommit v0 carries no generation at all: the same rule.
    const v0 = await admin.request(OffsetCommit, 0, {
      groupId: 'simple',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [{ name: 't', partitions: [{ partitionIndex: 1, committedOffset: 9, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: null }] }],
    });
    expect(v0.topics[0].partitions[0].errorCode).toBe(0);
    const f = await admin.request(OffsetFetch, 1, { groupId: 'simple', topics: [{ name: 't', partitionIndexes: [0, 1] }, { name: 'other', partitionIndexes: [0] }] });
    expect(f.topics!.map((t) => t.partitions.map((p) => [p.partitionIndex, p.committedOffset, p.metadata, p.errorCode]))).toEqual([
      [
        [0, 7, 'm', 0],
        [1, 9, '', 0],
      ],
      [[0, -1, '', 0]],
    ]);
    expect((await admin.request(ListGroups, 0, {})).groups).toEqual([{ groupId: 'simple', protocolType: '' }]);

    const m = await connect();
    const j = await joinNew(m);
    await sync(m, j.generationId, j.memberId);
    expect(await commit(admin, -1, '', 8)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(await commit(m, j.generationId, j.memberId, 8)).toBe(0);
    await m.request(LeaveGroup, 3, { groupId: 'g', memberId: '', members: [{ memberId: j.memberId, groupInstanceId: null }] });
    expect(await commit(admin, -1, '', 10)).toBe(0);
    const list = (await admin.request(ListGroups, 2, {})).groups;
    expect(list).toEqual([
      { groupId: 'g', protocolType: 'consumer' },
      { groupId: 'simple', protocolType: '' },
    ]);
  });

  it('DeleteGroups: 69 unknown, 68 while it has members, then deleted with its offsets', async () => {
    const c = await connect();
    const j = await joinNew(c);
    await sync(c, j.generationId, j.memberId);
    await commit(c, j.generationId, j.memberId, 5);
    const del = (...groups: string[]) => c.request(DeleteGroups, 1, { groupsNames: groups }).then((r) => r.results);
    expect(await del('g', 'nope')).toEqual([
      { groupId: 'g', errorCode: ErrorCode.NON_EMPTY_GROUP },
      { groupId: 'nope', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
    ]);
    await c.request(LeaveGroup, 3, { groupId: 'g', memberId: '', members: [{ memberId: j.memberId, groupInstanceId: null }] });
    expect(await del('g')).toEqual([{ groupId: 'g', errorCode: 0 }]);
    expect((await describeGroup(broker.port, 'g')).groupState).toBe('Dead');
    const f = await c.request(OffsetFetch, 5, { groupId: 'g', topics: null });
    expect(f.topics).toEqual([]);
    expect(await del('g')).toEqual([{ groupId: 'g', errorCode: ErrorCode.GROUP_ID_NOT_FOUND }]);
  });

  it('OffsetDelete: 86 for a topic an active consumer group subscribes to, deleted for others; 69 for an unknown group', async () => {
    const c = await connect();
    expect(await commit(c, -1, '', 4, 'g', 'other')).toBe(0);
    const j = await joinNew(c); // subscribes to t
    await sync(c, j.generationId, j.memberId);
    expect(await commit(c, j.generationId, j.memberId, 6, 'g', 't')).toBe(0);
    const od = (groupId: string, topic: string) => c.request(OffsetDelete, 0, { groupId, topics: [{ name: topic, partitions: [{ partitionIndex: 0 }] }] });
    expect(await od('g', 't')).toEqual({ errorCode: 0, throttleTimeMs: 0, topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC }] }] });
    expect(await od('g', 'other')).toEqual({ errorCode: 0, throttleTimeMs: 0, topics: [{ name: 'other', partitions: [{ partitionIndex: 0, errorCode: 0 }] }] });
    expect((await od('nope', 't')).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
    expect((await od('g', 'missing')).topics[0].partitions[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const f = await c.request(OffsetFetch, 5, { groupId: 'g', topics: null });
    expect(f.topics!.map((t) => t.name)).toEqual(['t']);
    // Once the group is Empty, its last offsets can go, and the group with them.
    await c.request(LeaveGroup, 3, { groupId: 'g', memberId: '', members: [{ memberId: j.memberId, groupInstanceId: null }] });
    expect((await od('g', 't')).topics[0].partitions[0].errorCode).toBe(0);
    expect((await describeGroup(broker.port, 'g')).groupState).toBe('Dead');
  });

  it('__consumer_offsets: 50 partitions, internal, not writable by clients, not deletable', async () => {
    const topic = broker.state.topics.get('__consumer_offsets')!;
    expect(topic.internal).toBe(true);
    expect(topic.partitions).toHaveLength(50);
    // Kafka's own placement: Utils.abs(groupId.hashCode()) % 50, with Java's String.hashCode
    // ("test_group".hashCode() = 2059298962) and Utils.abs(Integer.MIN_VALUE) = 0
    // ("polygenelubricants".hashCode() is Integer.MIN_VALUE).
    expect(partitionFor('test_group')).toBe(12);
    expect(partitionFor('polygenelubricants')).toBe(0);
    expect(() => broker.state.deleteTopic('__consumer_offsets')).toThrow(/cannot be deleted/);
    const c = await connect();
    const batch = await encodeRecordBatch([{ value: 'forged' }]);
    const r = await c.request(Produce, 7, { transactionalId: null, acks: -1, timeoutMs: 1000, topicData: [{ name: '__consumer_offsets', partitionData: [{ index: 0, records: [batch] }] }] });
    expect(r.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.INVALID_TOPIC_EXCEPTION);
  });
});

describe('group.initial.rebalance.delay.ms', () => {
  it('a new group waits the delay for more members before its first generation', async () => {
    await broker.destroy();
    broker = await startTestBroker({ groupMinSessionTimeoutMs: 1000, groupInitialRebalanceDelayMs: 600 });
    const c1 = await connect('a');
    const c2 = await connect('b');
    const t0 = Date.now();
    const first = join(c1, { version: 3 });
    await sleep(100);
    const second = join(c2, { version: 3 });
    const [r1, r2] = await Promise.all([first, second]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(550);
    // One rebalance with both, not a first generation of one.
    expect([r1.generationId, r2.generationId]).toEqual([1, 1]);
    expect(r1.members.length + r2.members.length).toBe(2);
  });
});
