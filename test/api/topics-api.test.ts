// The HTTP API against the production build started as `npm start` starts it: every topic
// route with good input and each kind of bad input, answered with the documented status
// and a message a person can act on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from '../helpers/dashboard';
import { kafka } from '../helpers/kafkajs';

let dash: Dashboard;
beforeAll(async () => {
  dash = await startDashboard();
}, 300_000);
afterAll(async () => {
  await dash?.stop();
});

const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(dash.url + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

describe('GET /api/cluster', () => {
  it('names the embedded broker, its controller and that it is reachable', async () => {
    const r = await api('GET', '/api/cluster');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ mode: 'embedded', reachable: true, controllerId: 0, readOnly: false });
    expect(r.body.brokers).toEqual([{ nodeId: 0, host: '127.0.0.1', port: dash.brokerPort, rack: null }]);
    expect(typeof r.body.clusterId).toBe('string');
  });
});

describe('topics', () => {
  it('creates a topic and lists it with its partitions, offsets and retention', async () => {
    const created = await api('POST', '/api/topics', { name: 'orders', partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '1728000' } });
    expect(created).toEqual({ status: 201, body: { name: 'orders' } });
    const producer = kafka(dash.brokerAddress).producer();
    await producer.connect();
    await producer.send({ topic: 'orders', messages: Array.from({ length: 7 }, (_, i) => ({ partition: 1, value: `m${i}` })) });
    await producer.disconnect();
    const list = await api('GET', '/api/topics?q=ord');
    expect(list.status).toBe(200);
    const orders = list.body.topics.find((t: { name: string }) => t.name === 'orders');
    expect(orders).toMatchObject({ name: 'orders', partitions: 3, messages: 7, internal: false, retentionMs: 1728000, underReplicated: 0, offline: 0 });
    expect(orders.bytes).toBeGreaterThan(0);

    const detail = await api('GET', '/api/topics/orders');
    expect(detail.status).toBe(200);
    expect(detail.body.partitions.map((p: { logEndOffset: number }) => p.logEndOffset)).toEqual([0, 7, 0]);
    expect(detail.body.partitions[1]).toMatchObject({ partition: 1, leader: 0, replicas: [0], isr: [0], logStartOffset: 0, messages: 7 });
    const retention = detail.body.configs.find((c: { name: string }) => c.name === 'retention.ms');
    expect(retention).toMatchObject({ value: '1728000', source: 'set' });
    expect(detail.body.configs.find((c: { name: string }) => c.name === 'cleanup.policy')).toMatchObject({ value: 'delete', source: 'default' });
  });

  it('refuses bad create input with 400 and a reason, an existing name with 409', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ name: 'bad name!', partitions: 1, replicationFactor: 1 }, 400, /ASCII letters, digits/],
      [{ name: 'x', partitions: '3', replicationFactor: 1 }, 400, /partitions/],
      [{ name: 'x', partitions: -1, replicationFactor: 1 }, 400, /between 1 and 100000/],
      [{ name: 'x', partitions: 1 }, 400, /replicationFactor/],
      [{ name: 'x', partitions: 1, replicationFactor: 3 }, 400, /replicat/i],
      [{ name: 'x', partitions: 1, replicationFactor: 1, configs: { 'retention.ms': 'soon' } }, 400, /retention\.ms/],
      [{ name: 'x', partitions: 1, replicationFactor: 1, configs: { 'no.such': '1' } }, 400, /Unknown topic config/],
      [{ name: 'x', partitions: 1, replicationFactor: 1, configs: { 'retention.ms': 'x'.repeat(20_000) } }, 400, /too big|at most|<=|10000/i],
      [{ name: 'x', partitions: 2 ** 53 + 2, replicationFactor: 1 }, 400, /2\^53|between/],
      [{ name: 'x', partitions: 1, replicationFactor: 1, extra: true }, 400, /extra|Unrecognized/i],
      ['{"name": ', 400, /not valid JSON/],
      [{ name: 'orders', partitions: 1, replicationFactor: 1 }, 409, /already exists/],
    ];
    for (const [body, status, message] of cases) {
      const r = await api('POST', '/api/topics', body);
      expect({ body, status: r.status }).toEqual({ body, status });
      expect(r.body.error.message).toMatch(message);
      expect(typeof r.body.error.code).toBe('string');
    }
    const list = await api('GET', '/api/topics');
    expect(list.body.topics.map((t: { name: string }) => t.name)).toEqual(['orders']);
  });

  it('refuses a form content type and another origin (CSRF)', async () => {
    const form = await fetch(dash.url + '/api/topics', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=evil&partitions=1&replicationFactor=1' });
    expect(form.status).toBe(415);
    const cross = await api('POST', '/api/topics', { name: 'evil', partitions: 1, replicationFactor: 1 }, { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.body.error.code).toBe('FORBIDDEN_ORIGIN');
    const del = await api('DELETE', '/api/topics/orders', undefined, { origin: 'http://evil.example' });
    expect(del.status).toBe(403);
    const same = await api('POST', '/api/topics', { name: 'same-origin', partitions: 1, replicationFactor: 1 }, { origin: dash.url });
    expect(same.status).toBe(201);
    expect((await api('DELETE', '/api/topics/same-origin')).status).toBe(204);
  });

  it('lists with server-side search, sort and the internal toggle; refuses unknown sort keys', async () => {
    await api('POST', '/api/topics', { name: 'zebra', partitions: 5, replicationFactor: 1 });
    const byPartitions = await api('GET', '/api/topics?sort=partitions&order=desc');
    expect(byPartitions.body.topics.map((t: { name: string }) => t.name)).toEqual(['zebra', 'orders']);
    expect((await api('GET', '/api/topics?q=zeb')).body.topics.map((t: { name: string }) => t.name)).toEqual(['zebra']);
    expect((await api('GET', '/api/topics?sort=bogus')).status).toBe(400);
    expect((await api('GET', '/api/topics?internal=maybe')).status).toBe(400);
    expect((await api('GET', '/api/topics?q=' + 'x'.repeat(300))).status).toBe(400);
  });

  it('GET, DELETE and changes on an unknown topic answer 404', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/topics/nope', undefined],
      ['DELETE', '/api/topics/nope', undefined],
      ['PATCH', '/api/topics/nope/configs', { configs: { 'retention.ms': '1000' } }],
      ['POST', '/api/topics/nope/partitions', { count: 3 }],
      ['POST', '/api/topics/nope/delete-records', { partitions: [{ partition: 0, beforeOffset: 0 }] }],
    ] as const) {
      const r = await api(method, path, body);
      expect({ path, method, status: r.status }).toEqual({ path, method, status: 404 });
      expect(r.body.error.message).toMatch(/nope/);
    }
    // A name that needs URL encoding reaches the handler decoded.
    expect((await api('GET', '/api/topics/' + encodeURIComponent('a/b c'))).status).toBe(404);
  });

  it('PATCH configs sets, resets to default (null) and refuses invalid values', async () => {
    let r = await api('PATCH', '/api/topics/orders/configs', { configs: { 'retention.bytes': '1048576' } });
    expect(r.status).toBe(200);
    const cfg = (name: string) => r.body.configs.find((c: { name: string }) => c.name === name);
    expect(cfg('retention.bytes')).toMatchObject({ value: '1048576', source: 'set' });
    expect(cfg('retention.ms')).toMatchObject({ value: '1728000', source: 'set' }); // kept, not replaced
    r = await api('PATCH', '/api/topics/orders/configs', { configs: { 'retention.ms': null } });
    expect(cfg('retention.ms')).toMatchObject({ value: '604800000', source: 'default' });
    expect(cfg('retention.bytes')).toMatchObject({ value: '1048576', source: 'set' });
    const bad = await api('PATCH', '/api/topics/orders/configs', { configs: { 'message.timestamp.type': 'Sometime' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_CONFIG', message: expect.stringMatching(/CreateTime, LogAppendTime/) });
    expect((await api('PATCH', '/api/topics/orders/configs', { configs: 'retention.ms=1' })).status).toBe(400);
    expect((await api('PATCH', '/api/topics/orders/configs', { configs: { 'retention.ms': 5 } })).status).toBe(400);
  });

  it('POST partitions grows the topic and refuses shrinking', async () => {
    const r = await api('POST', '/api/topics/orders/partitions', { count: 4 });
    expect(r.status).toBe(200);
    expect(r.body.partitions).toHaveLength(4);
    const shrink = await api('POST', '/api/topics/orders/partitions', { count: 2 });
    expect(shrink.status).toBe(400);
    expect(shrink.body.error).toMatchObject({ code: 'INVALID_PARTITIONS', message: expect.stringMatching(/higher than the requested 2/) });
    expect((await api('POST', '/api/topics/orders/partitions', { count: 0 })).status).toBe(400);
    expect((await api('POST', '/api/topics/orders/partitions', {})).status).toBe(400);
  });

  it('POST delete-records moves log-start and refuses offsets past the end', async () => {
    const r = await api('POST', '/api/topics/orders/delete-records', { partitions: [{ partition: 1, beforeOffset: 3 }] });
    expect(r).toEqual({ status: 200, body: { partitions: [{ partition: 1, logStartOffset: 3 }] } });
    const detail = await api('GET', '/api/topics/orders');
    expect(detail.body.partitions[1]).toMatchObject({ logStartOffset: 3, logEndOffset: 7, messages: 4 });
    const past = await api('POST', '/api/topics/orders/delete-records', { partitions: [{ partition: 1, beforeOffset: 99 }] });
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({ code: 'OFFSET_OUT_OF_RANGE', message: expect.stringMatching(/99.*log end/) });
    expect((await api('POST', '/api/topics/orders/delete-records', { partitions: [{ partition: 9, beforeOffset: 0 }] })).status).toBe(404);
    expect((await api('POST', '/api/topics/orders/delete-records', { partitions: [{ partition: 0, beforeOffset: -1 }] })).status).toBe(400);
    expect((await api('POST', '/api/topics/orders/delete-records', { partitions: [{ partition: 0, beforeOffset: 9007199254740993 }] })).status).toBe(400);
    expect((await api('POST', '/api/topics/orders/delete-records', { partitions: [] })).status).toBe(400);
  });

  it('DELETE removes the topic', async () => {
    expect((await api('DELETE', '/api/topics/zebra')).status).toBe(204);
    expect((await api('GET', '/api/topics/zebra')).status).toBe(404);
    expect((await api('GET', '/api/topics')).body.topics.map((t: { name: string }) => t.name)).not.toContain('zebra');
  });
});
