// The lab's group members (server/kafka/lab) against the embedded broker over real TCP:
// they share partitions with each other and with librdkafka, poll and commit only when
// asked, and a killed member's partitions move after the session timeout while a member
// that leaves hands them over at once. Offsets are checked with kafkajs admin.
import { afterEach, describe, expect, it } from 'vitest';
import { StartLabMember, type LabMember as LabMemberView } from '../../lib/contract/lab';
import type { Cluster } from '../../server/kafka/cluster';
import { standaloneCluster } from '../../server/kafka/clusters';
import { LabMember } from '../../server/kafka/lab/member';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { describeGroup, waitFor } from '../helpers/groups';
import { committedByKafkajs, kafka } from '../helpers/kafkajs';

const SESSION_MS = 2000;

let broker: TestBroker | undefined;
let cluster: Cluster | undefined;
const members: LabMember[] = [];
afterEach(async () => {
  for (const m of members.splice(0)) m.kill();
  cluster?.close();
  await broker?.destroy();
  broker = undefined;
});

async function setup(topic: string, partitions: number, perPartition: number, groupMinSessionTimeoutMs = 1000): Promise<void> {
  broker = await startTestBroker({ groupMinSessionTimeoutMs });
  cluster = standaloneCluster(broker.address);
  const admin = kafka(broker.address).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] });
  await admin.disconnect();
  const producer = kafka(broker.address).producer();
  await producer.connect();
  for (let p = 0; p < partitions; p++) {
    await producer.send({ topic, messages: Array.from({ length: perPartition }, (_, i) => ({ partition: p, value: `p${p}-${i}` })) });
  }
  await producer.disconnect();
}

function start(groupId: string, topic: string, more: Partial<StartLabMember> = {}): LabMember {
  const opts = StartLabMember.parse({ session: 'test-session', groupId, topic, sessionTimeoutMs: SESSION_MS, ...more });
  const m = new LabMember(cluster!, `m${members.length + 1}`, `lab-${members.length + 1}`, opts);
  members.push(m);
  m.start();
  return m;
}

const stable = (...ms: LabMember[]) => waitFor(`members stable`, () => ms.every((m) => m.view().state === 'stable') && ms.map((m) => m.view()));
const owned = (v: LabMemberView) => v.partitions.map((p) => p.partition);

async function fetchOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
  const byTp = await committedByKafkajs(broker!.address, groupId, [topic]);
  return new Map(Object.entries(byTp).map(([tp, o]) => [Number(tp.slice(topic.length + 1)), o]));
}

