// The group routes against the production build: the tutorial's kafka-python group seen
// through the dashboard API (committed offsets summing to 10, lag 0, then 5), a live
// kafkajs group with its members and owners, commit times and time lag, history, errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../helpers/until';
import { startDashboard, type Dashboard } from '../helpers/dashboard';
import { describeRun, run } from '../helpers/exec';
import { kafka } from '../helpers/kafkajs';

let dash: Dashboard;
beforeAll(async () => {
  dash = await startDashboard({ env: { OFFSETSCOPE_LAG_SAMPLE_MS: '500' } });
}, 300_000);
afterAll(async () => {
  await dash?.stop();
});

const get = async (path: string) => {
  const res = await fetch(dash.url + path);
  return { status: res.status, body: await res.json() };
};


async function python(script: string) {
  const env = { ...process.env };
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;
  const r = await run('/usr/bin/python3', ['-c', script], { timeoutMs: 60_000, env });
  if (r.code !== 0) throw new Error(describeRun('/usr/bin/python3', ['-c', script], r));
  return r.stdout;
}

const produce = (from: number, to: number) => `
from kafka import KafkaProducer
producer = KafkaProducer(bootstrap_servers=['localhost:${dash.brokerPort}'])
for i in range(${from}, ${to}):
    producer.send('test_topic', value=('message %d' % i).encode('utf-8'))
producer.flush()
producer.close()
`;

describe('the tutorial group, through the dashboard API', () => {
  it('shows test_group with committed offsets summing to 10 and lag 0; 5 more messages → lag 5', async () => {
    await python(produce(0, 10));
    await python(`
from kafka import KafkaConsumer
consumer = KafkaConsumer('test_topic', bootstrap_servers=['localhost:${dash.brokerPort}'], group_id='test_group',
                         auto_offset_reset='earliest', consumer_timeout_ms=5000)
for message in consumer:
    print(message.value.decode('utf-8'), message.offset)
consumer.commit()
consumer.close()
`);
    // The dashboard refreshes its snapshot each second: wait for the group to show closed.
    const list = await until(
      () => get('/api/groups'),
      (r) => r.body.groups?.some((g: { groupId: string; state: string }) => g.groupId === 'test_group' && g.state === 'Empty'),
    );
    const g = list.body.groups.find((x: { groupId: string }) => x.groupId === 'test_group');
    expect(g).toMatchObject({ state: 'Empty', members: 0, topics: ['test_topic'], totalLag: 0, status: 'OK' });

    let detail = await get('/api/groups/test_group');
    expect(detail.status).toBe(200);
    const committed = detail.body.offsets.map((o: { committedOffset: number | null }) => o.committedOffset ?? 0);
    expect(committed.reduce((a: number, b: number) => a + b, 0)).toBe(10);
    expect(detail.body.offsets.every((o: { lag: number }) => o.lag === 0)).toBe(true);
    expect(detail.body.commitTimesApproximate).toBe(false); // read from __consumer_offsets
    const p0 = detail.body.offsets[0];
    expect(p0.lastCommitAt).toBeGreaterThan(Date.now() - 120_000);
    expect(p0.timeLagMs).toBe(0);

    await new Promise((r) => setTimeout(r, 300));
    await python(produce(10, 15));
    detail = await until(
      () => get('/api/groups/test_group'),
      (r) => r.body.totalLag === 5,
    );
    expect(detail.body.totalLag).toBe(5);
    const lagging = detail.body.offsets.find((o: { lag: number }) => o.lag > 0);
    expect(lagging).toMatchObject({ committedOffset: 10, logEndOffset: 15, lag: 5 });
    // The record at the committed offset was written after the commit: time lag is its age.
    expect(lagging.timeLagMs).toBeGreaterThanOrEqual(0);
    expect(lagging.timeLagMs).toBeLessThan(60_000);
    expect(lagging.timeLagEstimated).toBe(false); // read from the record itself
    // the list is a snapshot shared for a second, the page reads the group itself: the list follows within that
    const summary = (await until(() => get('/api/groups?q=test_'), (r) => r.body.groups[0]?.totalLag === 5, 5000)).body.groups[0];
    expect(summary).toMatchObject({ groupId: 'test_group', totalLag: 5 });
    expect(summary.maxTimeLagMs).not.toBeNull();

    // The topic page shows the group's committed offsets.
    const topic = await get('/api/topics/test_topic');
    expect(topic.body.groups).toEqual([{ groupId: 'test_group', offsets: [{ partition: 0, committedOffset: 10 }] }]);

    const history = await until(() => get('/api/groups/test_group/history'), (r) => r.body.points.some((p: { totalLag: number }) => p.totalLag === 5));
    expect(history.body.intervalMs).toBe(500);
    expect(history.body.points.at(-1)).toMatchObject({ totalLag: 5, byTopic: { test_topic: 5 } });
  });
});

