// kafkajs 2.2.4 consumer groups against the embedded broker's group coordinator: partitions
// shared out, a member killed without a goodbye is evicted after its session timeout and
// the others carry on from its committed offsets, a member that stops rebalances at once.
// kafkajs speaks FindCoordinator v2, JoinGroup v5 (MEMBER_ID_REQUIRED first), SyncGroup v3,
// Heartbeat v3, OffsetFetch v4, OffsetCommit v5 and LeaveGroup v3.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { Consumer } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { committedOffsets, decodeAssignment, describeGroup, waitFor } from '../helpers/groups';
import { kafka } from '../helpers/kafkajs';

const SESSION_MS = 2000;
const CHILD = path.join(import.meta.dirname, '..', 'helpers', 'group-consumer.ts');

let broker: TestBroker | undefined;
const consumers: Consumer[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of consumers.splice(0)) await c.disconnect().catch(() => {});
  for (const ch of children.splice(0)) if (ch.exitCode === null && ch.signalCode === null) ch.kill('SIGKILL');
  await broker?.destroy();
  broker = undefined;
});

/** Offsets seen per partition, and the latest assignment, for one consumer. */
interface Seen {
  offsets: Map<number, Set<number>>;
  /** Every record in arrival order: [partition, offset]. */
  log: [number, number][];
  assigned: number[];
  assignments: number;
}
const newSeen = (): Seen => ({ offsets: new Map(), log: [], assigned: [], assignments: 0 });
const record = (s: Seen, partition: number, offset: number) => {
  s.log.push([partition, offset]);
  if (!s.offsets.has(partition)) s.offsets.set(partition, new Set());
  s.offsets.get(partition)!.add(offset);
};

async function startConsumer(groupId: string, topic: string, seen: Seen, sessionTimeout = SESSION_MS): Promise<Consumer> {
  const c = kafka(broker!.address, 'groups-test').consumer({
    groupId,
    sessionTimeout,
    rebalanceTimeout: 10_000,
    heartbeatInterval: 200,
    maxWaitTimeInMs: 100,
    retry: { retries: 10, initialRetryTime: 100 },
  });
  consumers.push(c);
  c.on(c.events.GROUP_JOIN, (e) => {
    seen.assigned = [...((e.payload.memberAssignment as Record<string, number[]>)[topic] ?? [])].sort((a, b) => a - b);
    seen.assignments++;
  });
  await c.connect();
  await c.subscribe({ topics: [topic], fromBeginning: true });
  await c.run({ eachMessage: async ({ partition, message }) => record(seen, partition, Number(message.offset)) });
  return c;
}

function startChild(groupId: string, topic: string, seen: Seen): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, broker!.address, groupId, topic, String(SESSION_MS)], {
    cwd: path.join(import.meta.dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.on('exit', (code, sig) => {
    if (code && code !== 0) console.error(`group-consumer child exited ${code} ${sig}: ${stderr}`);
  });
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const e = JSON.parse(line) as { event: string; partition?: number; offset?: number; partitions?: number[] };
    if (e.event === 'message') record(seen, e.partition!, e.offset!);
    if (e.event === 'assigned') {
      seen.assigned = e.partitions!;
      seen.assignments++;
    }
  });
  return child;
}

async function produce(topic: string, partitions: number, perPartition: number, tag: string) {
  const producer = kafka(broker!.address).producer();
  await producer.connect();
  try {
    for (let p = 0; p < partitions; p++) {
      await producer.send({ topic, messages: Array.from({ length: perPartition }, (_, i) => ({ partition: p, value: `${tag}-${p}-${i}` })) });
    }
  } finally {
    await producer.disconnect();
  }
}

async function createTopic(topic: string, numPartitions: number) {
  const admin = kafka(broker!.address).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions }] });
  await admin.disconnect();
}

/** The group as DescribeGroups shows it: Stable, with each member's partitions of `topic`. */
async function stableAssignment(groupId: string, topic: string, members: number): Promise<number[][] | undefined> {
  const g = await describeGroup(broker!.port, groupId);
  if (g.groupState !== 'Stable' || g.members.length !== members) return undefined;
  return g.members.map((m) => decodeAssignment(m.memberAssignment).get(topic) ?? []);
}

const union = (...all: Seen[]) => {
  const out = new Map<number, Set<number>>();
  for (const s of all) for (const [p, offs] of s.offsets) for (const o of offs) (out.get(p) ?? out.set(p, new Set()).get(p)!).add(o);
  return out;
};
/** Every offset 0..perPartition−1 of every partition has been seen. */
const allSeen = (seen: Map<number, Set<number>>, partitions: number, perPartition: number) =>
  Array.from({ length: partitions }, (_, p) => [...(seen.get(p) ?? [])].filter((o) => o < perPartition).length).every((n) => n === perPartition);

