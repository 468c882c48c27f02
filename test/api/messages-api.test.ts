// Messages through the dashboard API: produce from the form's payload, browse (newest,
// oldest, offset, time, filter), binary and compressed data from kcat, the live tail, and
// bad input — without ever creating a consumer group.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from '../helpers/dashboard';
import { groupIds, kafka } from '../helpers/kafkajs';

let dash: Dashboard;
beforeAll(async () => {
  dash = await startDashboard();
}, 300_000);
afterAll(async () => {
  await dash?.stop();
});

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(dash.url + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};
const groupsNow = () => groupIds(dash.brokerAddress);

describe('produce and browse', () => {
  it('produces records with key, JSON value and headers, and browses them back in every mode', async () => {
    expect((await api('POST', '/api/topics', { name: 'events', partitions: 2, replicationFactor: 1 })).status).toBe(201);
    const groupsBefore = await groupsNow();
    const stamps: number[] = [];
    for (let i = 0; i < 3; i++) {
      stamps.push(Date.now());
      const r = await api('POST', '/api/topics/events/messages', {
        partition: 1,
        key: `order-${i}`,
        value: JSON.stringify({ id: i, total: 9.5 }),
        valueFormat: 'json',
        headers: [
          { key: 'source', value: 'form' },
          { key: 'trace', value: `t-${i}` },
        ],
      });
      expect(r).toEqual({ status: 200, body: { count: 1, results: [{ partition: 1, firstOffset: i, lastOffset: i, count: 1 }] } });
      await new Promise((res) => setTimeout(res, 30));
    }
    const newest = await api('GET', '/api/topics/events/messages?partition=1');
    expect(newest.status).toBe(200);
    expect(newest.body.messages.map((m: { offset: number }) => m.offset)).toEqual([2, 1, 0]);
    expect(newest.body.messages[0]).toMatchObject({
      partition: 1,
      key: 'order-2',
      keyEncoding: 'utf8',
      value: '{"id":2,"total":9.5}',
      valueEncoding: 'utf8',
      timestampType: 'CreateTime',
      headers: [
        { key: 'source', value: 'form', valueEncoding: 'utf8' },
        { key: 'trace', value: 't-2', valueEncoding: 'utf8' },
      ],
    });
    const oldest = await api('GET', '/api/topics/events/messages?from=oldest&limit=2');
    expect(oldest.body.messages.map((m: { offset: number }) => m.offset)).toEqual([0, 1]);
    const fromOffset = await api('GET', '/api/topics/events/messages?partition=1&from=offset&offset=1');
    expect(fromOffset.body.messages.map((m: { key: string }) => m.key)).toEqual(['order-1', 'order-2']);
    const between = Math.floor((newest.body.messages[1].timestamp + newest.body.messages[0].timestamp) / 2) + 1;
    const byTime = await api('GET', `/api/topics/events/messages?partition=1&from=timestamp&timestamp=${new Date(between).toISOString()}`);
    expect(byTime.body.messages.map((m: { key: string }) => m.key)).toEqual(['order-2']);
    const filtered = await api('GET', '/api/topics/events/messages?q=t-1');
    expect(filtered.body.messages.map((m: { key: string }) => m.key)).toEqual(['order-1']);
    expect(filtered.body.scanned).toBe(3);
    expect(await groupsNow()).toEqual(groupsBefore); // reading created no consumer group
  });

  it('N copies with templates spread by key (murmur2, where kafkajs puts the same key) or round-robin', async () => {
    const r = await api('POST', '/api/topics/events/messages', { key: 'k-{{i}}', value: 'copy {{i}} at {{now}}', count: 20 });
    expect(r.status).toBe(200);
    expect(r.body.count).toBe(20);
    expect(r.body.results.reduce((n: number, x: { count: number }) => n + x.count, 0)).toBe(20);
    const producer = kafka(dash.brokerAddress).producer();
    await producer.connect();
    const [meta] = await producer.send({ topic: 'events', messages: [{ key: 'k-7', value: 'from kafkajs' }] });
    await producer.disconnect();
    const page = await api('GET', `/api/topics/events/messages?partition=${meta.partition}&q=copy%207%20`);
    expect(page.body.messages).toHaveLength(1);
    expect(page.body.messages[0].key).toBe('k-7');
    const rr = await api('POST', '/api/topics/events/messages', { value: 'spread', partitioner: 'round-robin', count: 10 });
    expect(rr.body.results.map((x: { count: number }) => x.count)).toEqual([5, 5]);
  });

  it('indexFrom continues {{i}} (and round-robin) where an earlier request stopped', async () => {
    const r = await api('POST', '/api/topics/events/messages', { partition: 1, value: 'v-{{i}}', count: 3, indexFrom: 10 });
    expect(r.body.results).toEqual([{ partition: 1, firstOffset: expect.any(Number), lastOffset: expect.any(Number), count: 3 }]);
    const page = await api('GET', `/api/topics/events/messages?partition=1&from=offset&offset=${r.body.results[0].firstOffset}&limit=3`);
    expect(page.body.messages.map((m: { value: string }) => m.value)).toEqual(['v-10', 'v-11', 'v-12']);
    const rr = await api('POST', '/api/topics/events/messages', { value: 'odd', partitioner: 'round-robin', count: 1, indexFrom: 1 });
    expect(rr.body.results.map((x: { partition: number }) => x.partition)).toEqual([1]); // 1 mod 2 partitions
    expect((await api('POST', '/api/topics/events/messages', { value: 'x', indexFrom: -1 })).status).toBe(400);
  });

  it('shows binary keys and data kcat wrote with every codec', async () => {
    await api('POST', '/api/topics', { name: 'kcat-data', partitions: 1, replicationFactor: 1 });
    for (const codec of ['gzip', 'snappy', 'lz4', 'zstd']) {
      execFileSync('kcat', ['-P', '-b', dash.brokerAddress, '-t', 'kcat-data', '-p', '0', '-z', codec, '-K', ':'], { input: `key-${codec}:value via ${codec}\n`, timeout: 15_000 });
    }
    const binKey = Buffer.from([0xff, 0x00, 0xfe]);
    const producer = kafka(dash.brokerAddress).producer();
    await producer.connect();
    await producer.send({ topic: 'kcat-data', messages: [{ partition: 0, key: binKey, value: Buffer.from([0xc3, 0x28]) }] });
    await producer.disconnect();
    const page = await api('GET', '/api/topics/kcat-data/messages?from=oldest');
    expect(page.body.messages.map((m: { value: string }) => m.value).slice(0, 4)).toEqual(['value via gzip', 'value via snappy', 'value via lz4', 'value via zstd']);
    const bin = page.body.messages[4];
    expect(bin).toMatchObject({ key: binKey.toString('base64'), keyEncoding: 'base64', value: Buffer.from([0xc3, 0x28]).toString('base64'), valueEncoding: 'base64' });
  });
});

