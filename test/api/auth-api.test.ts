// A login over the real front door, against a broker process serving two clusters ids
// (staging and prod, one broker): pages send the anonymous to /login and the API answers
// 401; a viewer reads but every change is 403 naming the permission; cookie changes need
// the CSRF token; an operator produces and resets but cannot delete a topic; an API token
// with operator on staging resets there and gets 403 on prod; a wrong token is 401;
// logout ends the session; failed logins never say which part was wrong and slow down;
// the audit trail names each user; no password, token, hash or cookie is ever echoed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password';
import { startBrokerProcess, startDashboard, type BrokerProc, type Dashboard } from '../helpers/dashboard';
import { kafka } from '../helpers/kafkajs';
import { mutationRoutes, READS_SENT_AS_POST } from '../helpers/mutation-routes';

const CHEAP = { N: 1 << 14, r: 8, p: 1 }; // tests need not pay production's cost per check
const PW = { viewer: 'viewer-pw-9f3a', operator: 'operator-pw-2b7c', admin: 'admin-pw-51de', limited: 'limited-pw-77aa' };
const TOKEN = 'ci-token-6QnV1u3oE8x2Lk0pZ7yR';
const hashes: string[] = [];
const seen: string[] = []; // every response body and Set-Cookie, to grep for secrets
let broker: BrokerProc;
let dash: Dashboard;

async function call(method: string, p: string, opts: { cookie?: string; csrf?: string; token?: string; body?: unknown; redirect?: 'manual' } = {}) {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(dash.url + p, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), redirect: opts.redirect ?? 'follow' });
  const text = await res.text();
  seen.push(text, res.headers.get('set-cookie') ?? '', res.headers.get('location') ?? '');
  let json: { error?: { code: string; message: string; permission?: string } } & Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    // a page, or nothing
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** Logs in; the session cookie ("name=value") and its CSRF token. */
async function login(name: string, password: string) {
  const r = await call('POST', '/api/auth/login', { body: { name, password } });
  expect(r.status, r.text).toBe(200);
  const setCookie = r.headers.get('set-cookie')!;
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Lax/);
  expect(setCookie).toMatch(/Max-Age=\d+/);
  expect(setCookie).not.toMatch(/Secure/); // plain http on loopback
  const cookie = setCookie.split(';')[0];
  const me = await call('GET', '/api/auth/me', { cookie });
  expect(me.status).toBe(200);
  return { cookie, csrf: me.json.csrfToken as string, me: me.json };
}

beforeAll(async () => {
  broker = await startBrokerProcess();
  const admin = kafka(broker.address).admin();
  await admin.connect();
  await admin.createTopics({ topics: ['orders', 'keep', 'other'].map((topic) => ({ topic, numPartitions: 1 })) });
  await admin.setOffsets({ groupId: 'billing', topic: 'orders', partitions: [{ partition: 0, offset: '0' }] });
  await admin.setOffsets({ groupId: 'billing', topic: 'other', partitions: [{ partition: 0, offset: '0' }] });
  await admin.disconnect();
  for (const pw of [PW.viewer, PW.operator, PW.admin, TOKEN, PW.limited]) hashes.push(await hashPassword(pw, CHEAP));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-auth-')), 'config.json');
  const auth = {
    users: [
      { name: 'vera', passwordHash: hashes[0], roles: { '*': 'viewer' } },
      { name: 'otto', passwordHash: hashes[1], roles: { '*': 'viewer', staging: 'operator' } },
      { name: 'ada', passwordHash: hashes[2], roles: { '*': 'admin' } },
      { name: 'lim', passwordHash: hashes[4], roles: { '*': 'viewer', staging: { role: 'operator', topics: ['orders'], groups: ['billing'] } } },
    ],
    tokens: [{ name: 'ci', tokenHash: hashes[3], roles: { staging: 'operator' } }],
  };
  const clusters = [
    { id: 'staging', bootstrap: broker.address, default: true },
    { id: 'prod', bootstrap: broker.address },
  ];
  fs.writeFileSync(file, JSON.stringify({ clusters, auth }));
  dash = await startDashboard({ env: { OFFSETSCOPE_CONFIG: file } });
}, 300_000);