describe('kafkajs consumer group', () => {
  it('3 members share 6 partitions 2 each; a SIGKILLed member is evicted after its session timeout and the others resume from its commits with nothing skipped', async () => {
    broker = await startTestBroker({ groupMinSessionTimeoutMs: 1000 });
    const topic = 'six';
    await createTopic(topic, 6);
    await produce(topic, 6, 50, 'first');

    const a = newSeen();
    const b = newSeen();
    const c = newSeen();
    await startConsumer('g3', topic, a);
    await startConsumer('g3', topic, b);
    const child = startChild('g3', topic, c);

    // The group settles with three members of two partitions each.
    const split = await waitFor('3 members with 2 partitions each', async () => {
      const s = await stableAssignment('g3', topic, 3);
      return s && s.every((ps) => ps.length === 2) && [a, b, c].every((x) => x.assigned.length === 2) ? s : undefined;
    });
    expect(split.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const childParts = [...c.assigned];

    // Everything produced so far is consumed and committed (kafkajs commits after each batch).
    await waitFor('first 300 records consumed', () => allSeen(union(a, b, c), 6, 50));
    await waitFor('offsets 50 committed on all six partitions', async () => {
      const committed = await committedOffsets(broker!.port, 'g3');
      return [0, 1, 2, 3, 4, 5].every((p) => committed.get(`${topic}/${p}`) === 50);
    });

    // Kill the child: no LeaveGroup, no final commit. Records produced now on its
    // partitions can only be read by the others, after they take its partitions over.
    const killedAt = Date.now();
    const [aMark, bMark] = [a.log.length, b.log.length];
    child.kill('SIGKILL');
    const survivorsBefore = a.assignments + b.assignments;
    await produce(topic, 6, 50, 'second');

    await waitFor('the two survivors own all six partitions', () =>
      a.assignments + b.assignments > survivorsBefore && [...a.assigned, ...b.assigned].sort().join() === '0,1,2,3,4,5',
    );
    const tookOver = Date.now() - killedAt;
    // Eviction waits for the session timeout (give or take a heartbeat), not much longer.
    expect(tookOver).toBeGreaterThanOrEqual(SESSION_MS - 300);
    expect(tookOver).toBeLessThan(SESSION_MS + 8000);
    const final = await stableAssignment('g3', topic, 2);
    expect(final?.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);

    // Every offset 0..99 of every partition was seen by someone: none skipped.
    await waitFor('all 600 records consumed', () => allSeen(union(a, b, c), 6, 100));
    const seen = union(a, b, c);
    for (let p = 0; p < 6; p++) expect([...seen.get(p)!].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // The killed member's partitions were picked up where it had committed (50), not from 0.
    const afterKill = [...a.log.slice(aMark), ...b.log.slice(bMark)];
    for (const p of childParts) {
      const offsets = afterKill.filter(([q]) => q === p).map(([, o]) => o);
      expect(Math.min(...offsets)).toBe(50);
    }
    await waitFor('offsets 100 committed on all six partitions', async () => {
      const committed = await committedOffsets(broker!.port, 'g3');
      return [0, 1, 2, 3, 4, 5].every((p) => committed.get(`${topic}/${p}`) === 100);
    });
  });

  it('consumer.stop() leaves the group: the other member gets every partition at once, well under the session timeout', async () => {
    broker = await startTestBroker({ groupMinSessionTimeoutMs: 1000 });
    const topic = 'four';
    await createTopic(topic, 4);
    const a = newSeen();
    const b = newSeen();
    // A long session (10 s): only a LeaveGroup can explain a quick rebalance.
    await startConsumer('g2', topic, a, 10_000);
    const cb = await startConsumer('g2', topic, b, 10_000);
    await waitFor('2 members with 2 partitions each', async () => {
      const s = await stableAssignment('g2', topic, 2);
      return s && s.every((ps) => ps.length === 2) && a.assigned.length === 2 && b.assigned.length === 2;
    });
    const before = a.assignments;
    const t0 = Date.now();
    await cb.stop();
    await waitFor('the remaining member owns all four partitions', () => a.assignments > before && a.assigned.join() === '0,1,2,3');
    expect(Date.now() - t0).toBeLessThan(3000);
    const g = await describeGroup(broker.port, 'g2');
    expect(g.groupState).toBe('Stable');
    expect(g.members).toHaveLength(1);
  });
});

describe('kafkajs admin group calls', () => {
  it('listGroups, describeGroups, fetchOffsets, setOffsets and deleteGroups', async () => {
    broker = await startTestBroker({ groupMinSessionTimeoutMs: 1000 });
    await createTopic('adm', 2);
    await produce('adm', 2, 5, 'x');
    const seen = newSeen();
    const c = await startConsumer('admin-group', 'adm', seen);
    await waitFor('10 records consumed and committed', async () => {
      const committed = await committedOffsets(broker!.port, 'admin-group');
      return committed.get('adm/0') === 5 && committed.get('adm/1') === 5;
    });
    const admin = kafka(broker.address).admin();
    await admin.connect();
    try {
      expect((await admin.listGroups()).groups).toEqual([{ groupId: 'admin-group', protocolType: 'consumer' }]);
      const d = await admin.describeGroups(['admin-group', 'nobody']);
      expect(d.groups.map((g) => [g.groupId, g.state, g.protocolType, g.members.length])).toEqual([
        ['admin-group', 'Stable', 'consumer', 1],
        ['nobody', 'Dead', '', 0],
      ]);
      // Active groups cannot be reset or deleted.
      await expect(admin.setOffsets({ groupId: 'admin-group', topic: 'adm', partitions: [{ partition: 0, offset: '1' }] })).rejects.toThrow();
      await expect(admin.deleteGroups(['admin-group'])).rejects.toThrow();
      await c.stop();
      await c.disconnect();
      expect((await admin.describeGroups(['admin-group'])).groups[0].state).toBe('Empty');

      // setOffsets joins the group with a consumer of its own and commits with its generation.
      await admin.setOffsets({ groupId: 'admin-group', topic: 'adm', partitions: [{ partition: 0, offset: '1' }, { partition: 1, offset: '3' }] });
      const offsets = await admin.fetchOffsets({ groupId: 'admin-group', topics: ['adm'] });
      expect(offsets[0].partitions.map((p) => [p.partition, p.offset]).sort()).toEqual([
        [0, '1'],
        [1, '3'],
      ]);
      await admin.deleteGroups(['admin-group']);
      expect((await admin.listGroups()).groups).toEqual([]);
      expect(await committedOffsets(broker.port, 'admin-group')).toEqual(new Map());
    } finally {
      await admin.disconnect();
    }
  });
});
