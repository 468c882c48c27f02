// The dashboard against a three-node cluster that loses a broker and moves its leaders
// (the embedded broker's stdin commands `down K`, `up K`, `rotate`), beside a cluster that
// refuses every connection and one whose four brokers accept and never answer. What a
// person would check: the groups list still answers, a down coordinator costs only its own
// groups, the topic page shows the one partition that has no leader, everything comes
// back fresh after `up`, browse, produce, tail and reset follow moved leaders, and neither
// /metrics nor the API waits on a cluster that does not answer.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterClient } from '../../server/kafka/connection/cluster-client';
import { FindCoordinator, keyAnswer, oneKeyRequest } from '../../server/protocol/10-find-coordinator';
import { tempDir } from '../helpers/broker';
import { freePort, startBrokerProcess, startDashboard, type BrokerProc, type Dashboard } from '../helpers/dashboard';
import { until } from '../helpers/until';

const SAMPLE_MS = 2000;
const GROUPS_PER_NODE = 10;

let broker: BrokerProc;
let dash: Dashboard;
/** Servers that accept connections and never answer: brokers that hang. */
const silent: net.Server[] = [];
/** The groups by their coordinator. */
const groupsOn = new Map<number, string[]>();
/** The leader of each partition of topic `ft` (one partition per node). */
let leaders: number[] = [];
/** The first /metrics answer, taken as soon as the dashboard is up. */
let firstScrape: { status: number; text: string; ms: number };

