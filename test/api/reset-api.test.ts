// The reset, delete-offsets and delete-group routes against the production build: bad
// input is a 400 that names the problem and commits nothing; an active group is refused
// (409) with its state and members; applied resets are listed from the audit records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer } from 'kafkajs';
import { startDashboard, type Dashboard } from '../helpers/dashboard';
import { kafka } from '../helpers/kafkajs';
import { until } from '../helpers/until';

let dash: Dashboard;
const send = (method: string, path: string, body?: unknown) =>
  fetch(dash.url + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const get = async (path: string) => (await fetch(dash.url + path)).json();
const committed = async (g: string) => Object.fromEntries((await get(`/api/groups/${g}`)).offsets.map((o: { topic: string; partition: number; committedOffset: number }) => [`${o.topic}-${o.partition}`, o.committedOffset]));

beforeAll(async () => {
  dash = await startDashboard();
  await send('POST', '/api/topics', { name: 'ra', partitions: 2, replicationFactor: 1 });
  await send('POST', '/api/topics', { name: 'rb', partitions: 1, replicationFactor: 1 });
  for (const [t, p] of [
    ['ra', 0],
    ['ra', 1],
    ['rb', 0],
  ] as const) {
    await send('POST', `/api/topics/${t}/messages`, { partition: p, value: 'v{{i}}', count: 6 });
  }
  // group "stopped": committed 4 and 2 on ra, nothing on rb
  const r = await send('POST', '/api/groups/stopped/reset', { strategy: 'from-file', csv: 'ra,0,4\nra,1,2', dryRun: false });
  expect(r.status).toBe(200);
}, 300_000);
afterAll(async () => {
  await dash?.stop();
});

describe('bad input → 400 with a message, nothing committed', () => {
  it.each([
    ['unknown topic', { strategy: 'to-earliest', scope: { topics: ['nope'] } }, /Topic 'nope' does not exist/],
    ['unknown partition', { strategy: 'to-earliest', scope: { topics: ['ra'], partitions: { ra: [5] } } }, /has no partition 5/],
    ['"all" for a group with no commits', { strategy: 'to-earliest', scope: { topics: 'all' } }, /has no committed offsets/, 'nobody'],
    ['partitions of a topic not in scope', { strategy: 'to-earliest', scope: { topics: ['ra'], partitions: { rb: [0] } } }, /'rb' is not among the topics/],
    ['a non-numeric offset', { strategy: 'to-offset', offset: 'ten', scope: { topics: ['ra'] } }, /offset/],
    ['shift-by out of int64', { strategy: 'shift-by', shiftBy: 2 ** 64, scope: { topics: ['ra'] } }, /2\^53/],
    ['to-datetime not a date', { strategy: 'to-datetime', datetime: 'yesterday', scope: { topics: ['ra'] } }, /not an ISO-8601 date-time/],
    ['a bad duration', { strategy: 'by-duration', duration: '5 minutes', scope: { topics: ['ra'] } }, /not an ISO-8601 duration/],
    ['an empty scope', { strategy: 'to-earliest', scope: { topics: [] } }, /scope is empty/],
    ['a malformed file', { strategy: 'from-file', csv: 'ra,0,1\nra,zero,1' }, /line 2: partition 'zero'/],
    ['shift-by on a partition without commit', { strategy: 'shift-by', shiftBy: 1, scope: { topics: ['ra', 'rb'] } }, /Cannot shift offset for partition rb-0 since there is no current committed offset/],
  ])('%s', async (_what, body, message, group = 'stopped') => {
    const res = await send('POST', `/api/groups/${group}/reset`, { ...body, dryRun: false });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(message);
    if (group === 'stopped') expect(await committed('stopped')).toEqual({ 'ra-0': 4, 'ra-1': 2 });
  });
});

describe('apply, audit, delete', () => {
  let consumer: Consumer | undefined;
  afterAll(async () => {
    await consumer?.disconnect();
  });

  it('an applied reset is recorded with who asked; a dry run is not', async () => {
    const dry = await (await send('POST', '/api/groups/audited/reset', { strategy: 'to-offset', offset: 3, scope: { topics: ['rb'] }, dryRun: true })).json();
    expect(dry).toMatchObject({ applied: false, plan: [{ topic: 'rb', partition: 0, currentOffset: null, newOffset: 3, lagBefore: null, lagAfter: 3 }] });
    expect((await get('/api/groups/audited/resets')).resets).toEqual([]);
    const res = await send('POST', '/api/groups/audited/reset', { strategy: 'to-offset', offset: 3, scope: { topics: ['rb'] }, dryRun: false });
    const body = await res.json();
    expect(body.applied).toBe(true);
    const { resets } = await get('/api/groups/audited/resets');
    expect(resets).toHaveLength(1);
    expect(resets[0]).toMatchObject({ id: body.auditId, groupId: 'audited', before: [{ topic: 'rb', partition: 0, offset: null }], plan: [{ newOffset: 3 }] });
    expect(resets[0].requestedBy.userAgent).toBeTruthy();
  });

  it('while the group runs: reset 409 GROUP_ACTIVE with state and members, delete offsets and delete group refused', async () => {
    consumer = kafka(dash.brokerAddress, 'api-reset-consumer').consumer({ groupId: 'running', sessionTimeout: 6000, heartbeatInterval: 300 });
    await consumer.connect();
    await consumer.subscribe({ topics: ['ra'], fromBeginning: true });
    await consumer.run({ autoCommitInterval: 100, eachMessage: async () => {} });
    const g = await until(() => get('/api/groups/running'), (x) => x.state === 'Stable' && x.offsets?.length === 2, 30_000);
    expect(g.state).toBe('Stable');
    const dry = await (await send('POST', '/api/groups/running/reset', { strategy: 'to-earliest', scope: { topics: ['ra'] }, dryRun: true })).json();
    expect(dry.active).toMatchObject({ state: 'Stable', members: [{ clientId: 'api-reset-consumer' }] });
    const res = await send('POST', '/api/groups/running/reset', { strategy: 'to-earliest', scope: { topics: ['ra'] }, dryRun: false });
    expect(res.status).toBe(409);
    const err = (await res.json()).error;
    expect(err).toMatchObject({ code: 'GROUP_ACTIVE', state: 'Stable', members: [{ clientId: 'api-reset-consumer' }] });
    expect(err.message).toMatch(/'running' is Stable with 1 member \(api-reset-consumer on /);
    const offs = await send('DELETE', '/api/groups/running/offsets?topic=ra');
    expect(offs.status).toBe(409);
    expect((await offs.json()).error.message).toMatch(/GROUP_SUBSCRIBED_TO_TOPIC/);
    const del = await send('DELETE', '/api/groups/running');
    expect(del.status).toBe(409);
    expect((await del.json()).error.message).toMatch(/can be deleted only while it is Empty/);
  }, 60_000);

  it('on an Empty group: delete offsets for a topic, then delete the group', async () => {
    await consumer?.disconnect();
    consumer = undefined;
    await until(() => get('/api/groups/running'), (x) => x.state === 'Empty', 20_000);
    expect((await send('POST', '/api/groups/running/reset', { strategy: 'to-offset', offset: 1, scope: { topics: ['rb'] }, dryRun: false })).status).toBe(200);
    expect((await send('DELETE', '/api/groups/running/offsets?topic=ra')).status).toBe(204);
    expect(await committed('running')).toEqual({ 'rb-0': 1 }); // ra's offsets gone, rb's kept
    expect((await send('DELETE', '/api/groups/running/offsets?topic=ra')).status).toBe(404); // nothing left to delete
    expect((await send('DELETE', '/api/groups/running')).status).toBe(204);
    expect((await fetch(dash.url + '/api/groups/running')).status).toBe(404);
    expect((await send('DELETE', '/api/groups/running')).status).toBe(404);
  }, 60_000);
});
