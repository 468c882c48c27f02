// Offset resets applied to a real group on the embedded broker, one test per strategy and
// scope: what the preview (dry run) said is what kafkajs admin.fetchOffsets and
// confluent-kafka's Consumer.committed() then read back. An active group is refused and a
// plan with an error commits nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer } from 'kafkajs';
import { ResetRequest, type ResetResponse } from '../../lib/contract/reset';
import type { Cluster } from '../../server/kafka/cluster';
import { standaloneCluster } from '../../server/kafka/clusters';
import { resetGroup } from '../../server/kafka/actions/reset';
import { startTestBroker, tempDir, type TestBroker } from '../helpers/broker';
import { describeRun, run } from '../helpers/exec';
import { waitFor } from '../helpers/groups';
import { committedByKafkajs, kafka } from '../helpers/kafkajs';

const HOUR = 3600_000;
const T0 = Date.now() - 3 * HOUR; // batch A
const T1 = Date.now() - 10 * 60_000; // batch B

let broker: TestBroker;
let cluster: Cluster;
const who = { address: '127.0.0.1', userAgent: 'vitest' };

beforeAll(async () => {
  process.env.OFFSETSCOPE_DATA_DIR = tempDir('offsetscope-reset-audit-');
  broker = await startTestBroker();
  cluster = standaloneCluster(broker.address);
  const admin = kafka(broker.address).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'rs', numPartitions: 3 }, { topic: 'rs2', numPartitions: 1 }] });
  await admin.disconnect();
  const producer = kafka(broker.address).producer();
  await producer.connect();
  for (const [t, n] of [
    ['rs', 3],
    ['rs2', 1],
  ] as const) {
    for (let p = 0; p < n; p++) {
      await producer.send({ topic: t, messages: Array.from({ length: 5 }, (_, i) => ({ partition: p, value: `a${i}`, timestamp: String(T0 + i) })) });
      await producer.send({ topic: t, messages: Array.from({ length: 5 }, (_, i) => ({ partition: p, value: `b${i}`, timestamp: String(T1 + i) })) });
    }
  }
  await producer.disconnect();
}, 60_000);
afterAll(async () => {
  cluster?.close();
  await broker?.destroy();
});

/** A stopped group that has committed p0 → 7 and p1 → 3 on rs, nothing on p2 (committed by librdkafka). */
async function stoppedGroup(groupId: string): Promise<void> {
  await python(
    `
import sys
from confluent_kafka import Consumer, TopicPartition
c = Consumer({'bootstrap.servers': sys.argv[1], 'group.id': sys.argv[2], 'enable.auto.commit': False})
c.commit(offsets=[TopicPartition('rs', 0, 7), TopicPartition('rs', 1, 3)], asynchronous=False)
c.close()
`,
    [groupId],
  );
}

async function python(script: string, args: string[]): Promise<string> {
  const env = { ...process.env };
  delete env.PYTHONPATH;
  const all = ['-c', script, broker.address, ...args];
  const r = await run('/usr/bin/python3', all, { timeoutMs: 30_000, env });
  if (r.code !== 0) throw new Error(describeRun('/usr/bin/python3', all, r));
  return r.stdout;
}

const kafkajsView = (groupId: string, topics: string[]) => committedByKafkajs(broker.address, groupId, topics);

async function librdkafkaView(groupId: string, tps: [string, number][]): Promise<Record<string, number>> {
  const out = await python(
    `
import json, sys
from confluent_kafka import Consumer, TopicPartition
c = Consumer({'bootstrap.servers': sys.argv[1], 'group.id': sys.argv[2], 'enable.auto.commit': False})
res = c.committed([TopicPartition(t, p) for t, p in json.loads(sys.argv[3])], timeout=10)
print(json.dumps({'%s-%d' % (tp.topic, tp.partition): tp.offset for tp in res}))
c.close()
`,
    [groupId, JSON.stringify(tps)],
  );
  const view = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
  return Object.fromEntries(Object.entries(view).map(([k, v]) => [k, v < 0 ? -1 : v])); // librdkafka: -1001 = none
}

