// The classic group APIs in their flexible versions, driven over real TCP with our own
// codecs (compact fields, tag sections, request header v2 / response header v1): one
// member through JoinGroup v9, SyncGroup v5, Heartbeat v4, OffsetCommit v8 and LeaveGroup
// v5, checked where a user sees it — the commit read back by kafkajs's admin, the member in
// DescribeGroups v5 and then gone, ListGroups v5 filtered by type and state, the join and
// leave reasons in the broker's log — and FindCoordinator v4 answering many keys at once,
// as the dashboard asks (and ListGroups' type, as the dashboard's groups list shows it).
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { withAdmin } from '../helpers/kafkajs';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import type { ClusterClient } from '../../server/kafka/connection/cluster-client';
import { standaloneCluster } from '../../server/kafka/clusters';
import { listGroupIds } from '../../server/kafka/snapshots/groups';
import { ErrorCode } from '../../server/protocol/errors';
import { encodeConsumerAssignment, encodeConsumerSubscription } from '../../server/protocol/consumer-protocol';
import { OffsetCommit } from '../../server/protocol/08-offset-commit';
import { FindCoordinator } from '../../server/protocol/10-find-coordinator';
import { JoinGroup } from '../../server/protocol/11-join-group';
import { Heartbeat } from '../../server/protocol/12-heartbeat';
import { LeaveGroup } from '../../server/protocol/13-leave-group';
import { SyncGroup } from '../../server/protocol/14-sync-group';
import { DescribeGroups } from '../../server/protocol/15-describe-groups';
import { ListGroups } from '../../server/protocol/16-list-groups';
import { DeleteGroups } from '../../server/protocol/42-delete-groups';

let broker: TestBroker | undefined;
const conns: WireConnection[] = [];
afterEach(async () => {
  for (const c of conns.splice(0)) c.close();
  await broker?.destroy();
  broker = undefined;
});

async function connect(port: number, clientId = 'flexible-test'): Promise<WireConnection> {
  const c = await WireConnection.connect('127.0.0.1', port, { clientId, timeoutMs: 15_000 });
  conns.push(c);
  return c;
}

const GROUP = 'flex';

describe('a classic group through the flexible versions', () => {
  it('joins (v9), syncs (v5), heartbeats (v4), commits (v8) and leaves (v5); the results show in kafkajs, DescribeGroups v5, ListGroups v5 and the log', async () => {
    broker = await startTestBroker();
    broker.state.createTopic('t', 2, 1);
    const c = await connect(broker.port);

    const join = (memberId: string, reason: string | null) =>
      c.request(JoinGroup, 9, {
        groupId: GROUP,
        sessionTimeoutMs: 10_000,
        rebalanceTimeoutMs: 10_000,
        memberId,
        groupInstanceId: null,
        protocolType: 'consumer',
        protocols: [{ name: 'range', metadata: encodeConsumerSubscription(['t']) }],
        reason,
      });
    const first = await join('', null);
    expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    expect(first.protocolName).toBeNull(); // v7+: null, not "", on an error
    const j = await join(first.memberId, 'need to re-join with the given member-id');
    expect(j).toMatchObject({ errorCode: 0, generationId: 1, protocolType: 'consumer', protocolName: 'range', leader: first.memberId, skipAssignment: false, memberId: first.memberId });
    expect(j.members.map((m) => m.memberId)).toEqual([j.memberId]);

    const assignment = encodeConsumerAssignment([{ topic: 't', partitions: [0, 1] }]);
    const sync = (protocolName: string | null) =>
      c.request(SyncGroup, 5, { groupId: GROUP, generationId: j.generationId, memberId: j.memberId, groupInstanceId: null, protocolType: 'consumer', protocolName, assignments: [{ memberId: j.memberId, assignment }] });
    const s = await sync('range');
    expect(s).toMatchObject({ errorCode: 0, protocolType: 'consumer', protocolName: 'range' });
    expect(Buffer.from(s.assignment)).toEqual(assignment);
    // v5: a member naming another protocol than the group's is refused, and the group is unchanged
    expect(await sync('roundrobin')).toMatchObject({ errorCode: ErrorCode.INCONSISTENT_GROUP_PROTOCOL, protocolType: null, protocolName: null });

    expect((await c.request(Heartbeat, 4, { groupId: GROUP, generationId: j.generationId, memberId: j.memberId, groupInstanceId: null })).errorCode).toBe(0);

    const commit = await c.request(OffsetCommit, 8, {
      groupId: GROUP,
      generationIdOrMemberEpoch: j.generationId,
      memberId: j.memberId,
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [
        {
          name: 't',
          partitions: [
            { partitionIndex: 0, committedOffset: 42, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: 'flexible' },
            { partitionIndex: 1, committedOffset: 7, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: null },
          ],
        },
      ],
    });
    expect(commit.topics).toEqual([{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0 }, { partitionIndex: 1, errorCode: 0 }] }]);
    const fetched = await withAdmin(broker.address, (a) => a.fetchOffsets({ groupId: GROUP, topics: ['t'] }));
    expect(fetched[0].partitions.map((p) => [p.partition, p.offset, p.metadata]).sort()).toEqual([
      [0, '42', 'flexible'],
      [1, '7', null],
    ]);

    const described = (await c.request(DescribeGroups, 5, { groups: [GROUP], includeAuthorizedOperations: true })).groups;
    expect(described).toHaveLength(1);
    expect(described[0]).toMatchObject({ errorCode: 0, groupId: GROUP, groupState: 'Stable', protocolType: 'consumer', protocolData: 'range' });
    expect(described[0].members.map((m) => [m.memberId, m.clientId])).toEqual([[j.memberId, 'flexible-test']]);

    const list = async (statesFilter: string[], typesFilter: string[]) => (await c.request(ListGroups, 5, { statesFilter, typesFilter })).groups;
    const flex = { groupId: GROUP, protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' };
    expect(await list([], [])).toEqual([flex]);
    expect(await list([], ['classic'])).toEqual([flex]);
    expect(await list([], ['Classic'])).toEqual([flex]); // case-insensitive, as Kafka's GroupType.parse
    expect(await list([], ['consumer'])).toEqual([]);
    expect(await list([], ['no-such-type'])).toEqual([]);
    expect(await list(['stable'], ['classic', 'consumer'])).toEqual([flex]);
    expect(await list(['Empty', 'Dead'], [])).toEqual([]);
    // v4 has the states filter and the state, v3 neither
    expect((await c.request(ListGroups, 4, { statesFilter: ['Stable'] })).groups).toEqual([{ groupId: GROUP, protocolType: 'consumer', groupState: 'Stable' }]);
    expect((await c.request(ListGroups, 3, {})).groups).toEqual([{ groupId: GROUP, protocolType: 'consumer' }]);

    const left = await c.request(LeaveGroup, 5, { groupId: GROUP, memberId: '', members: [{ memberId: j.memberId, groupInstanceId: null, reason: 'the test is done with it' }] });
    expect(left).toMatchObject({ errorCode: 0, members: [{ memberId: j.memberId, groupInstanceId: null, errorCode: 0 }] });
    const after = (await c.request(DescribeGroups, 5, { groups: [GROUP], includeAuthorizedOperations: false })).groups[0];
    expect(after).toMatchObject({ groupState: 'Empty', members: [] });
    expect(await list(['empty'], ['classic'])).toEqual([{ ...flex, groupState: 'Empty' }]);

    // the reasons reached the coordinator's log lines for the join and the leave
    expect(broker.logs.some((l) => l.includes(`member ${j.memberId} joined; client reason: need to re-join with the given member-id`))).toBe(true);
    expect(broker.logs.some((l) => l.includes(`member ${j.memberId} left; client reason: the test is done with it`))).toBe(true);

    expect((await c.request(DeleteGroups, 2, { groupsNames: [GROUP, 'never-was'] })).results).toEqual([
      { groupId: GROUP, errorCode: 0 },
      { groupId: 'never-was', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
    ]);
    expect(await list([], [])).toEqual([]);
  });
});

