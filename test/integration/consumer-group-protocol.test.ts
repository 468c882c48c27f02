// The KIP-848 consumer group protocol on our broker, request by request over real TCP:
// ConsumerGroupHeartbeat v0–1 (join, reconcile with revoke-before-assign, leave, static
// members, fencing), ConsumerGroupDescribe, OffsetCommit/OffsetFetch v9 with member epochs,
// DescribeGroups v6, ListGroups v5, DeleteGroups, a session that runs out, and a restart.
// librdkafka drives the same protocol from a real client in librdkafka-consumer-protocol.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { ErrorCode } from '../../server/protocol/errors';
import { OffsetCommit } from '../../server/protocol/08-offset-commit';
import { OffsetFetch } from '../../server/protocol/09-offset-fetch';
import { JoinGroup } from '../../server/protocol/11-join-group';
import { DescribeGroups } from '../../server/protocol/15-describe-groups';
import { ListGroups } from '../../server/protocol/16-list-groups';
import { DeleteGroups } from '../../server/protocol/42-delete-groups';
import { DeleteTopics } from '../../server/protocol/20-delete-topics';
import { ConsumerGroupHeartbeat } from '../../server/protocol/68-consumer-group-heartbeat';
import { ConsumerGroupDescribe } from '../../server/protocol/69-consumer-group-describe';
import { encodeConsumerSubscription } from '../../server/protocol/consumer-protocol';
import { standaloneCluster } from '../../server/kafka/clusters';
import { readGroupStrict } from '../../server/kafka/snapshots/groups';

let broker: TestBroker | undefined;
const conns: WireConnection[] = [];
afterEach(async () => {
  for (const c of conns.splice(0)) c.close();
  await broker?.destroy();
  broker = undefined;
});

async function connect(clientId = 'cg-test'): Promise<WireConnection> {
  const c = await WireConnection.connect('127.0.0.1', broker!.port, { clientId, timeoutMs: 15_000 });
  conns.push(c);
  return c;
}

const GROUP = 'kip848';
type Owned = { topicId: string; partitions: number[] }[];

/** One member speaking ConsumerGroupHeartbeat v1 with an id it made. */
class Member {
  epoch = 0;
  owned: Owned = [];
  constructor(
    private readonly c: WireConnection,
    readonly memberId: string,
    private readonly opts: { topics?: string[]; regex?: string; instanceId?: string; assignor?: string; group?: string } = {},
  ) {}

  raw(fields: Partial<Parameters<WireConnection['request']>[2] & object>, version = 1) {
    return this.c.request(ConsumerGroupHeartbeat, version, {
      groupId: this.opts.group ?? GROUP,
      memberId: this.memberId,
      memberEpoch: this.epoch,
      instanceId: this.opts.instanceId ?? null,
      rackId: null,
      rebalanceTimeoutMs: -1,
      subscribedTopicNames: null,
      subscribedTopicRegex: null,
      serverAssignor: null,
      topicPartitions: this.owned,
      ...fields,
    });
  }

  async join() {
    this.epoch = 0;
    this.owned = [];
    const res = await this.raw({
      rebalanceTimeoutMs: 5000,
      subscribedTopicNames: this.opts.topics ?? (this.opts.regex ? null : ['t']),
      subscribedTopicRegex: this.opts.regex ?? null,
      serverAssignor: this.opts.assignor ?? null,
    });
    return this.take(res);
  }

  /** A heartbeat that reports what the member owns; it takes the answer's assignment as a real client would. */
  async beat() {
    return this.take(await this.raw({}));
  }

  async leave(epoch = -1) {
    const res = await this.raw({ memberEpoch: epoch, topicPartitions: null });
    expect(res.errorCode).toBe(0);
    return res;
  }

  private take(res: Awaited<ReturnType<Member['raw']>>) {
    if (res.errorCode !== 0) throw new Error(`heartbeat of ${this.memberId}: error ${res.errorCode} ${res.errorMessage}`);
    this.epoch = res.memberEpoch;
    if (res.assignment) this.owned = res.assignment.topicPartitions;
    return res;
  }

  partitions(): number[] {
    return this.owned.flatMap((t) => t.partitions).sort((a, b) => a - b);
  }