describe('lab members', () => {
  it('two members share 4 partitions; poll 5 + commit moves one committed offset by 5; a killed member is evicted after the session timeout and the survivor continues from the commits', async () => {
    await setup('lab-topic', 4, 10);
    const a = start('lab-group', 'lab-topic');
    await stable(a);
    expect(owned(a.view())).toEqual([0, 1, 2, 3]);
    const b = start('lab-group', 'lab-topic');
    const [va, vb] = await waitFor('2 partitions each', async () => {
      const vs = [a.view(), b.view()];
      return vs.every((v) => v.state === 'stable' && v.partitions.length === 2) && vs;
    });
    expect([...owned(va), ...owned(vb)].sort()).toEqual([0, 1, 2, 3]);
    expect(va.generationId).toBe(vb.generationId);

    // Poll 5 on a: all from its first partition (a poll drains one partition first), nothing committed yet.
    const first = owned(a.view())[0];
    const polled = await a.poll(5);
    expect(polled.map((m) => [m.partition, m.offset])).toEqual([0, 1, 2, 3, 4].map((o) => [first, o]));
    expect(polled[0].value).toBe(`p${first}-0`);
    expect((await fetchOffsets('lab-group', 'lab-topic')).get(first)).toBe(-1);
    expect(a.view().partitions.find((p) => p.partition === first)).toMatchObject({ position: 5, committed: null });

    const c = await a.commit();
    expect(c.error).toBeNull();
    expect((await fetchOffsets('lab-group', 'lab-topic')).get(first)).toBe(5);
    expect(a.view().partitions.find((p) => p.partition === first)).toMatchObject({ position: 5, committed: 5, uncommitted: 0 });

    // Two more polled but not committed: they will be delivered again after the rebalance.
    await a.poll(2);
    const killedAt = Date.now();
    b.kill();
    expect(b.view().state).toBe('killed');
    expect(b.view().expiresAt).toBeGreaterThan(killedAt);
    const all = await waitFor('a owns all 4', () => {
      const v = a.view();
      return v.state === 'stable' && v.partitions.length === 4 && v;
    });
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(SESSION_MS - 1100); // not before the session ran out
    expect(owned(all)).toEqual([0, 1, 2, 3]);
    const next = await a.poll(40);
    const byPartition = new Map<number, number[]>();
    for (const m of next) byPartition.set(m.partition, [...(byPartition.get(m.partition) ?? []), m.offset]);
    expect(byPartition.get(first)).toEqual([5, 6, 7, 8, 9]); // from the commit: 5 and 6 again, nothing skipped
    for (const p of [0, 1, 2, 3].filter((p) => p !== first)) expect(byPartition.get(p)).toEqual([...Array(10).keys()]);
    const group = await describeGroup(broker!.port, 'lab-group');
    expect(group.members.map((m) => m.memberId)).toEqual([a.view().memberId]);
  }, 60_000);

  it('leave hands the partitions over at once and commits first when auto-commit is on', async () => {
    await setup('leave-topic', 2, 4);
    const a = start('leave-group', 'leave-topic', { sessionTimeoutMs: 30_000 });
    const b = start('leave-group', 'leave-topic', { sessionTimeoutMs: 30_000, autoCommit: true, autoCommitIntervalMs: 60_000 });
    await waitFor('1 partition each', () => a.view().partitions.length === 1 && b.view().partitions.length === 1 && a.view().state === 'stable' && b.view().state === 'stable');
    const bp = owned(b.view())[0];
    expect(await b.poll(3)).toHaveLength(3);
    const t0 = Date.now();
    await b.leave();
    expect(b.view().state).toBe('left');
    // LeaveGroup v5 and JoinGroup v8 carry the lab's reasons to the coordinator's log
    expect(broker!.logs.some((l) => l.includes(`member ${b.view().memberId} left; client reason: the member was stopped in the offsetscope lab`))).toBe(true);
    expect(broker!.logs.some((l) => l.includes('client reason: need to re-join with the given member-id'))).toBe(true);
    expect((await fetchOffsets('leave-group', 'leave-topic')).get(bp)).toBe(3); // auto-commit on leave
    await waitFor('a owns both', () => a.view().state === 'stable' && a.view().partitions.length === 2);
    expect(Date.now() - t0).toBeLessThan(15_000); // far below the 30 s session timeout
    const rest = await a.poll(10);
    expect(rest.filter((m) => m.partition === bp).map((m) => m.offset)).toEqual([3]);
  }, 60_000);

  it('auto-commit commits the position on its interval; a new member starts at latest without commits when asked', async () => {
    await setup('auto-topic', 1, 6);
    const a = start('auto-group', 'auto-topic', { autoCommit: true, autoCommitIntervalMs: 500 });
    await stable(a);
    await a.poll(4);
    await waitFor('auto commit', async () => (await fetchOffsets('auto-group', 'auto-topic')).get(0) === 4);
    expect(a.view().lastCommit).toMatchObject({ auto: true, error: null, offsets: [{ partition: 0, offset: 4 }] });

    const late = start('latest-group', 'auto-topic', { autoOffsetReset: 'latest' });
    await stable(late);
    expect(late.view().partitions[0]).toMatchObject({ position: 6, committed: null });
    expect(await late.poll(5)).toEqual([]);
  }, 60_000);

  it('a session timeout the broker refuses fails with a clear reason instead of retrying forever', async () => {
    await setup('bad-topic', 1, 0, 6000);
    const m = start('bad-group', 'bad-topic', { sessionTimeoutMs: 3000 });
    const v = await waitFor('failed', () => m.view().state === 'failed' && m.view());
    expect(v.error).toMatch(/session timeout of 3000 ms/);
    await expect(m.poll(1)).rejects.toThrow(/failed/);
  }, 30_000);

  it('shares a group with a librdkafka consumer (range assignor)', async () => {
    await setup('mixed-topic', 2, 2);
    const a = start('mixed-group', 'mixed-topic', { sessionTimeoutMs: 6000 });
    await stable(a);
    const { spawn } = await import('node:child_process');
    // kcat's balanced consumer (librdkafka, partition.assignment.strategy range,roundrobin)
    const kcat = spawn('kcat', ['-b', broker!.address, '-G', 'mixed-group', '-X', 'session.timeout.ms=6000', '-X', 'topic.auto.offset.reset=earliest', '-o', 'beginning', '-q', '-f', '%p:%o\n', 'mixed-topic'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await waitFor('a gives one partition to kcat', () => a.view().state === 'stable' && a.view().partitions.length === 1, 30_000);
      const group = await describeGroup(broker!.port, 'mixed-group');
      expect(group.members).toHaveLength(2);
    } finally {
      kcat.kill('SIGKILL');
    }
  }, 60_000);
});