describe('FindCoordinator v4', () => {
  it('answers three keys with three coordinators, each as v3 answers it alone', async () => {
    broker = await startTestBroker({ nodes: 3 });
    const c = await connect(broker.port);
    const keys = ['flex-a', 'flex-b', 'flex-c'];
    const res = await c.request(FindCoordinator, 4, { keyType: 0, coordinatorKeys: keys });
    expect(res.coordinators).toHaveLength(3);
    expect(res.coordinators!.map((x) => [x.key, x.errorCode, x.errorMessage])).toEqual(keys.map((k) => [k, 0, null]));
    for (const key of keys) {
      const alone = await c.request(FindCoordinator, 3, { key, keyType: 0 });
      expect(res.coordinators!.find((x) => x.key === key)).toEqual({ key, nodeId: alone.nodeId, host: alone.host, port: alone.port, errorCode: 0, errorMessage: null });
    }
    // transaction keys: no transactions here, answered per key
    const txn = await c.request(FindCoordinator, 4, { keyType: 1, coordinatorKeys: ['tx'] });
    expect(txn.coordinators).toEqual([{ key: 'tx', nodeId: -1, host: '', port: -1, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, errorMessage: expect.any(String) }]);
  });
});

describe("the dashboard's groups list: each group's type", () => {
  it('is what ListGroups v5 says, and "classic" from a cluster whose ListGroups is older', async () => {
    for (const caps of [{}, { 16: 4 }] as Record<number, number>[]) {
      broker = await startTestBroker({ apiVersionCaps: caps });
      broker.state.createTopic('t', 1, 1);
      const c = await connect(broker.port);
      await c.request(OffsetCommit, 8, {
        groupId: 'typed',
        generationIdOrMemberEpoch: -1,
        memberId: '',
        groupInstanceId: null,
        retentionTimeMs: -1,
        topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: '' }] }],
      });
      const cluster = standaloneCluster(broker.address);
      try {
        const { groups } = await cluster.groups.summaries({});
        expect(groups.map((g) => [g.groupId, g.type])).toEqual([['typed', 'classic']]);
      } finally {
        cluster.close();
      }
      for (const x of conns.splice(0)) x.close();
      await broker.destroy();
      broker = undefined;
    }
  });

  it('passes on whatever type a cluster names (a KIP-848 "consumer" group, a "share" group)', async () => {
    // a cluster answering ListGroups v5 as Kafka 4 does, with groups of three types
    const answer = {
      throttleTimeMs: 0,
      errorCode: 0,
      groups: [
        { groupId: 'old', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic' },
        { groupId: 'new', protocolType: 'consumer', groupState: 'Stable', groupType: 'consumer' },
        { groupId: 'shared', protocolType: 'share', groupState: 'Stable', groupType: 'share' },
      ],
    };
    const client = { supports: () => true, toNode: async () => answer } as unknown as ClusterClient;
    const md = { clusterId: null, controllerId: 0, brokers: [{ nodeId: 0, host: 'h', port: 1, rack: null }], topics: [] };
    const { groups } = await listGroupIds(client, md);
    expect(groups.map((g) => [g.groupId, g.type])).toEqual([
      ['new', 'consumer'],
      ['old', 'classic'],
      ['shared', 'share'],
    ]);
  });
});