/** Previews, applies, and checks the result equals the preview in both clients' views. */
async function applyAndCheck(groupId: string, body: Record<string, unknown>): Promise<ResetResponse> {
  const preview = await resetGroup(cluster, groupId, ResetRequest.parse({ ...body, dryRun: true }), who);
  expect(preview.applied).toBe(false);
  const applied = await resetGroup(cluster, groupId, ResetRequest.parse({ ...body, dryRun: false }), who);
  expect(applied.applied).toBe(true);
  expect(applied.plan).toEqual(preview.plan);
  const expected = Object.fromEntries(applied.plan.map((r) => [`${r.topic}-${r.partition}`, r.newOffset]));
  const topics = [...new Set(applied.plan.map((r) => r.topic))];
  const js = await kafkajsView(groupId, topics);
  const rd = await librdkafkaView(
    groupId,
    applied.plan.map((r) => [r.topic, r.partition]),
  );
  for (const [tp, offset] of Object.entries(expected)) {
    expect(js[tp], `kafkajs ${tp}`).toBe(offset);
    expect(rd[tp], `confluent-kafka ${tp}`).toBe(offset);
  }
  return applied;
}
const newOffsets = (r: ResetResponse) => r.plan.map((x) => x.newOffset);

describe('the audit record', () => {
  it('an applied reset whose audit cannot be written still answers what was applied, and says why the record is missing', async () => {
    await stoppedGroup('g-audit-fails');
    const saved = process.env.OFFSETSCOPE_DATA_DIR;
    // a data dir under a regular file: every write below it fails (ENOTDIR)
    const file = path.join(tempDir('offsetscope-not-a-dir-'), 'file');
    fs.writeFileSync(file, '');
    process.env.OFFSETSCOPE_DATA_DIR = path.join(file, 'data');
    let r: ResetResponse;
    try {
      r = await resetGroup(cluster, 'g-audit-fails', ResetRequest.parse({ strategy: 'to-offset', offset: 1, scope: { topics: ['rs'] }, dryRun: false }), who);
    } finally {
      process.env.OFFSETSCOPE_DATA_DIR = saved;
    }
    expect(r.applied).toBe(true);
    expect(r.auditId).toBeUndefined();
    expect(r.auditError).toMatch(/applied, but its audit record could not be written/);
    expect(await kafkajsView('g-audit-fails', ['rs'])).toEqual({ 'rs-0': 1, 'rs-1': 1, 'rs-2': 1 }); // it was committed
  });
});

