// POST /api/topics/{topic}/search: a CEL expression run on the server while it scans, its
// NDJSON stream (progress, matches, end), its budgets and caps, closing the stream to stop
// the scan, and requests refused before anything is scanned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchEvent } from '../../lib/contract/search';
import { startDashboard, type Dashboard } from '../helpers/dashboard';
import { seedOrders, type Order } from '../helpers/orders';
import { until } from '../helpers/until';

let dash: Dashboard;
/** What was produced to `orders`, by the `i` in each value. */
let produced: Order[] = [];

beforeAll(async () => {
  dash = await startDashboard();
  produced = await seedOrders(dash.brokerAddress);
}, 300_000);
afterAll(async () => {
  await dash?.stop();
});

const post = (topic: string, body: unknown, signal?: AbortSignal) =>
  fetch(`${dash.url}/api/topics/${encodeURIComponent(topic)}/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });

/** Every event of a search's stream, read to its end. */
async function search(topic: string, body: unknown): Promise<SearchEvent[]> {
  const res = await post(topic, body);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  const text = await res.text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SearchEvent);
}

const matchesOf = (events: SearchEvent[]) => events.flatMap((e) => (e.type === 'match' ? [e.message] : []));
const endOf = (events: SearchEvent[]) => {
  const last = events[events.length - 1];
  expect(last.type).toBe('end');
  return last as Extract<SearchEvent, { type: 'end' }>;
};

async function scannedTotal(): Promise<{ running: number; scanned: number }> {
  const text = await (await fetch(dash.url + '/metrics')).text();
  const value = (name: string) => Number(new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { running: value('offsetscope_searches_running'), scanned: value('offsetscope_search_scanned_records_total') };
}

describe('search', () => {
  it('returns exactly the records an expression matches, with progress first and why it ended last', async () => {
    const events = await search('orders', { expression: 'value.amount > 1000 && key == "customer-7"', maxMatches: 10_000 });
    const expected = produced.filter((p) => p.amount > 1000 && p.key === 'customer-7').map((p) => p.i);
    expect(expected.length).toBeGreaterThan(100);
    const got = matchesOf(events);
    expect(got.map((m) => JSON.parse(m.value!).i).sort((a, b) => a - b)).toEqual(expected);
    expect(new Set(got.map((m) => m.key))).toEqual(new Set(['customer-7']));
    expect(events[0]).toMatchObject({ type: 'progress', scanned: 0, total: 5000, matches: 0 });
    expect(endOf(events)).toMatchObject({ reason: 'end', scanned: 5000, total: 5000, matches: expected.length });
  });

  it('stops at maxScanned, maxMatches and maxMillis and says which', async () => {
    const scanned = await search('orders', { expression: 'value.amount > 1000', maxScanned: 1000, maxMatches: 10_000 });
    expect(endOf(scanned)).toMatchObject({ reason: 'maxScanned', scanned: 1000 });
    // every record tested was a real one of the topic, and each match really matches
    for (const m of matchesOf(scanned)) expect(JSON.parse(m.value!).amount).toBeGreaterThan(1000);

    const newest = await search('orders', { expression: 'key == "customer-3"', start: 'newest', maxMatches: 5 });
    expect(endOf(newest)).toMatchObject({ reason: 'maxMatches', matches: 5 });
    const five = matchesOf(newest);
    expect(five).toHaveLength(5);
    // from the newest: within a partition, offsets go down
    const byPartition = new Map<number, number[]>();
    for (const m of five) byPartition.set(m.partition, [...(byPartition.get(m.partition) ?? []), m.offset]);
    for (const offsets of byPartition.values()) expect(offsets).toEqual([...offsets].sort((a, b) => b - a));

    const quick = await search('orders', { expression: 'value.i >= 0', maxMillis: 1, maxMatches: 10_000 });
    expect(endOf(quick).reason).toMatch(/^(maxMillis|end)$/);
  });

  it('reads only the partitions and the start it is given', async () => {
    const events = await search('orders', { expression: '', partitions: [2], start: { offset: 10 }, maxMatches: 10_000 });
    const got = matchesOf(events);
    expect(new Set(got.map((m) => m.partition))).toEqual(new Set([2]));
    expect(Math.min(...got.map((m) => m.offset))).toBe(10);
    expect(endOf(events)).toMatchObject({ reason: 'end', matches: got.length, total: got.length });
  });

  it('a closed stream stops the scan on the server', async () => {
    // 60,000 records whose test takes a while each: minutes to scan if nothing stopped it
    const items = JSON.stringify(Array.from({ length: 200 }, (_, k) => k));
    const made = await fetch(`${dash.url}/api/topics`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'slow', partitions: 1, replicationFactor: 1 }) });
    expect(made.status).toBe(201);
    for (let n = 0; n < 60_000; n += 20_000) {
      const p = await fetch(`${dash.url}/api/topics/slow/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: `{"n": {{i}}, "items": ${items}}`, count: 20_000, indexFrom: n }) });
      expect(p.status).toBe(200);
    }
    const before = await scannedTotal();
    expect(before.running).toBe(0);
    const ac = new AbortController();
    // true for every record's items, so never a match: nothing but the budgets would end it
    const res = await post('slow', { expression: '!value.items.all(x, value.items.exists(y, y == x))', maxScanned: 5_000_000, maxMatches: 10_000, maxMillis: 120_000 }, ac.signal);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(JSON.parse(first.split('\n')[0])).toMatchObject({ type: 'progress', scanned: 0, total: 60_000 });
    expect((await until(scannedTotal, (m) => m.running === 1, 10_000)).running).toBe(1);
    ac.abort();
    await reader.cancel().catch(() => {});
    // the server notices and ends the scan: nothing runs, and what was scanned is far from all of it
    const after = await until(scannedTotal, (m) => m.running === 0, 20_000);
    expect(after.running).toBe(0);
    expect(after.scanned - before.scanned).toBeLessThan(60_000);
    expect((await scannedTotal()).scanned).toBe(after.scanned);
  }, 120_000);
});

