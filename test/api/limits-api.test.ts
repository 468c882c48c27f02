// Bounds and odd inputs that once cost data or memory: a 300-byte group id is reset and
// undone (its audit file name is a hash, the id kept inside), a produce over
// OFFSETSCOPE_PRODUCE_MAX_BYTES gets 413 and writes nothing, and concurrent lab starts past
// OFFSETSCOPE_LAB_MAX_MEMBERS get 409 LAB_FULL with no member past the cap joining.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { undoCsv } from '../../lib/offsets/reset-plan';
import { startDashboard, type Dashboard } from '../helpers/dashboard';
import { until } from '../helpers/until';

const MAX_BYTES = 1 << 20;
const MAX_MEMBERS = 3;

let dash: Dashboard;
beforeAll(async () => {
  dash = await startDashboard({ env: { OFFSETSCOPE_PRODUCE_MAX_BYTES: String(MAX_BYTES), OFFSETSCOPE_LAB_MAX_MEMBERS: String(MAX_MEMBERS) } });
  for (const [name, partitions] of [['lim', 2], ['lab-cap', 4]] as const) {
    expect((await post('/api/topics', { name, partitions, replicationFactor: 1 })).status).toBe(201);
  }
}, 300_000);
afterAll(async () => {
  await dash?.stop();
});

async function post(p: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(dash.url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const get = async (p: string) => (await fetch(dash.url + p)).json();
const logEnds = async (topic: string) => (await get(`/api/topics/${topic}`)).partitions.map((p: { logEndOffset: number }) => p.logEndOffset);

it('a group id of 300 bytes is reset, listed in its audit and undone', async () => {
  expect((await post('/api/topics/lim/messages', { value: 'r{{i}}', partitioner: 'round-robin', count: 20, indexFrom: 0 })).status).toBe(200);
  const id = `long-${'é'.repeat(100)}-${'x'.repeat(94)}`; // 300 bytes of UTF-8
  expect(Buffer.byteLength(id)).toBe(300);
  const url = `/api/groups/${encodeURIComponent(id)}`;
  const first = await post(`${url}/reset`, { strategy: 'to-offset', offset: 7, scope: { topics: ['lim'] }, dryRun: false });
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  expect(first.body.auditId).toEqual(expect.any(String));
  const second = await post(`${url}/reset`, { strategy: 'shift-by', shiftBy: -4, scope: { topics: ['lim'] }, dryRun: false });
  expect(second.status, JSON.stringify(second.body)).toBe(200);
  expect(second.body.plan.map((r: { newOffset: number }) => r.newOffset)).toEqual([3, 3]);

  const { resets } = await get(`${url}/resets`);
  expect(resets.map((r: { id: string }) => r.id)).toEqual([second.body.auditId, first.body.auditId]);
  expect(resets[0].groupId).toBe(id);
  // the file is named by a bounded hash, not the id
  const files = fs.readdirSync(path.join(dash.dataDir, 'dashboard', 'resets'));
  expect(files.every((f) => Buffer.byteLength(f) <= 64)).toBe(true);

  const undo = await post(`${url}/reset`, { strategy: 'from-file', csv: undoCsv(resets[0].before), dryRun: false });
  expect(undo.status, JSON.stringify(undo.body)).toBe(200);
  const detail = await until(() => get(url), (g) => g.offsets?.every((o: { committedOffset: number }) => o.committedOffset === 7));
  expect(detail.offsets.map((o: { committedOffset: number }) => o.committedOffset)).toEqual([7, 7]);
});

it('a produce over OFFSETSCOPE_PRODUCE_MAX_BYTES gets 413 naming the limit, and nothing is written', async () => {
  const before = await logEnds('lim');
  const value = 'v'.repeat(64 * 1024);
  const res = await post('/api/topics/lim/messages', { value, count: 17 }); // 17 × 64 KiB > 1 MiB
  expect(res.status).toBe(413);
  expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(res.body.error.message).toContain(String(MAX_BYTES));
  expect(res.body.error.message).toContain('OFFSETSCOPE_PRODUCE_MAX_BYTES');
  expect(await logEnds('lim')).toEqual(before);
  // under the limit the same records go through
  const ok = await post('/api/topics/lim/messages', { value, count: 15 });
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  const after = await logEnds('lim');
  expect(after[0] + after[1] - before[0] - before[1]).toBe(15);
});

it('concurrent lab starts past OFFSETSCOPE_LAB_MAX_MEMBERS get 409 LAB_FULL and no member past the cap joins', async () => {
  // eight pages ask at once, each for one member, more than the dashboard-wide cap of 3
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) => post('/api/lab/members', { session: `cap-session-${i}`, topic: 'lab-cap', groupId: 'cap-group' })),
  );
  const started = answers.filter((a) => a.status === 201);
  const refused = answers.filter((a) => a.status === 409);
  expect(started).toHaveLength(MAX_MEMBERS);
  expect(refused).toHaveLength(8 - MAX_MEMBERS);
  for (const r of refused) {
    expect(r.body.error.code).toBe('LAB_FULL');
    expect(r.body.error.message).toContain('OFFSETSCOPE_LAB_MAX_MEMBERS');
  }
  const group = await until(() => get('/api/groups/cap-group'), (g) => g.state === 'Stable' && g.members?.length === MAX_MEMBERS, 20_000);
  expect(group.members).toHaveLength(MAX_MEMBERS);

  // one page at once past its own bound of 8 gets the per-page refusal first
  const own = await Promise.all(Array.from({ length: 2 }, () => post('/api/lab/members', { session: 'cap-session-0', topic: 'lab-cap', groupId: 'cap-group' })));
  expect(own.map((a) => a.status)).toEqual([409, 409]);

  // a member that leaves frees its place
  const leaving = started[0].body.member.id;
  expect((await post(`/api/lab/members/${leaving}`, { action: 'leave' })).status).toBe(200);
  const again = await post('/api/lab/members', { session: 'cap-session-late', topic: 'lab-cap', groupId: 'cap-group' });
  expect(again.status, JSON.stringify(again.body)).toBe(201);
  for (const a of [...started.slice(1), again]) await post(`/api/lab/members/${a.body.member.id}`, { action: 'leave' });
}, 60_000);