describe('each strategy applied to a stopped group', () => {
  it('to-earliest on one topic (all its partitions)', async () => {
    await stoppedGroup('g-earliest');
    const r = await applyAndCheck('g-earliest', { strategy: 'to-earliest', scope: { topics: ['rs'] } });
    expect(newOffsets(r)).toEqual([0, 0, 0]);
    expect(r.plan.map((x) => [x.currentOffset, x.lagBefore, x.lagAfter])).toEqual([
      [7, 3, 10],
      [3, 7, 10],
      [null, null, 10],
    ]);
  });

  it('to-latest on "all" (the partitions the group has commits for)', async () => {
    await stoppedGroup('g-latest');
    const r = await applyAndCheck('g-latest', { strategy: 'to-latest', scope: { topics: 'all' } });
    expect(r.plan.map((x) => [x.partition, x.newOffset])).toEqual([
      [0, 10],
      [1, 10],
    ]);
  });

  it('to-current: commits stay, a partition without one goes to log-end', async () => {
    await stoppedGroup('g-current');
    expect(newOffsets(await applyAndCheck('g-current', { strategy: 'to-current', scope: { topics: ['rs'] } }))).toEqual([7, 3, 10]);
  });

  it('to-offset on chosen partitions, clamped with the CLI warning', async () => {
    await stoppedGroup('g-offset');
    const r = await applyAndCheck('g-offset', { strategy: 'to-offset', offset: 12, scope: { topics: ['rs'], partitions: { rs: [0, 2] } } });
    expect(r.plan.map((x) => [x.partition, x.newOffset])).toEqual([
      [0, 10],
      [2, 10],
    ]);
    expect(r.plan[0].warnings).toEqual(['New offset (12) is higher than latest offset for topic partition rs-0. Value will be set to 10']);
    expect((await kafkajsView('g-offset', ['rs']))['rs-1']).toBe(3); // outside the scope: untouched
  });

  it('shift-by: refused whole when a partition has no commit; applied on those that have one', async () => {
    await stoppedGroup('g-shift');
    const bad = resetGroup(cluster, 'g-shift', ResetRequest.parse({ strategy: 'shift-by', shiftBy: -2, scope: { topics: ['rs'] }, dryRun: false }), who);
    await expect(bad).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('Cannot shift offset for partition rs-2 since there is no current committed offset') });
    expect(await kafkajsView('g-shift', ['rs'])).toEqual({ 'rs-0': 7, 'rs-1': 3, 'rs-2': -1 }); // nothing committed
    expect(newOffsets(await applyAndCheck('g-shift', { strategy: 'shift-by', shiftBy: -2, scope: { topics: ['rs'], partitions: { rs: [0, 1] } } }))).toEqual([5, 1]);
  });

  it('to-datetime between the two batches → the first offset of batch B; after all records → log-end with a warning', async () => {
    await stoppedGroup('g-time');
    const between = new Date(T0 + HOUR).toISOString();
    expect(newOffsets(await applyAndCheck('g-time', { strategy: 'to-datetime', datetime: between, scope: { topics: ['rs', 'rs2'] } }))).toEqual([5, 5, 5, 5]);
    const future = await applyAndCheck('g-time', { strategy: 'to-datetime', datetime: new Date(Date.now() + HOUR).toISOString(), scope: { topics: ['rs2'] } });
    expect(newOffsets(future)).toEqual([10]);
    expect(future.plan[0].warnings[0]).toMatch(/No record in rs2-0 has a timestamp at or after/);
  });

  it('by-duration PT1H → now − 1 h falls between the batches', async () => {
    await stoppedGroup('g-duration');
    expect(newOffsets(await applyAndCheck('g-duration', { strategy: 'by-duration', duration: 'PT1H', scope: { topics: ['rs'] } }))).toEqual([5, 5, 5]);
  });

  it('from-file takes its scope and offsets from the CSV', async () => {
    await stoppedGroup('g-file');
    const r = await applyAndCheck('g-file', { strategy: 'from-file', csv: 'rs,2,4\nrs2,0,1\n' });
    expect(r.plan.map((x) => [x.topic, x.partition, x.newOffset])).toEqual([
      ['rs', 2, 4],
      ['rs2', 0, 1],
    ]);
  });

  it('a group that does not exist yet is created with the commits, for named topics', async () => {
    const r = await applyAndCheck('g-new', { strategy: 'to-offset', offset: 2, scope: { topics: ['rs2'] } });
    expect(newOffsets(r)).toEqual([2]);
    await expect(resetGroup(cluster, 'g-none', ResetRequest.parse({ strategy: 'to-earliest', scope: { topics: 'all' }, dryRun: true }), who)).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('has no committed offsets'),
    });
  });
});

describe('an active group', () => {
  it('previews with the state and members, and refuses to apply with GROUP_ACTIVE', async () => {
    await stoppedGroup('g-active');
    const consumer: Consumer = kafka(broker.address, 'reset-test-consumer').consumer({ groupId: 'g-active', sessionTimeout: 6000, heartbeatInterval: 300 });
    await consumer.connect();
    await consumer.subscribe({ topics: ['rs'], fromBeginning: false });
    let assigned = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (assigned = true));
    await consumer.run({ eachMessage: async () => {} });
    try {
      await waitFor('joined', () => assigned);
      const preview = await resetGroup(cluster, 'g-active', ResetRequest.parse({ strategy: 'to-earliest', scope: { topics: ['rs'] }, dryRun: true }), who);
      expect(preview.active?.state).toBe('Stable');
      expect(preview.active?.members.map((m) => m.clientId)).toEqual(['reset-test-consumer']);
      expect(preview.plan).toHaveLength(3);
      const apply = resetGroup(cluster, 'g-active', ResetRequest.parse({ strategy: 'to-earliest', scope: { topics: ['rs'] }, dryRun: false }), who);
      await expect(apply).rejects.toMatchObject({ kind: 'conflict', code: 'GROUP_ACTIVE', message: expect.stringMatching(/is Stable with 1 member \(reset-test-consumer/) });
    } finally {
      await consumer.disconnect();
    }
    const after = await kafkajsView('g-active', ['rs']);
    // the refused reset committed nothing (the consumer itself moved on from 7 and 3)
    expect(after['rs-0']).toBeGreaterThanOrEqual(7);
    expect(after['rs-1']).toBeGreaterThanOrEqual(3);
  }, 30_000);
});