describe('a search refused before anything is scanned', () => {
  it('answers 400 with the position of a syntax error, and for oversized, nested, over-cap or unknown input', async () => {
    const before = await scannedTotal();
    const bad = await post('orders', { expression: 'value.amount > 1000 &&& key' });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error).toMatchObject({ code: 'EXPRESSION_INVALID', position: { line: 1, column: 21, offset: 20 } });
    expect(body.error.message).toMatch(/^Syntax error at line 1, column 21/);

    const refused: [unknown, RegExp][] = [
      [{ expression: 'x'.repeat(2001) }, /expression must be at most 2000 characters/],
      [{ expression: '('.repeat(100) + 'true' + ')'.repeat(100) }, /nests brackets 100 deep; at most 32/],
      [{ expression: 'true', maxScanned: 50_000_000 }, /maxScanned must be 1–5,000,000/],
      [{ expression: 'true', maxMatches: 10_001 }, /maxMatches must be 1–10,000/],
      [{ expression: 'true', maxMillis: 600_000 }, /maxMillis must be 1–120,000/],
      [{ expression: 'true', sql: 'drop table' }, /Unrecognized key/i],
      [{ expression: 'secret == 1' }, /Unknown name 'secret'/],
      [{ expression: 'true', start: 'yesterday' }, /start/],
      [{}, /expression/],
    ];
    for (const [req, message] of refused) {
      const r = await post('orders', req);
      expect({ req, status: r.status }).toEqual({ req, status: 400 });
      expect((await r.json()).error.message).toMatch(message);
    }
    const text = await fetch(`${dash.url}/api/topics/orders/search`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"expression":"true"}' });
    expect(text.status).toBe(415);
    expect((await post('no-such-topic', { expression: 'true' })).status).toBe(404);
    expect((await post('orders', { expression: 'true', partitions: [99] })).status).toBe(404);
    expect(await scannedTotal()).toEqual(before);
  });
});