  /** OffsetCommit v9 at the member's epoch; the partition's error code. */
  commit(partition: number, offset: number, metadata = '') {
    return this.c
      .request(OffsetCommit, 9, {
        groupId: this.opts.group ?? GROUP,
        generationIdOrMemberEpoch: this.epoch,
        memberId: this.memberId,
        groupInstanceId: null,
        retentionTimeMs: -1,
        topics: [{ name: 't', partitions: [{ partitionIndex: partition, committedOffset: offset, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: metadata }] }],
      })
      .then((r) => r.topics[0].partitions[0].errorCode);
  }
}

async function describe848(c: WireConnection, group = GROUP) {
  const res = await c.request(ConsumerGroupDescribe, 0, { groupIds: [group], includeAuthorizedOperations: false });
  return res.groups[0];
}

/** Heartbeats every member until none changes its epoch or partitions (as clients do between polls). */
async function settle(...members: Member[]) {
  for (let round = 0; round < 10; round++) {
    const before = members.map((m) => `${m.epoch}:${m.partitions()}`).join('|');
    for (const m of members) await m.beat();
    if (members.map((m) => `${m.epoch}:${m.partitions()}`).join('|') === before) return;
  }
  throw new Error('the members did not settle in 10 rounds');
}

describe('ConsumerGroupHeartbeat', () => {
  it('two members share 6 partitions, revoking before assigning; the group is Stable at one epoch; a leave hands everything to the other', async () => {
    broker = await startTestBroker();
    broker.state.createTopic('t', 6, 1);
    const c = await connect();
    const a = new Member(c, 'member-a-0000000000000');
    const b = new Member(c, 'member-b-0000000000000');

    await a.join();
    expect(a.epoch).toBe(1);
    expect(a.partitions()).toEqual([0, 1, 2, 3, 4, 5]);

    const bJoin = await b.join();
    expect(bJoin.heartbeatIntervalMs).toBe(5000);
    // B's share is still A's: held back, B has nothing yet, at the new epoch
    expect(b.partitions()).toEqual([]);
    expect(b.epoch).toBe(2);
    let d = await describe848(c);
    expect(d.groupState).toBe('Reconciling');
    expect(d.groupEpoch).toBe(2);
    expect(d.assignmentEpoch).toBe(2);

    // A is told to give up three first, keeping its epoch until it has
    await a.beat();
    expect(a.epoch).toBe(1);
    expect(a.partitions()).toHaveLength(3);
    await a.beat(); // now it owns only those three: the new epoch
    expect(a.epoch).toBe(2);
    await b.beat(); // released: B gets them
    expect(b.epoch).toBe(2);
    expect([...a.partitions(), ...b.partitions()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(b.partitions()).toHaveLength(3);

    d = await describe848(c);
    expect(d).toMatchObject({ errorCode: 0, groupState: 'Stable', groupEpoch: 2, assignmentEpoch: 2, assignorName: 'uniform' });
    expect(d.members.map((m) => [m.memberId, m.memberEpoch, m.clientId, m.subscribedTopicNames]).sort()).toEqual([
      ['member-a-0000000000000', 2, 'cg-test', ['t']],
      ['member-b-0000000000000', 2, 'cg-test', ['t']],
    ]);
    const ma = d.members.find((m) => m.memberId === a.memberId)!;
    expect(ma.assignment.topicPartitions.map((t) => [t.topicName, t.partitions])).toEqual([['t', a.partitions()]]);
    expect(ma.targetAssignment.topicPartitions.map((t) => [t.topicName, t.partitions])).toEqual([['t', a.partitions()]]);
    expect(ma.clientHost).toBe('/127.0.0.1');

    await b.leave();
    d = await describe848(c);
    expect(d.groupEpoch).toBe(3);
    expect(d.members.map((m) => m.memberId)).toEqual([a.memberId]);
    await settle(a);
    expect(a.partitions()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(a.epoch).toBe(3);
    expect((await describe848(c)).groupState).toBe('Stable');
  });

  it('fences a member whose epoch is ahead, or behind without its previous assignment; a lost answer is forgiven; a fenced member rejoins with its id', async () => {
    broker = await startTestBroker();
    broker.state.createTopic('t', 2, 1);
    const c = await connect();
    const a = new Member(c, 'member-a-0000000000000');
    await a.join();
    const ahead = await a.raw({ memberEpoch: a.epoch + 5 });
    expect(ahead.errorCode).toBe(ErrorCode.FENCED_MEMBER_EPOCH);
    expect(ahead.errorMessage).toMatch(/greater member epoch/);

    const b = new Member(c, 'member-b-0000000000000');
    await b.join(); // epoch 2 for the group; A must reconcile
    await settle(a, b);
    expect(a.epoch).toBe(2);
    // epoch 1 again (the answer carrying 2 was "lost"), owning a subset of its partitions: accepted
    const lost = await a.raw({ memberEpoch: 1 });
    expect(lost.errorCode).toBe(0);
    expect(lost.memberEpoch).toBe(2);
    // epoch 1 claiming a partition it does not own: fenced
    const wrong = await a.raw({ memberEpoch: 1, topicPartitions: [{ topicId: a.owned[0].topicId, partitions: [0, 1] }] });
    expect(wrong.errorCode).toBe(ErrorCode.FENCED_MEMBER_EPOCH);
    expect(wrong.errorMessage).toMatch(/smaller member epoch/);
    // the fenced member comes back at epoch 0 with the same id (KIP-1082) and is a member again
    await a.join();
    await settle(a, b);
    expect([...a.partitions(), ...b.partitions()].sort()).toEqual([0, 1]);

    const unknown = await new Member(c, 'nobody-000000000000000').raw({ memberEpoch: 3 });
    expect(unknown.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('answers Kafka’s errors for bad requests', async () => {
    broker = await startTestBroker();
    broker.state.createTopic('t', 1, 1);
    const c = await connect();
    const m = new Member(c, '');
    expect(await m.raw({ rebalanceTimeoutMs: 5000, subscribedTopicNames: ['t'] })).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: "MemberId can't be empty." });
    // v0: the coordinator makes the id
    const v0 = await m.raw({ rebalanceTimeoutMs: 5000, subscribedTopicNames: ['t'] }, 0);
    expect(v0.errorCode).toBe(0);
    expect(v0.memberId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const x = new Member(c, 'member-x-0000000000000');
    expect(await x.raw({ subscribedTopicNames: ['t'] })).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'RebalanceTimeoutMs must be provided in first request.' });
    expect(await x.raw({ rebalanceTimeoutMs: 5000, subscribedTopicNames: ['t'], topicPartitions: null })).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'TopicPartitions must be empty when (re-)joining.' });
    expect(await x.raw({ rebalanceTimeoutMs: 5000, subscribedTopicNames: ['t'], serverAssignor: 'sticky' })).toMatchObject({ errorCode: ErrorCode.UNSUPPORTED_ASSIGNOR, errorMessage: 'ServerAssignor sticky is not supported. Supported assignors: uniform, range.' });
    expect(await x.raw({ rebalanceTimeoutMs: 5000, subscribedTopicRegex: '(' })).toMatchObject({ errorCode: ErrorCode.INVALID_REGULAR_EXPRESSION });
    expect(await x.raw({ memberEpoch: -3 })).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'MemberEpoch is invalid.' });
    expect(await x.raw({ memberEpoch: 4, groupId: 'no-such-group' })).toMatchObject({ errorCode: ErrorCode.GROUP_ID_NOT_FOUND });
  });

  it('subscribes by regex (the whole name must match) and follows new topics; range gives contiguous ranges', async () => {
    broker = await startTestBroker();
    broker.state.createTopic('orders-eu', 2, 1);
    broker.state.createTopic('orders-us', 2, 1);
    broker.state.createTopic('xorders-eu', 2, 1);
    const c = await connect();
    const a = new Member(c, 'member-a-0000000000000', { regex: 'orders-.*', assignor: 'range' });
    await a.join();
    let d = await describe848(c);
    expect(d.assignorName).toBe('range');
    expect(d.members[0].subscribedTopicRegex).toBe('orders-.*');
    expect(d.members[0].assignment.topicPartitions.map((t) => t.topicName).sort()).toEqual(['orders-eu', 'orders-us']);
    broker.state.createTopic('orders-asia', 2, 1);
    await settle(a);
    d = await describe848(c);
    expect(d.members[0].assignment.topicPartitions.map((t) => t.topicName).sort()).toEqual(['orders-asia', 'orders-eu', 'orders-us']);
    expect(d.groupEpoch).toBe(2);
  });

  it('a static member leaves with -2 and comes back under a new id with its partitions, without a new group epoch; its instance id is not taken meanwhile', async () => {
    broker = await startTestBroker();
    broker.state.createTopic('t', 4, 1);
    const c = await connect();
    const a = new Member(c, 'member-a-0000000000000', { instanceId: 'host-a' });
    const b = new Member(c, 'member-b-0000000000000', { instanceId: 'host-b' });
    await a.join();
    await b.join();
    await settle(a, b);
    const aParts = a.partitions();
    const epoch = (await describe848(c)).groupEpoch;

    await a.leave(-2);
    expect((await describe848(c)).members.find((m) => m.instanceId === 'host-a')?.memberEpoch).toBe(-2);
    const thief = new Member(c, 'member-z-0000000000000', { instanceId: 'host-b' });
    expect(await thief.raw({ rebalanceTimeoutMs: 5000, subscribedTopicNames: ['t'] })).toMatchObject({ errorCode: ErrorCode.UNRELEASED_INSTANCE_ID });

    const a2 = new Member(c, 'member-a-restarted0000', { instanceId: 'host-a' });
    await a2.join();
    expect(a2.partitions()).toEqual(aParts);
    const d = await describe848(c);
    expect(d.groupEpoch).toBe(epoch);
    expect(d.members.map((m) => m.memberId).sort()).toEqual(['member-a-restarted0000', 'member-b-0000000000000']);
    // the old id is fenced by the new one
    expect(await a.raw({ memberEpoch: 2 })).toMatchObject({ errorCode: ErrorCode.FENCED_INSTANCE_ID });
  });

  it('a member that stops heartbeating is removed after the session timeout and its partitions move', async () => {
    broker = await startTestBroker({ groupConsumerSessionTimeoutMs: 1500, groupConsumerMinSessionTimeoutMs: 1000, groupConsumerHeartbeatIntervalMs: 200, groupConsumerMinHeartbeatIntervalMs: 100 });
    broker.state.createTopic('t', 4, 1);
    const c = await connect();
    const a = new Member(c, 'member-a-0000000000000');
    const b = new Member(c, 'member-b-0000000000000');
    expect((await a.join()).heartbeatIntervalMs).toBe(200);
    await b.join();
    await settle(a, b);
    // only A keeps heartbeating
    const deadline = Date.now() + 15_000;
    while ((await describe848(c)).members.length > 1) {
      if (Date.now() > deadline) throw new Error('B was never removed');
      await a.beat();
      await new Promise((r) => setTimeout(r, 100));
    }
    await settle(a);
    expect(a.partitions()).toEqual([0, 1, 2, 3]);
    expect(broker.logs.some((l) => /member member-b-0000000000000 timed out \(session 1500 ms\)/.test(l))).toBe(true);
  });
});

