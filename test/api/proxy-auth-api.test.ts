// A login proxy (oauth2-proxy's headers) in front of the dashboard: its user and groups
// headers are believed from the address in OFFSETSCOPE_TRUSTED_PROXIES (127.0.0.2 here,
// a second loopback address the test connects from) and ignored from any other (the test
// connects from 127.0.0.1 with the same headers). Groups map to roles; changes need the
// CSRF token, since the proxy's own cookie rides along with a browser's requests.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from '../helpers/dashboard';
import { kafka } from '../helpers/kafkajs';

const PROXY = '127.0.0.2';
let dash: Dashboard;

function call(from: string, method: string, p: string, headers: Record<string, string> = {}, body?: unknown): Promise<{ status: number; json: Record<string, any> }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port: dash.port, method, path: p, localAddress: from, headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json = {};
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode!, json });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

beforeAll(async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-proxy-')), 'config.json');
  const proxy = { roleMapping: { 'kafka-ops': { '*': 'operator' }, 'kafka-admins': { '*': 'admin' } }, defaultRoles: { '*': 'viewer' } };
  fs.writeFileSync(file, JSON.stringify({ auth: { proxy, withholdMessagesFrom: ['viewer'] } }));
  dash = await startDashboard({ env: { OFFSETSCOPE_CONFIG: file, OFFSETSCOPE_TRUSTED_PROXIES: PROXY } });
  const admin = kafka(dash.brokerAddress).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 1 }] });
  await admin.disconnect();
}, 300_000);
afterAll(async () => {
  await dash?.stop();
});

const as = (user: string, groups: string) => ({ 'x-forwarded-user': user, 'x-forwarded-groups': groups, 'x-forwarded-for': '10.1.2.3' });

it('believes the proxy: the user, roles from groups, the client address; a change needs the CSRF token', async () => {
  const me = await call(PROXY, 'GET', '/api/auth/me', as('pat', 'devs, kafka-ops'));
  expect(me.status).toBe(200);
  expect(me.json).toMatchObject({ enabled: true, user: { name: 'pat', kind: 'proxy' } });
  expect(me.json.clusters[0]).toMatchObject({ role: 'operator' });
  const csrf = me.json.csrfToken as string;
  expect(csrf).toMatch(/^[\w-]{20,}$/);
  const viewer = await call(PROXY, 'GET', '/api/auth/me', as('vic', 'devs'));
  expect(viewer.json.clusters[0]).toMatchObject({ role: 'viewer' });

  const produce = (headers: Record<string, string>) => call(PROXY, 'POST', '/api/topics/orders/messages', headers, { value: 'via proxy' });
  expect((await produce(as('pat', 'kafka-ops'))).json.error.code).toBe('CSRF');
  expect((await produce({ ...as('pat', 'kafka-ops'), 'x-csrf-token': csrf })).status).toBe(200);
  // another user's token is not this user's
  expect((await produce({ ...as('vic', 'kafka-ops'), 'x-csrf-token': csrf })).json.error.code).toBe('CSRF');
  const refused = await produce({ ...as('vic', 'devs'), 'x-csrf-token': viewer.json.csrfToken });
  expect(refused.status).toBe(403);
  expect(refused.json.error).toMatchObject({ code: 'FORBIDDEN', permission: 'produce' });

  const admin = await call(PROXY, 'GET', '/api/auth/me', as('root', 'kafka-admins'));
  const audit = await call(PROXY, 'GET', '/api/audit', as('root', 'kafka-admins'));
  expect(admin.json.clusters[0].role).toBe('admin');
  expect(audit.status).toBe(200);
  expect(audit.json.entries.find((e: { action: string }) => e.action === 'topic.produce')).toMatchObject({ user: 'pat', target: 'orders', address: '10.1.2.3' });
});

it('withholds message contents from the roles the setting names, not the topic itself', async () => {
  const viewer = await call(PROXY, 'GET', '/api/topics/orders/messages', as('vic', 'devs'));
  expect(viewer.status).toBe(403);
  expect(viewer.json.error).toMatchObject({ code: 'FORBIDDEN', permission: 'readMessages' });
  expect((await call(PROXY, 'GET', '/api/topics/orders/tail', as('vic', 'devs'))).status).toBe(403);
  expect((await call(PROXY, 'GET', '/api/topics/orders', as('vic', 'devs'))).status).toBe(200);
  const me = await call(PROXY, 'GET', '/api/auth/me', as('vic', 'devs'));
  expect(me.json.clusters[0].permissions).toEqual(['read']);
  const operator = await call(PROXY, 'GET', '/api/topics/orders/messages', as('pat', 'kafka-ops'));
  expect(operator.status).toBe(200);
  expect(JSON.stringify(operator.json)).toContain('via proxy');
});

it('ignores the same headers from any other address', async () => {
  for (const p of ['/api/auth/me', '/api/topics']) {
    const r = await call('127.0.0.1', 'GET', p, as('pat', 'kafka-admins'));
    expect({ p, status: r.status, code: r.json.error?.code }).toEqual({ p, status: 401, code: 'UNAUTHENTICATED' });
  }
  // and from the proxy without a user header: nobody
  expect((await call(PROXY, 'GET', '/api/topics')).status).toBe(401);
});

it('serves no path with dot segments: a public prefix cannot be climbed out of', async () => {
  for (const p of ['/api/auth/oidc/%2e%2e/%2e%2e/topics', '/_next/static/../../api/topics', '/api/auth/oidc/%2E%2e/%2e%2E/groups', '/api/auth/login/..%5c..%5ctopics']) {
    const r = await call('127.0.0.1', 'GET', p);
    expect({ p, status: r.status }).toEqual({ p, status: p.includes('%5c') ? 401 : 400 });
  }
});
