// The overview's data: totals sampled over time from server start, and the demo a
// newcomer can start (`npm start -- --demo` or the button), never on an external cluster
// unless confirmed.
import { afterAll, expect, it } from 'vitest';
import { until } from '../helpers/until';
import { startBrokerProcess, startDashboard, type Dashboard } from '../helpers/dashboard';

const started: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(started.map((d) => d.stop()));
});

const get = async (dash: Dashboard, path: string) => (await fetch(dash.url + path)).json();


it('`npm start -- --demo` creates the demo topics (test_topic with 3 partitions) and numbers move; history has samples', async () => {
  const dash = await startDashboard({ args: ['--demo'] });
  started.push(dash);
  const topics = await until(
    () => get(dash, '/api/topics'),
    (b) => b.topics?.some((t: { name: string; messages: number }) => t.name === 'test_topic' && t.messages > 0),
  );
  const tt = topics.topics.find((t: { name: string }) => t.name === 'test_topic');
  expect(tt).toMatchObject({ partitions: 3 });
  const first = tt.messages;
  const later = await until(
    () => get(dash, '/api/topics?q=test_topic'),
    (b) => b.topics[0].messages > first,
  );
  expect(later.topics[0].messages).toBeGreaterThan(first);

  const history = await until(
    () => get(dash, '/api/cluster/history'),
    (h) => h.samples.length >= 2 && h.samples.at(-1).topics >= 4,
  );
  expect(history.intervalMs).toBe(5000);
  expect(history.samples.at(-1).topics).toBeGreaterThanOrEqual(4);
  expect(history.samples.at(-1).messages).toBeGreaterThan(0);
  const ts = history.samples.map((s: { t: number }) => s.t);
  expect([...ts].sort((a, b) => a - b)).toEqual(ts);
}, 300_000);

it('POST /api/demo on an external cluster needs confirmExternal; with it, the demo starts', async () => {
  const broker = await startBrokerProcess();
  started.push(broker);
  const dash = await startDashboard({ kafkaBrokers: broker.address });
  started.push(dash);
  const post = (body: unknown) => fetch(dash.url + '/api/demo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const refused = await post({});
  expect(refused.status).toBe(409);
  expect((await refused.json()).error.code).toBe('CONFIRM_EXTERNAL');
  expect((await get(dash, '/api/topics')).topics).toEqual([]);
  expect((await post({ confirmExternal: 'yes' })).status).toBe(400);
  const ok = await post({ confirmExternal: true });
  expect(ok.status).toBe(201);
  expect((await ok.json()).topics).toContain('test_topic');
  expect((await get(dash, '/api/topics')).topics.map((t: { name: string }) => t.name)).toContain('test_topic');
}, 300_000);