describe('offsets, admin APIs and a restart with a consumer group', () => {
  it('commits (v9) and fetches (v9) check the member epoch; other versions and strangers are refused as Kafka refuses them', async () => {
    broker = await startTestBroker();
    broker.state.createTopic('t', 2, 1);
    const c = await connect();
    const a = new Member(c, 'member-a-0000000000000');
    await a.join();
    const commit = (version: number, epoch: number, memberId = a.memberId) =>
      c
        .request(OffsetCommit, version, {
          groupId: GROUP,
          generationIdOrMemberEpoch: epoch,
          memberId,
          groupInstanceId: null,
          retentionTimeMs: -1,
          topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 42, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: '' }] }],
        })
        .then((r) => r.topics[0].partitions[0].errorCode);
    expect(await commit(9, a.epoch + 1)).toBe(ErrorCode.STALE_MEMBER_EPOCH);
    expect(await commit(8, a.epoch)).toBe(ErrorCode.UNSUPPORTED_VERSION);
    expect(await commit(9, -1, '')).toBe(ErrorCode.UNKNOWN_MEMBER_ID); // an admin, while the group has members
    expect(await commit(9, a.epoch)).toBe(0);
    const fetch = (memberId: string | null, memberEpoch: number) =>
      c.request(OffsetFetch, 9, { groups: [{ groupId: GROUP, memberId, memberEpoch, topics: [{ name: 't', partitionIndexes: [0] }] }], requireStable: false }).then((r) => r.groups![0]);
    expect((await fetch(a.memberId, a.epoch)).topics[0].partitions[0].committedOffset).toBe(42);
    expect((await fetch(null, -1)).topics[0].partitions[0].committedOffset).toBe(42); // an admin is not checked
    expect((await fetch(a.memberId, a.epoch + 3)).errorCode).toBe(ErrorCode.STALE_MEMBER_EPOCH);
    expect((await fetch('stranger', 1)).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    await a.leave();
    expect(await commit(9, -1, '')).toBe(0); // empty now: an admin may commit
  });

  it('DescribeGroups answers Dead before v6 and GROUP_ID_NOT_FOUND from v6; ListGroups types it "consumer"; a classic member cannot join it; DeleteGroups only when empty', async () => {
    broker = await startTestBroker();
    broker.state.createTopic('t', 1, 1);
    const c = await connect();
    const a = new Member(c, 'member-a-0000000000000');
    await a.join();
    const v5 = await c.request(DescribeGroups, 5, { groups: [GROUP], includeAuthorizedOperations: false });
    expect(v5.groups[0]).toMatchObject({ errorCode: 0, groupState: 'Dead', members: [] });
    const v6 = await c.request(DescribeGroups, 6, { groups: [GROUP, 'nope'], includeAuthorizedOperations: false });
    expect(v6.groups.map((g) => [g.errorCode, g.errorMessage])).toEqual([
      [ErrorCode.GROUP_ID_NOT_FOUND, `Group ${GROUP} is not a classic group.`],
      [ErrorCode.GROUP_ID_NOT_FOUND, 'Group nope not found.'],
    ]);
    const listed = await c.request(ListGroups, 5, { statesFilter: [], typesFilter: ['Consumer'] });
    expect(listed.groups).toEqual([{ groupId: GROUP, protocolType: 'consumer', groupState: 'Stable', groupType: 'consumer' }]);
    expect((await c.request(ListGroups, 5, { statesFilter: [], typesFilter: ['classic'] })).groups).toEqual([]);

    const join = await c.request(JoinGroup, 9, {
      groupId: GROUP,
      sessionTimeoutMs: 10_000,
      rebalanceTimeoutMs: 10_000,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: encodeConsumerSubscription(['t']) }],
      reason: null,
    });
    expect(join.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);

    const del = () => c.request(DeleteGroups, 2, { groupsNames: [GROUP] }).then((r) => r.results[0].errorCode);
    expect(await del()).toBe(ErrorCode.NON_EMPTY_GROUP);
    await a.leave();
    expect((await describe848(c)).groupState).toBe('Empty');
    expect(await del()).toBe(0);
    expect((await describe848(c)).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
    broker = await broker.restart();
    const c2 = await connect();
    expect((await describe848(c2)).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
  });

  it('a restart keeps the group: epochs, members, assignments and offsets; the members heartbeat on', async () => {
    broker = await startTestBroker();
    broker.state.createTopic('t', 4, 1);
    let c = await connect();
    const a = new Member(c, 'member-a-0000000000000');
    const b = new Member(c, 'member-b-0000000000000', { instanceId: 'host-b' });
    await a.join();
    await b.join();
    await settle(a, b);
    expect(await a.commit(a.partitions()[0], 7, 'm')).toBe(0);
    const before = await describe848(c);

    broker = await broker.restart();
    c = await connect();
    const after = await describe848(c);
    expect(after).toEqual(before);
    const fetched = await c.request(OffsetFetch, 9, { groups: [{ groupId: GROUP, memberId: a.memberId, memberEpoch: a.epoch, topics: null }], requireStable: false });
    expect(fetched.groups![0].topics[0].partitions[0]).toMatchObject({ partitionIndex: a.partitions()[0], committedOffset: 7, metadata: 'm' });
    // the members carry on at their epochs on the new connection
    const a2 = Object.assign(new Member(c, a.memberId), { epoch: a.epoch, owned: a.owned });
    const res = await a2.beat();
    expect(res.memberEpoch).toBe(a.epoch);
  });

  it('deleting a topic deletes the group’s offsets on it (kept deleted across a restart) and takes its partitions out of the assignment', async () => {
    broker = await startTestBroker();
    broker.state.createTopic('t', 2, 1);
    broker.state.createTopic('u', 1, 1);
    let c = await connect();
    const a = new Member(c, 'member-a-0000000000000', { topics: ['t', 'u'] });
    await a.join();
    await settle(a);
    expect(a.owned.map((o) => o.partitions.length).sort()).toEqual([1, 2]);
    const commit = await c.request(OffsetCommit, 9, {
      groupId: GROUP,
      generationIdOrMemberEpoch: a.epoch,
      memberId: a.memberId,
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: ['t', 'u'].map((name) => ({ name, partitions: [{ partitionIndex: 0, committedOffset: 5, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: '' }] })),
    });
    expect(commit.topics.flatMap((t) => t.partitions.map((p) => p.errorCode))).toEqual([0, 0]);
    const offsets = async () => {
      const r = await c.request(OffsetFetch, 9, { groups: [{ groupId: GROUP, memberId: null, memberEpoch: -1, topics: null }], requireStable: false });
      return r.groups![0].topics.flatMap((t) => t.partitions.map((p) => `${t.name}-${p.partitionIndex}:${p.committedOffset}`)).sort();
    };
    expect(await offsets()).toEqual(['t-0:5', 'u-0:5']);
    const epoch = a.epoch;

    const del = await c.request(DeleteTopics, 4, { topicNames: ['t'], timeoutMs: 5000 });
    expect(del.responses.map((r) => r.errorCode)).toEqual([0]);
    expect(await offsets()).toEqual(['u-0:5']);
    // the group sees its subscription shrink: a new epoch, and only u's partition is assigned
    await settle(a);
    expect(a.epoch).toBeGreaterThan(epoch);
    expect(a.owned.map((o) => o.partitions)).toEqual([[0]]);
    const d = await describe848(c);
    expect(d.members[0].assignment.topicPartitions.map((tp) => tp.topicName)).toEqual(['u']);

    broker = await broker.restart();
    c = await connect();
    expect(await offsets()).toEqual(['u-0:5']);
  });

  it('the dashboard reads it with ConsumerGroupDescribe: type consumer, its state, epochs, members with epochs, assignments and targets, and its offsets', async () => {
    broker = await startTestBroker();
    broker.state.createTopic('t', 4, 1);
    const c = await connect('kip-client');
    const a = new Member(c, 'member-a-0000000000000', { instanceId: 'host-a' });
    const b = new Member(c, 'member-b-0000000000000');
    await a.join();
    await b.join();
    await settle(a, b);
    expect(await a.commit(a.partitions()[0], 3, '')).toBe(0);
    const cluster = standaloneCluster(broker.address);
    try {
      const snap = await cluster.groups.snapshot();
      const g = snap.groups.get(GROUP)!;
      expect(g).toMatchObject({ type: 'consumer', state: 'Stable', protocolType: 'consumer', protocol: 'uniform', consumer: { groupEpoch: 2, assignmentEpoch: 2, assignor: 'uniform' } });
      const ma = g.members.find((m) => m.memberId === a.memberId)!;
      expect(ma).toMatchObject({ clientId: 'kip-client', host: '127.0.0.1', assignments: [{ topic: 't', partitions: a.partitions() }] });
      expect(ma.consumer).toEqual({ instanceId: 'host-a', memberEpoch: 2, subscribedTopicNames: ['t'], subscribedTopicRegex: null, targetAssignments: [{ topic: 't', partitions: a.partitions() }] });
      expect([...g.committed.values()]).toEqual([{ topic: 't', partition: a.partitions()[0], offset: 3 }]);
      // read alone (as a reset reads it): the same group, not a Dead one
      const strict = await readGroupStrict(cluster, GROUP);
      expect(strict).toMatchObject({ type: 'consumer', state: 'Stable' });
      expect(strict!.members).toHaveLength(2);
    } finally {
      cluster.close();
    }
  });
});