describe('a live kafkajs group', () => {
  it('is Stable with its member, the member owns the partitions', async () => {
    const k = kafka(dash.brokerAddress);
    const admin = k.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'live', numPartitions: 2 }] });
    await admin.disconnect();
    const consumer = k.consumer({ groupId: 'live-group', sessionTimeout: 10_000, heartbeatInterval: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'live', fromBeginning: true });
    await consumer.run({ eachMessage: async () => {} });
    try {
      const detail = await until(
        () => get('/api/groups/live-group'),
        (r) => r.status === 200 && r.body.state === 'Stable' && r.body.members.length === 1,
      );
      expect(detail.body.members[0].assignments).toEqual([{ topic: 'live', partitions: [0, 1] }]);
      expect(detail.body.members[0].clientId).toBe('offsetscope-test');
      // Assigned partitions without a commit still have rows, with no lag value.
      for (const o of detail.body.offsets) {
        expect(o.owner).toBe(detail.body.members[0].memberId);
      }
      const stable = await until(() => get('/api/groups?state=Stable'), (r) => r.body.groups.length > 0, 5000);
      expect(stable.body.groups.map((g: { groupId: string }) => g.groupId)).toEqual(['live-group']);
    } finally {
      await consumer.disconnect();
    }
    const after = await until(() => get('/api/groups/live-group'), (r) => r.body.state === 'Empty');
    expect(after.body.members).toEqual([]);
  });
});

describe('errors', () => {
  it('an unknown group is 404; bad list parameters are 400', async () => {
    const missing = await get('/api/groups/no-such-group');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/no-such-group/);
    expect((await get('/api/groups?sort=bogus')).status).toBe(400);
    expect((await get('/api/groups?state=Sleeping')).status).toBe(400);
    expect((await get('/api/groups/no-such-group/history')).status).toBe(404);
  });
});

describe('lag history', () => {
  it('survives a restart of the dashboard (kept under the data dir)', async () => {
    const first = await startDashboard({ env: { OFFSETSCOPE_LAG_SAMPLE_MS: '300' }, keepData: true });
    const producer = kafka(first.brokerAddress).producer();
    await producer.connect();
    await producer.send({ topic: 'kept-lag', messages: Array.from({ length: 4 }, (_, i) => ({ value: `v${i}` })) });
    await producer.disconnect();
    const admin = kafka(first.brokerAddress).admin();
    await admin.connect();
    await admin.setOffsets({ groupId: 'kept', topic: 'kept-lag', partitions: [{ partition: 0, offset: '1' }] });
    await admin.disconnect();
    const h1 = await (async () => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const body = await (await fetch(first.url + '/api/groups/kept/history')).json();
        if (body.points.filter((p: { totalLag: number }) => p.totalLag === 3).length >= 2 || Date.now() > deadline) return body;
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const before = h1.points.filter((p: { totalLag: number }) => p.totalLag === 3);
    expect(before.length).toBeGreaterThanOrEqual(2);
    await first.stop();

    const second = await startDashboard({ env: { OFFSETSCOPE_LAG_SAMPLE_MS: '300' }, dataDir: first.dataDir, brokerPort: first.brokerPort });
    try {
      const h2 = await (await fetch(second.url + '/api/groups/kept/history')).json();
      const ts = h2.points.map((p: { t: number }) => p.t);
      for (const p of before) expect(ts).toContain(p.t);
    } finally {
      await second.stop();
    }
  }, 300_000);
});