describe('live tail', () => {
  it('streams a record kcat produces, as it arrives, creating no group', async () => {
    const groupsBefore = await groupsNow();
    const ctrl = new AbortController();
    const res = await fetch(dash.url + '/api/topics/events/tail', { signal: ctrl.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('cache-control')).toMatch(/no-transform/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const arrived = (async () => {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
        if (text.includes('tailed by kcat')) return true;
      }
      return false;
    })();
    await new Promise((r) => setTimeout(r, 300));
    // The dashboard keeps answering while the tail waits on the broker.
    expect((await api('GET', '/api/topics/events')).status).toBe(200);
    execFileSync('kcat', ['-P', '-b', dash.brokerAddress, '-t', 'events', '-p', '0'], { input: 'tailed by kcat\n', timeout: 15_000 });
    expect(await arrived).toBe(true);
    const event = text.split('\n').find((l) => l.startsWith('data: ') && l.includes('tailed by kcat'))!;
    expect(JSON.parse(event.slice(6))).toMatchObject({ partition: 0, value: 'tailed by kcat', valueEncoding: 'utf8' });
    ctrl.abort();
    expect(await groupsNow()).toEqual(groupsBefore);
  });
});

describe('bad input', () => {
  it('answers each with the documented status and a clear message', async () => {
    const cases: [string, string, unknown, number, RegExp][] = [
      ['GET', '/api/topics/events/messages?partition=9', undefined, 404, /no partition 9/],
      ['GET', '/api/topics/events/messages?partition=0&from=offset&offset=999999', undefined, 400, /beyond the log end/],
      ['GET', '/api/topics/events/messages?from=timestamp&timestamp=yesterday', undefined, 400, /ISO-8601/],
      ['GET', '/api/topics/events/messages?limit=501', undefined, 400, /limit/],
      ['GET', '/api/topics/nope/messages', undefined, 404, /nope/],
      ['POST', '/api/topics/events/messages', { value: '{"a": ', valueFormat: 'json' }, 400, /not valid JSON/],
      ['POST', '/api/topics/events/messages', { value: 'x', partition: 9 }, 404, /no partition 9/],
      ['POST', '/api/topics/events/messages', { value: 'x', count: 100_001 }, 400, /count must be 1–100000/],
      ['POST', '/api/topics/events/messages', { value: 'x'.repeat(2_000_000) }, 400, /max\.message\.bytes/],
      ['POST', '/api/topics/events/messages', { value: '!!', encoding: 'base64' }, 400, /base64/],
      ['POST', '/api/topics/nope/messages', { value: 'x' }, 404, /nope/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const r = await api(method, path, body);
      expect({ path, status: r.status }).toEqual({ path, status });
      expect(r.body.error.message).toMatch(message);
    }
  });
});
