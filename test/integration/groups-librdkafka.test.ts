// librdkafka 2.0.2's balanced consumer against the group coordinator: Debian's kcat 1.7.1
// (`-G group topic`, auto commit) and confluent-kafka 1.7.0 through /usr/bin/python3
// (manual commit(), committed(), AdminClient.list_groups()). librdkafka sends
// FindCoordinator v2, JoinGroup v5, SyncGroup v3, Heartbeat v3, LeaveGroup v1,
// OffsetCommit v7, OffsetFetch v5 and, for list_groups, ListGroups/DescribeGroups v0.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { describeRun, run } from '../helpers/exec';
import { committedOffsets, describeGroup } from '../helpers/groups';
import { kafka } from '../helpers/kafkajs';

const KCAT = '/usr/bin/kcat';
const PYTHON = '/usr/bin/python3';

let broker: TestBroker;
beforeEach(async () => {
  broker = await startTestBroker({ groupMinSessionTimeoutMs: 1000 });
});
afterEach(async () => {
  await broker.destroy();
});

async function produce(topic: string, partitions: number, perPartition: number) {
  const k = kafka(broker.address);
  const admin = k.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }] });
  await admin.disconnect();
  const producer = k.producer();
  await producer.connect();
  for (let p = 0; p < partitions; p++) {
    await producer.send({ topic, messages: Array.from({ length: perPartition }, (_, i) => ({ partition: p, key: `k${p}-${i}`, value: `v${p}-${i}` })) });
  }
  await producer.disconnect();
}

describe('kcat -G (librdkafka balanced consumer)', () => {
  it('consumes every record of a 3-partition topic as a group member and commits; OffsetFetch shows the commits', async () => {
    await produce('kc', 3, 7);
    const args = [
      '-b', broker.address,
      '-G', 'kcat-group', 'kc',
      // Not -o beginning: in -G mode kcat applies -o to every assigned partition, over the commits.
      '-X', 'auto.offset.reset=earliest',
      '-e', '-q',
      '-f', '%p|%o|%s\n',
      '-X', 'session.timeout.ms=6000',
      '-X', 'auto.commit.interval.ms=100',
    ];
    const r = await run(KCAT, args, { timeoutMs: 45_000 });
    expect(r.code, `${describeRun(KCAT, args, r)}\n--- broker log ---\n${broker.logs.join('\n')}`).toBe(0);
    const rows = r.stdout.split('\n').filter(Boolean).map((l) => l.split('|'));
    expect(rows).toHaveLength(21);
    expect(rows.map(([p, o, v]) => `${p}|${o}|${v}`).sort()).toEqual(
      [0, 1, 2].flatMap((p) => Array.from({ length: 7 }, (_, i) => `${p}|${i}|v${p}-${i}`)).sort(),
    );
    // librdkafka commits the consumed positions on close: the next offset to read, 7 each.
    const committed = await committedOffsets(broker.port, 'kcat-group');
    expect(Object.fromEntries(committed)).toEqual({ 'kc/0': 7, 'kc/1': 7, 'kc/2': 7 });
    // It left the group on exit: Empty, protocol type "consumer".
    const g = await describeGroup(broker.port, 'kcat-group');
    expect(g.groupState).toBe('Empty');
    expect(g.protocolType).toBe('consumer');

    // A second run of the same group finds nothing new (it resumes at the commits).
    const again = await run(KCAT, args, { timeoutMs: 45_000 });
    expect(again.code, describeRun(KCAT, args, again)).toBe(0);
    expect(again.stdout.trim()).toBe('');
  });
});

describe('confluent-kafka 1.7.0 (librdkafka 2.0.2)', () => {
  it('a Consumer with manual commit(); committed() and AdminClient.list_groups() see the group', async () => {
    await produce('ck', 2, 5);
    const script = `
import json, sys, time
from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient
ADDR = sys.argv[1]
c = Consumer({'bootstrap.servers': ADDR, 'group.id': 'ck-group', 'enable.auto.commit': False,
              'auto.offset.reset': 'earliest', 'session.timeout.ms': 6000})
c.subscribe(['ck'])
got = []
deadline = time.time() + 30
while len(got) < 10 and time.time() < deadline:
    m = c.poll(0.5)
    if m is None or m.error():
        continue
    got.append([m.partition(), m.offset(), m.value().decode()])
c.commit(asynchronous=False)
committed = sorted([tp.partition, tp.offset] for tp in c.committed([TopicPartition('ck', 0), TopicPartition('ck', 1)], timeout=10))
assignment = sorted(tp.partition for tp in c.assignment())
admin = AdminClient({'bootstrap.servers': ADDR})
groups = {g.id: {'state': g.state, 'protocol_type': g.protocol_type, 'protocol': g.protocol, 'members': len(g.members)}
          for g in admin.list_groups(timeout=10)}
c.close()
after = {g.id: g.state for g in admin.list_groups(timeout=10)}
print(json.dumps({'got': got, 'committed': committed, 'assignment': assignment, 'groups': groups, 'after': after}))
`;
    const env = { ...process.env };
    delete env.PYTHONPATH;
    delete env.PYTHONHOME;
    const r = await run(PYTHON, ['-c', script, broker.address], { timeoutMs: 60_000, env });
    const last = r.stdout.trim().split('\n').at(-1) ?? '';
    if (r.code !== 0 || !last.startsWith('{')) {
      throw new Error(`${describeRun(PYTHON, ['-c', '<script>', broker.address], r)}\n--- broker log ---\n${broker.logs.join('\n')}`);
    }
    const res = JSON.parse(last) as {
      got: [number, number, string][];
      committed: [number, number][];
      assignment: number[];
      groups: Record<string, { state: string; protocol_type: string; protocol: string; members: number }>;
      after: Record<string, string>;
    };
    expect(res.got.map(([p, o, v]) => `${p}|${o}|${v}`).sort()).toEqual(
      [0, 1].flatMap((p) => Array.from({ length: 5 }, (_, i) => `${p}|${i}|v${p}-${i}`)).sort(),
    );
    expect(res.assignment).toEqual([0, 1]);
    expect(res.committed).toEqual([
      [0, 5],
      [1, 5],
    ]);
    // list_groups is ListGroups v0 + DescribeGroups v0: the live group, Stable, one member.
    expect(res.groups['ck-group']).toEqual({ state: 'Stable', protocol_type: 'consumer', protocol: 'range', members: 1 });
    expect(res.after['ck-group']).toBe('Empty');
    expect(Object.fromEntries(await committedOffsets(broker.port, 'ck-group'))).toEqual({ 'ck/0': 5, 'ck/1': 5 });
    // committed() went over a flexible OffsetFetch (v6+: compact fields, tagged sections, header v2):
    // librdkafka wrote the request our broker read and read the answer it wrote
    expect(Math.max(...(broker.state.versionsSeen.get(9) ?? [0]))).toBeGreaterThanOrEqual(6);
  });
});