async function get(p: string): Promise<{ status: number; body: any; ms: number }> {
  const t0 = Date.now();
  const res = await fetch(dash.url + p);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, ms: Date.now() - t0 };
}
async function post(p: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(dash.url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

function silentServer(): Promise<string> {
  return new Promise((resolve) => {
    const s = net.createServer(() => {}); // accepts, reads nothing, answers nothing
    s.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(s.address() as net.AddressInfo).port}`));
    silent.push(s);
  });
}

/** Group ids whose coordinator is each node, GROUPS_PER_NODE each, as FindCoordinator answers. */
async function spreadGroups(address: string): Promise<void> {
  const client = new ClusterClient([address]);
  try {
    for (let i = 0; [0, 1, 2].some((n) => (groupsOn.get(n)?.length ?? 0) < GROUPS_PER_NODE); i++) {
      const id = `fg-${i}`;
      const { nodeId, errorCode } = keyAnswer(await client.any(FindCoordinator, () => oneKeyRequest(id)), id);
      expect(errorCode).toBe(0);
      const list = groupsOn.get(nodeId) ?? [];
      if (list.length < GROUPS_PER_NODE) groupsOn.set(nodeId, [...list, id]);
    }
  } finally {
    client.close();
  }
}

beforeAll(async () => {
  broker = await startBrokerProcess({ args: ['--nodes', '3'] });
  const deadPort = await freePort();
  const hanging = await Promise.all([1, 2, 3, 4].map(() => silentServer()));
  const file = path.join(tempDir('offsetscope-failures-'), 'clusters.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      clusters: [
        { id: 'main', bootstrap: broker.address, default: true },
        { id: 'dead', bootstrap: `127.0.0.1:${deadPort}` },
        { id: 'hanging', bootstrap: hanging.join(',') },
      ],
    }),
  );
  dash = await startDashboard({ env: { OFFSETSCOPE_CONFIG: file, OFFSETSCOPE_LAG_SAMPLE_MS: String(SAMPLE_MS) } });
  // the first scrape, while the hanging cluster's first sample is still waiting for an answer
  const t0 = Date.now();
  const res = await fetch(dash.url + '/metrics');
  firstScrape = { status: res.status, text: await res.text(), ms: Date.now() - t0 };
  await spreadGroups(broker.address);

  expect((await post('/api/topics', { name: 'ft', partitions: 3, replicationFactor: 1 })).status).toBe(201);
  leaders = (await get('/api/topics/ft')).body.partitions.map((p: { leader: number }) => p.leader);
  expect([...leaders].sort()).toEqual([0, 1, 2]);
  for (let p = 0; p < 3; p++) expect((await post('/api/topics/ft/messages', { partition: p, value: 'v{{i}}', count: 10 })).status).toBe(200);
  // every group: committed 2 on each partition, lag 8 each
  for (const g of [...groupsOn.values()].flat()) {
    const r = await post(`/api/groups/${g}/reset`, { strategy: 'to-offset', offset: 2, scope: { topics: ['ft'] }, dryRun: false });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
}, 300_000);

afterAll(async () => {
  await dash?.stop();
  await broker?.stop();
  for (const s of silent) s.close();
});

type Summary = { groupId: string; totalLag: number | null; unavailable: { broker: number | null; since: number; message: string; valuesAt: number | null } | null };
const byId = (groups: Summary[]) => new Map(groups.map((g) => [g.groupId, g]));

describe('a broker of three goes down and comes back', () => {
  it('/metrics answers within 2 s though one cluster refuses connections and another never answers, from the first scrape on', async () => {
    const m = firstScrape;
    expect(m.status).toBe(200);
    console.log(`/metrics beside a refusing and a hanging cluster: ${m.ms} ms`);
    expect(m.ms).toBeLessThan(2000);
    const text = await until(
      async () => (await fetch(dash.url + '/metrics')).text(),
      (t) => t.includes('offsetscope_cluster_up{cluster="main"} 1'),
    );
    expect(text).toContain('offsetscope_cluster_up{cluster="main"} 1\n');
    expect(text).toContain('offsetscope_cluster_up{cluster="dead"} 0\n');
    expect(text).toContain('offsetscope_cluster_up{cluster="hanging"} 0\n');
    for (const n of [0, 1, 2]) expect(text).toContain(`offsetscope_broker_up{cluster="main",broker="${n}"} 1\n`);
  });

  it('with every broker unreachable the API answers 503 within 5 s, however many are listed', async () => {
    const [dead, hanging] = await Promise.all([get('/api/clusters/dead/groups'), get('/api/clusters/hanging/groups')]);
    expect(dead.status).toBe(503);
    expect(dead.body.error.code).toBe('CLUSTER_UNREACHABLE');
    console.log(`every broker unreachable: 503 in ${dead.ms} ms (1 refusing broker), ${hanging.ms} ms (4 hanging brokers)`);
    expect(dead.ms).toBeLessThan(5000);
    expect(hanging.status).toBe(503);
    expect(hanging.ms).toBeLessThan(5000);
    expect(hanging.body.error.message).toMatch(/no broker answered/);
  });

  it('after `down 1` the list answers 200 with all 30 groups: node 1s say broker 1 is unavailable, the others are fresh', async () => {
    const before = await until(
      () => get('/api/groups'),
      (r) => r.status === 200 && r.body.total === 30 && r.body.groups.every((g: Summary) => g.totalLag === 24),
    );
    expect(before.body.groups.every((g: Summary) => g.totalLag === 24 && g.unavailable === null)).toBe(true);

    const downAt = Date.now();
    await broker.command('down 1');
    // new records on the partitions whose leaders are up: fresh lag there is 8 + 5
    for (let p = 0; p < 3; p++) {
      if (leaders[p] === 1) continue;
      const r = await post('/api/topics/ft/messages', { partition: p, value: 'after-down-{{i}}', count: 5 });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const slow: number[] = [];
    let slowest = 0;
    const after = await until(
      async () => {
        const r = await get('/api/groups');
        slowest = Math.max(slowest, r.ms);
        if (r.ms >= 5000 || r.status !== 200) slow.push(r.status * 100000 + r.ms);
        return r;
      },
      (r) =>
        r.status === 200 &&
        groupsOn.get(1)!.every((g) => byId(r.body.groups).get(g)?.unavailable?.broker === 1) &&
        [0, 2].every((n) => groupsOn.get(n)!.every((g) => byId(r.body.groups).get(g)?.totalLag === 26)),
      15_000,
    );
    expect(slow, 'every /api/groups answer was 200 within 5 s').toEqual([]);
    console.log(`after down 1: /api/groups answered 200 in at most ${slowest} ms; marks and fresh lag ${Date.now() - downAt} ms after the command`);
    expect(after.body.total).toBe(30);
    const groups = byId(after.body.groups);
    for (const g of groupsOn.get(1)!) {
      const u = groups.get(g)!.unavailable!;
      expect(u.broker).toBe(1);
      expect(u.message).toMatch(/broker 1/);
      expect(u.since).toBeGreaterThanOrEqual(downAt - 1000);
      expect(u.valuesAt).toBeLessThanOrEqual(u.since);
      expect(groups.get(g)!.totalLag).toBe(24); // its last known values
    }
    for (const n of [0, 2]) {
      for (const g of groupsOn.get(n)!) {
        expect(groups.get(g)!.unavailable).toBeNull();
        expect(groups.get(g)!.totalLag).toBe(26); // 13 + 13 on the live leaders; the down leader's partition has no log-end now
      }
    }
    // the group page says the same, with the fresh log-ends
    const fresh = await get(`/api/groups/${groupsOn.get(0)![0]}`);
    expect(fresh.status).toBe(200);
    expect(fresh.body.unavailable).toBeNull();
    for (const o of fresh.body.offsets) expect(o.lag).toBe(leaders[o.partition] === 1 ? null : 13);
    const stale = await get(`/api/groups/${groupsOn.get(1)![0]}`);
    expect(stale.status).toBe(200);
    expect(stale.body.unavailable.broker).toBe(1);
    expect(stale.body.offsets.map((o: { lag: number }) => o.lag)).toEqual([8, 8, 8]);

    // the topic page: the partition led by node 1 has no leader and no numbers, the others keep theirs
    const topic = await get('/api/topics/ft');
    expect(topic.status).toBe(200);
    for (const p of topic.body.partitions) {
      if (leaders[p.partition] === 1) {
        expect(p.leader).toBe(-1);
        expect(p.logEndOffset).toBeNull();
      } else {
        expect(p.leader).toBe(leaders[p.partition]);
        expect(p.logEndOffset).toBe(15);
      }
    }
    // the overview's brokers: node 1 is listed as down since the command, with why
    const status = await get('/api/cluster');
    expect(status.body.brokers.map((b: { nodeId: number }) => b.nodeId)).toEqual([0, 2]);
    expect(status.body.downBrokers).toEqual([expect.objectContaining({ nodeId: 1, address: broker.listeners()[1] })]);
    expect(status.body.downBrokers[0].since).toBeGreaterThanOrEqual(downAt - 1000);
    const metrics = await (await fetch(dash.url + '/metrics')).text();
    expect(metrics).toContain('offsetscope_broker_up{cluster="main",broker="1"} 0\n');
    expect(metrics).toContain('offsetscope_broker_up{cluster="main",broker="0"} 1\n');
  }, 60_000);

  it('after `up 1` every group is fresh again within two sample intervals', async () => {
    const upAt = Date.now();
    await broker.command('up 1');
    const r = await until(
      () => get('/api/groups'),
      (x) => x.status === 200 && x.body.total === 30 && x.body.groups.every((g: Summary) => g.unavailable === null && g.totalLag === 34),
      15_000,
    );
    const took = Date.now() - upAt;
    console.log(`after up 1: every group fresh ${took} ms after the command (sample interval ${SAMPLE_MS} ms)`);
    expect(r.body.groups.every((g: Summary) => g.unavailable === null)).toBe(true);
    // every group now sees all three log-ends: 13 + 13 + 8
    expect(r.body.groups.map((g: Summary) => g.totalLag)).toEqual(Array(30).fill(34));
    expect(took).toBeLessThan(2 * SAMPLE_MS);
    expect((await get('/api/cluster')).body.downBrokers).toEqual([]);
  }, 30_000);
});

describe('after `rotate` (every leader and coordinator moves one node on)', () => {
  it('browse, produce, tail and reset work without a reload', async () => {
    // a tail opened before the move must follow it
    const ctrl = new AbortController();
    const tail = await fetch(`${dash.url}/api/topics/ft/tail`, { signal: ctrl.signal });
    expect(tail.status).toBe(200);
    const reader = tail.body!.getReader();
    let seen = '';
    const reading = (async () => {
      const dec = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        seen += dec.decode(value);
      }
    })();
    await until(async () => seen, (s) => s.includes(': tailing ft'), 5000);

    await broker.command('rotate');
    const moved = await until(
      () => get('/api/topics/ft'),
      (r) => r.body.partitions.every((p: { partition: number; leader: number }) => p.leader === (leaders[p.partition] + 1) % 3),
    );
    expect(moved.body.partitions.map((p: { logEndOffset: number }) => p.logEndOffset)).toEqual([0, 1, 2].map((p) => (leaders[p] === 1 ? 10 : 15)));

    const page = await get('/api/topics/ft/messages?from=oldest&limit=100');
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.messages).toHaveLength(40);

    const produced = await post('/api/topics/ft/messages', { value: 'after-rotate-{{i}}', partitioner: 'round-robin', count: 3, indexFrom: 0 });
    expect(produced.status, JSON.stringify(produced.body)).toBe(200);
    expect(produced.body.results.map((r: { count: number }) => r.count)).toEqual([1, 1, 1]);

    await until(async () => seen, (s) => ['after-rotate-0', 'after-rotate-1', 'after-rotate-2'].every((v) => s.includes(v)), 15_000);
    expect(seen).toContain('after-rotate-0');
    expect(seen).toContain('after-rotate-2');
    ctrl.abort();
    await reading;

    const g = groupsOn.get(2)![0];
    const reset = await post(`/api/groups/${g}/reset`, { strategy: 'to-earliest', scope: { topics: ['ft'] }, dryRun: false });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body.applied).toBe(true);
    const detail = await until(
      () => get(`/api/groups/${g}`),
      (r) => r.status === 200 && r.body.offsets.every((o: { committedOffset: number }) => o.committedOffset === 0),
    );
    expect(detail.body.offsets.map((o: { committedOffset: number }) => o.committedOffset)).toEqual([0, 0, 0]);
  }, 60_000);
});