afterAll(async () => {
  await dash?.stop();
  await broker?.stop();
});

/** Every exported change handler under app/api, as "METHOD /api/…/[param]" (the per-cluster dispatcher and the login routes aside). */
function changeRoutes(dir = path.resolve(import.meta.dirname, '../../app/api'), prefix = '/api'): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...changeRoutes(path.join(dir, e.name), `${prefix}/${e.name}`));
    else if (e.name === 'route.ts') {
      const text = fs.readFileSync(path.join(dir, e.name), 'utf8');
      for (const m of text.matchAll(/export (?:async )?(?:function|const) (POST|PUT|PATCH|DELETE)\b/g)) out.push(`${m[1]} ${prefix}`);
    }
  }
  return out.filter((r) => !r.includes('/api/clusters/[cluster]/[...path]') && !r.includes('/api/auth/') && !READS_SENT_AS_POST.includes(r));
}

describe('a login', () => {
  it('the list of changes the tests refuse covers every change route', () => {
    const listed = mutationRoutes('orders', 'billing');
    const routes = changeRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(13);
    for (const route of routes) {
      const [method, pattern] = route.split(' ');
      const re = new RegExp(`^${pattern.replace(/\[[^\]]+\]/g, '[^/?]+')}(\\?.*)?$`);
      expect(listed.some(([m, p]) => m === method && re.test(p)), `${route} is missing from test/helpers/mutation-routes.ts`).toBe(true);
    }
  });

  it('sends pages to /login and answers the API 401; the login page and its methods are public', async () => {
    const page = await call('GET', '/groups?x=1', { redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?next=%2Fgroups%3Fx%3D1');
    for (const p of ['/api/topics', '/api/clusters/prod/topics', '/metrics', '/api/auth/me', '/api/audit']) {
      const r = await call('GET', p);
      expect({ p, status: r.status, code: r.json.error?.code }).toEqual({ p, status: 401, code: 'UNAUTHENTICATED' });
    }
    expect((await call('GET', '/login')).status).toBe(200);
    expect((await call('GET', '/api/auth/methods')).json).toEqual({ password: true, oidc: null });
  });

  it('never says whether the name or the password was wrong', async () => {
    const wrongPw = await call('POST', '/api/auth/login', { body: { name: 'vera', password: 'nope' } });
    const noUser = await call('POST', '/api/auth/login', { body: { name: 'nobody', password: PW.viewer } });
    expect(wrongPw.status).toBe(401);
    expect(noUser.status).toBe(401);
    expect(wrongPw.json).toEqual(noUser.json);
    expect(wrongPw.headers.get('set-cookie')).toBeNull();
  });

  it('a viewer reads everything and every change is 403 naming the permission; without the CSRF token, 403 CSRF', async () => {
    const v = await login('vera', PW.viewer);
    expect(v.me).toMatchObject({ enabled: true, user: { name: 'vera', kind: 'user' } });
    expect((v.me.clusters as { id: string; role: string }[]).map((c) => [c.id, c.role])).toEqual([
      ['staging', 'viewer'],
      ['prod', 'viewer'],
    ]);
    for (const p of ['/api/topics', '/api/groups', '/api/topics/orders', '/api/topics/orders/messages', '/api/groups/billing', '/api/clusters/prod/topics']) {
      expect({ p, status: (await call('GET', p, { cookie: v.cookie })).status }).toEqual({ p, status: 200 });
    }
    expect((await call('GET', '/', { cookie: v.cookie })).status).toBe(200);
    for (const [method, p, body] of mutationRoutes('orders', 'billing')) {
      const r = await call(method, p, { cookie: v.cookie, csrf: v.csrf, body });
      expect({ method, p, status: r.status, code: r.json.error?.code }).toEqual({ method, p, status: 403, code: 'FORBIDDEN' });
      expect(r.json.error!.message).toMatch(/'vera' lacks the permission \w+/);
      const noCsrf = await call(method, p, { cookie: v.cookie, body });
      expect({ method, p, status: noCsrf.status, code: noCsrf.json.error?.code }).toEqual({ method, p, status: 403, code: 'CSRF' });
    }
    expect((await call('GET', '/api/audit', { cookie: v.cookie })).status).toBe(403);
  });

  it('an operator produces and resets on staging but cannot delete a topic, nor produce on prod', async () => {
    const o = await login('otto', PW.operator);
    const produced = await call('POST', '/api/topics/orders/messages', { cookie: o.cookie, csrf: o.csrf, body: { value: 'from otto' } });
    expect(produced.status, produced.text).toBe(200);
    const reset = await call('POST', '/api/groups/billing/reset', { cookie: o.cookie, csrf: o.csrf, body: { strategy: 'to-latest', scope: { topics: ['orders'] }, dryRun: false } });
    expect(reset.status, reset.text).toBe(200);
    expect(reset.json.applied).toBe(true);
    const del = await call('DELETE', '/api/topics/keep', { cookie: o.cookie, csrf: o.csrf });
    expect(del.status).toBe(403);
    expect(del.json.error).toMatchObject({ code: 'FORBIDDEN', permission: 'deleteTopic' });
    const prod = await call('POST', '/api/clusters/prod/topics/orders/messages', { cookie: o.cookie, csrf: o.csrf, body: { value: 'x' } });
    expect(prod.status).toBe(403);
  });

  it('an API token: operator on staging resets there, 403 on prod; no token or a wrong one is 401', async () => {
    const body = { strategy: 'to-earliest', scope: { topics: ['orders'] }, dryRun: false };
    const ok = await call('POST', '/api/groups/billing/reset', { token: TOKEN, body });
    expect(ok.status, ok.text).toBe(200);
    const other = await call('POST', '/api/clusters/prod/groups/billing/reset', { token: TOKEN, body });
    expect(other.status).toBe(403);
    expect(other.json.error!.code).toBe('FORBIDDEN');
    expect((await call('POST', '/api/groups/billing/reset', { body })).status).toBe(401);
    const wrong = await call('POST', '/api/groups/billing/reset', { token: TOKEN.replace(/.$/, '!'), body });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error!.code).toBe('UNAUTHENTICATED');
    expect((await call('GET', '/api/topics', { token: 'x'.repeat(40) })).status).toBe(401);
    // it sees only the clusters it may read: in the switcher's list and in a scrape
    expect(((await call('GET', '/api/clusters', { token: TOKEN })).json.clusters as { id: string }[]).map((c) => c.id)).toEqual(['staging']);
    expect((await call('GET', '/api/clusters/prod/topics', { token: TOKEN })).status).toBe(403);
    const metrics = (await call('GET', '/metrics', { token: TOKEN })).text;
    expect(metrics).toMatch(/^kafka_brokers\{cluster="staging"\} 1$/m);
    expect(metrics).not.toContain('cluster="prod"');
  });

  it('an admin deletes a topic and reads the audit trail, which names each user; logout ends the session', async () => {
    const a = await login('ada', PW.admin);
    expect((await call('DELETE', '/api/topics/keep', { cookie: a.cookie, csrf: a.csrf })).status).toBe(204);
    const audit = await call('GET', '/api/audit', { cookie: a.cookie });
    expect(audit.status).toBe(200);
    const entries = audit.json.entries as { user: string | null; action: string; target: string | null; cluster: string | null; address: string | null }[];
    const has = (user: string | null, action: string, target: string) => entries.some((e) => e.user === user && e.action === action && e.target === target);
    expect(has('otto', 'topic.produce', 'orders')).toBe(true);
    expect(has('otto', 'group.reset', 'billing')).toBe(true);
    expect(has('ci', 'group.reset', 'billing')).toBe(true);
    expect(has('ada', 'topic.delete', 'keep')).toBe(true);
    expect(has('vera', 'login', 'vera')).toBe(true);
    expect(has(null, 'login-failed', 'vera')).toBe(true); // a user's name
    expect(entries.some((e) => e.action === 'login-failed' && e.target === null)).toBe(true); // an unknown name is not recorded
    expect(entries.some((e) => e.target === 'nobody')).toBe(false);
    expect(entries.find((e) => e.action === 'login')).toMatchObject({ cluster: null });
    expect(entries.find((e) => e.action === 'topic.delete')).toMatchObject({ cluster: 'staging', address: '127.0.0.1' });
    // logout: the cookie no longer works, even sent again by hand
    const out = await call('POST', '/api/auth/logout', { cookie: a.cookie, csrf: a.csrf, body: {} });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await call('GET', '/api/topics', { cookie: a.cookie })).status).toBe(401);
    // a forged cookie is nobody
    expect((await call('GET', '/api/topics', { cookie: `offsetscope_session=${a.cookie.split('=')[1].replace(/.$/, 'A')}` })).status).toBe(401);
  });

  it('a grant limited to topic and group names: changes on those only, and a reset touching another topic commits nothing', async () => {
    const l = await login('lim', PW.limited);
    const produce = (topic: string) => call('POST', `/api/topics/${topic}/messages`, { cookie: l.cookie, csrf: l.csrf, body: { value: 'x' } });
    expect((await produce('orders')).status).toBe(200);
    const other = await produce('other');
    expect(other.status).toBe(403);
    expect(other.json.error!.message).toBe("'lim' lacks the permission produce on topic 'other' on cluster 'staging'.");
    const reset = (group: string, topics: string[] | 'all') =>
      call('POST', `/api/groups/${group}/reset`, { cookie: l.cookie, csrf: l.csrf, body: { strategy: 'to-latest', scope: { topics }, dryRun: false } });
    expect((await reset('billing', ['orders'])).status).toBe(200);
    expect((await reset('someone-else', ['orders'])).status).toBe(403);
    const before = await call('GET', '/api/groups/billing', { cookie: l.cookie });
    const all = await reset('billing', 'all'); // billing also has a commit on 'other'
    expect(all.status).toBe(403);
    expect(all.json.error!.message).toMatch(/topic 'other'/);
    const after = await call('GET', '/api/groups/billing', { cookie: l.cookie });
    const committed = (r: typeof before) => (r.json.offsets as { topic: string; partition: number; committedOffset: number | null }[]).map((o) => `${o.topic}-${o.partition}:${o.committedOffset}`);
    expect(committed(after)).toEqual(committed(before));
    expect(committed(before)).toContain('other-0:0');
  });

  it('a live tail ends when the session that opened it is logged out', async () => {
    const v = await login('vera', PW.viewer);
    const res = await fetch(dash.url + '/api/topics/orders/tail', { headers: { cookie: v.cookie } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read(); // the stream is open
    expect((await call('POST', '/api/auth/logout', { cookie: v.cookie, csrf: v.csrf, body: {} })).status).toBe(200);
    const ended = (async () => {
      for (;;) if ((await reader.read()).done) return true;
    })();
    // the session is checked every 5 s: well within 15 s the server closes the stream
    expect(await Promise.race([ended, new Promise((r) => setTimeout(() => r(false), 15_000))])).toBe(true);
  });

  it('slows down guessing: after a few failures for a name it answers 429 with Retry-After, even for the right password', async () => {
    let last;
    for (let i = 0; i < 6; i++) last = await call('POST', '/api/auth/login', { body: { name: 'otto', password: `guess-${i}` } });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await call('POST', '/api/auth/login', { body: { name: 'otto', password: PW.operator } });
    expect(right.status).toBe(429);
  });

  it('never shows a password, token, hash or session cookie in a response or the log', async () => {
    const secrets = [...Object.values(PW), TOKEN, ...hashes.map((h) => h.split('$')[5])];
    const out = dash.proc.output();
    for (const s of secrets) {
      for (const text of seen) expect(text.includes(s), `a response holds ${s.slice(0, 4)}…`).toBe(false);
      expect(out.includes(s)).toBe(false);
    }
    const cookies = seen.filter((t) => t.startsWith('offsetscope_session=') && !t.startsWith('offsetscope_session=;')).map((t) => t.split(';')[0].split('=')[1]);
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(out.includes(c)).toBe(false);
  });
});
