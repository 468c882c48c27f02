// /metrics against the production build: kafka_exporter's metric names, accepted by
// `promtool check metrics`, with lag values equal to what /api/groups/{g} reports.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from '../helpers/dashboard';
import { describeRun, run } from '../helpers/exec';
import { until } from '../helpers/until';

let dash: Dashboard;
const post = (path: string, body: unknown) => fetch(dash.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const metrics = async () => (await fetch(dash.url + '/metrics')).text();

beforeAll(async () => {
  dash = await startDashboard({ env: { OFFSETSCOPE_LAG_SAMPLE_MS: '500' } });
  await post('/api/topics', { name: 'metered', partitions: 3, replicationFactor: 1 });
  for (let p = 0; p < 3; p++) await post('/api/topics/metered/messages', { partition: p, value: 'v{{i}}', count: 10 + p });
  // a stopped group behind by 10 − 2, 11 − 5 and 12 − 0 (a group id that needs escaping)
  const res = await post(`/api/groups/${encodeURIComponent('billing "v2"')}/reset`, { strategy: 'from-file', csv: 'metered,0,2\nmetered,1,5\nmetered,2,0', dryRun: false });
  expect(res.status).toBe(200);
}, 300_000);
afterAll(async () => {
  await dash?.stop();
});

it('serves kafka_exporter metrics that promtool accepts, with the lag /api/groups shows', async () => {
  const text = await until(metrics, (t) => t.includes('kafka_consumergroup_lag{consumergroup="billing \\"v2\\"",topic="metered",partition="2",type="classic"} 12'), 20_000);
  const check = await run('promtool', ['check', 'metrics'], { input: text, timeoutMs: 30_000 });
  expect(check.code, describeRun('promtool', ['check', 'metrics'], check)).toBe(0);

  const group = await (await fetch(`${dash.url}/api/groups/${encodeURIComponent('billing "v2"')}`)).json();
  const lags = group.offsets.map((o: { partition: number; lag: number }) => [o.partition, o.lag]);
  expect(lags).toEqual([
    [0, 8],
    [1, 6],
    [2, 12],
  ]);
  for (const [p, l] of lags) expect(text).toContain(`kafka_consumergroup_lag{consumergroup="billing \\"v2\\"",topic="metered",partition="${p}",type="classic"} ${l}\n`);
  expect(text).toContain('kafka_consumergroup_current_offset{consumergroup="billing \\"v2\\"",topic="metered",partition="1",type="classic"} 5\n');
  expect(text).toContain('kafka_topic_partition_current_offset{topic="metered",partition="2"} 12\n');
  expect(text).toContain('kafka_topic_partition_oldest_offset{topic="metered",partition="0"} 0\n');
  expect(text).toContain('kafka_consumergroup_members{consumergroup="billing \\"v2\\"",type="classic"} 0\n');
  expect(text).toMatch(/^# TYPE kafka_consumergroup_lag_seconds gauge$/m);
  expect(text).toMatch(/^offsetscope_consumergroup_status\{consumergroup="billing \\"v2\\"",type="classic"\} [012]$/m);
});
