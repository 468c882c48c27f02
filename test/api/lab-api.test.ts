// The lab routes against the production build: a member a page started but stopped asking
// about leaves its group after the idle timeout (no orphan consumers), and the mutation
// guards hold (read-only is covered with the other modes).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from '../helpers/dashboard';
import { until } from '../helpers/until';

let dash: Dashboard;
beforeAll(async () => {
  dash = await startDashboard({ env: { OFFSETSCOPE_LAB_IDLE_MS: '3000' } });
}, 300_000);
afterAll(async () => {
  await dash?.stop();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(dash.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const group = async (id: string) => (await fetch(`${dash.url}/api/groups/${id}`)).json();

it('a silent page loses its members after the idle timeout: they leave the group', async () => {
  await post('/api/topics', { name: 'idle-topic', partitions: 2, replicationFactor: 1 });
  const res = await post('/api/lab/members', { session: 'idle-session-1', topic: 'idle-topic', groupId: 'idle-group' });
  expect(res.status).toBe(201);
  const stable = await until(() => group('idle-group'), (g) => g.state === 'Stable' && g.members.length === 1, 15_000);
  expect(stable.members[0].clientId).toBe('offsetscope-lab-1');
  const t0 = Date.now();
  // nobody asks about idle-session-1 any more
  const empty = await until(() => group('idle-group'), (g) => g.state === 'Empty', 20_000);
  expect(empty.state).toBe('Empty');
  expect(Date.now() - t0).toBeGreaterThanOrEqual(1500);
  const after = await (await fetch(`${dash.url}/api/lab/members?session=idle-session-1`)).json();
  expect(after.members).toEqual([]);
}, 60_000);

it('starting a member is a mutation: another origin gets 403, a form body 415, a bad session id 400', async () => {
  const body = { session: 'guard-session-1', topic: 'idle-topic', groupId: 'guard-group' };
  expect((await post('/api/lab/members', body, { origin: 'http://evil.example' })).status).toBe(403);
  const form = await fetch(dash.url + '/api/lab/members', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'session=x' });
  expect(form.status).toBe(415);
  const bad = await post('/api/lab/members', { ...body, session: 'no' });
  expect(bad.status).toBe(400);
  expect((await bad.json()).error.message).toMatch(/session must be 8–64/);
  expect((await post('/api/lab/members', { ...body, sessionTimeoutMs: 10 })).status).toBe(400);
});
