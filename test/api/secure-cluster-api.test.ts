// The dashboard against a SASL_SSL cluster named in OFFSETSCOPE_CONFIG (the embedded broker
// with a SCRAM-SHA-512 user and its own CA): topics, produce, browse and an offset reset
// work as on a plaintext cluster; wrong credentials show as an authentication problem; no
// secret from the config shows up in any answer or log line.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBroker, tempDir, type TestBroker } from '../helpers/broker';
import { startDashboard, type Dashboard } from '../helpers/dashboard';

const PASSWORD = 'sup3r-Secret-pw';
const WRONG = 'wr0ng-Secret-pw';
let broker: TestBroker;
let good: Dashboard;
let bad: Dashboard;
const seen: string[] = [];

async function call(dash: Dashboard, method: string, p: string, body?: unknown) {
  const res = await fetch(dash.url + p, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  seen.push(text);
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

function configFile(passwordEnv: string): string {
  const dir = tempDir('offsetscope-config-');
  const file = path.join(dir, 'offsetscope.config.json');
  const [host, port] = [broker.listeners[0].host, broker.listeners[0].port];
  fs.writeFileSync(
    file,
    JSON.stringify({
      clusters: [{ id: 'secure', name: 'Secure test', bootstrap: `${host}:${port}`, sasl: { mechanism: 'scram-sha-512', username: 'dash', passwordEnv }, tls: { caFile: broker.caFile, verify: true } }],
    }),
  );
  return file;
}

beforeAll(async () => {
  broker = await startTestBroker({ listeners: 'SASL_SSL://127.0.0.1:0', saslUsers: `dash:${PASSWORD}` });
  good = await startDashboard({ env: { OFFSETSCOPE_CONFIG: configFile('GOOD_PW'), GOOD_PW: PASSWORD } });
  bad = await startDashboard({ env: { OFFSETSCOPE_CONFIG: configFile('BAD_PW'), BAD_PW: WRONG } });
}, 300_000);
afterAll(async () => {
  await good?.stop();
  await bad?.stop();
  await broker?.destroy();
});

describe('a SASL_SSL cluster from OFFSETSCOPE_CONFIG', () => {
  it('is reachable and says how it is reached', async () => {
    const c = await call(good, 'GET', '/api/cluster');
    expect(c.body).toMatchObject({ id: 'secure', name: 'Secure test', mode: 'external', reachable: true, security: { tls: true, saslMechanism: 'scram-sha-512' } });
    expect(c.body.brokers[0].port).toBe(broker.listeners[0].port);
  });

  it('creates a topic, produces, browses and resets a group as on any cluster', async () => {
    expect((await call(good, 'POST', '/api/topics', { name: 'vault', partitions: 2, replicationFactor: 1 })).status).toBe(201);
    const p = await call(good, 'POST', '/api/topics/vault/messages', { partition: 1, value: 'secret-{{i}}', count: 4 });
    expect(p.body).toMatchObject({ count: 4, results: [{ partition: 1, firstOffset: 0, lastOffset: 3 }] });
    const m = await call(good, 'GET', '/api/topics/vault/messages?partition=1&from=oldest&limit=10');
    expect(m.body.messages.map((x: { value: string }) => x.value)).toEqual(['secret-0', 'secret-1', 'secret-2', 'secret-3']);
    const r = await call(good, 'POST', '/api/groups/vault-readers/reset', { strategy: 'to-offset', offset: 3, scope: { topics: ['vault'], partitions: { vault: [1] } }, dryRun: false });
    expect(r.body.applied).toBe(true);
    const g = await call(good, 'GET', '/api/groups/vault-readers');
    expect(g.body.offsets).toMatchObject([{ topic: 'vault', partition: 1, committedOffset: 3, lag: 1 }]);
  });

  it('wrong credentials show as an authentication problem, not as data', async () => {
    const c = await call(bad, 'GET', '/api/cluster');
    expect(c.body.reachable).toBe(false);
    expect(c.body.problem).toMatch(/refused the credentials: SASL SCRAM-SHA-512 authentication of user 'dash' failed: Authentication failed/);
    const t = await call(bad, 'GET', '/api/topics');
    expect(t.status).toBe(503);
    expect(t.body.error.message).toMatch(/refused the credentials/);
  });

  it('no secret appears in any answer or log line', async () => {
    await call(good, 'GET', '/api/topics');
    await call(good, 'GET', '/api/groups');
    const logs = good.proc.output() + bad.proc.output() + broker.logs.join('\n');
    for (const text of [...seen, logs]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(WRONG);
    }
    expect(logs).toMatch(/authenticated as dash with SCRAM-SHA-512/); // the broker did see the dashboard log in
  });
});
