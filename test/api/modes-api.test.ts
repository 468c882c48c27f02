// READ_ONLY=1 refuses every change with 403; an unreachable cluster answers 503 within
// 5 s instead of hanging, and /api/cluster says it is unreachable.
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startDashboard, type Dashboard } from '../helpers/dashboard';
import { mutationRoutes } from '../helpers/mutation-routes';

const started: Dashboard[] = [];
afterAll(async () => {
  await Promise.all(started.map((d) => d.stop()));
});

describe('READ_ONLY=1', () => {
  it('reads work; every mutation is 403', async () => {
    const dash = await startDashboard({ env: { READ_ONLY: '1' } });
    started.push(dash);
    const cluster = await (await fetch(dash.url + '/api/cluster')).json();
    expect(cluster).toMatchObject({ readOnly: true, reachable: true });
    expect((await fetch(dash.url + '/api/topics')).status).toBe(200);
    const mutations = mutationRoutes('ro', 'g');
    for (const [method, path, body] of mutations) {
      const res = await fetch(dash.url + path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
      expect((await res.json()).error.code).toBe('READ_ONLY');
    }
  }, 300_000);
});

describe('an unreachable cluster', () => {
  it('answers 503 within 5 s and reports reachable: false', async () => {
    const deadPort = await freePort(); // nothing listens here
    const dash = await startDashboard({ kafkaBrokers: `127.0.0.1:${deadPort}` });
    started.push(dash);
    for (const path of ['/api/topics', '/api/topics/orders']) {
      const t0 = Date.now();
      const res = await fetch(dash.url + path);
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(res.status).toBe(503);
      expect((await res.json()).error).toMatchObject({ code: 'CLUSTER_UNREACHABLE', message: expect.stringMatching(String(deadPort)) });
    }
    const t0 = Date.now();
    const cluster = await (await fetch(dash.url + '/api/cluster')).json();
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(cluster).toMatchObject({ mode: 'external', reachable: false, brokers: [] });
    expect(cluster.problem).toMatch(String(deadPort));
  }, 300_000);
});
