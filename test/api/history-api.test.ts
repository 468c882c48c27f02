// The lag history under a small byte bound and a fast sample interval, as a person running
// the dashboard for months would rely on it: the history folder never grows past
// OFFSETSCOPE_HISTORY_MAX_BYTES while the dashboard runs (checked every sample), the chart
// still reaches back to the first sample (well within the span it promises), and after a
// restart the same range is shown.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from '../helpers/dashboard';
import { until } from '../helpers/until';

const SAMPLE_MS = 200;
const GROUPS = 20;
// 20 one-topic groups: 88 bytes a point; the raw tier's fifth of the bound holds ~73 s of
// samples, so a run of 85 s makes the store drop raw chunks to stay under the bound
const MAX_BYTES = 160_000;
const RUN_MS = 85_000;

let dash: Dashboard | undefined;
afterAll(async () => {
  await dash?.stop();
});

type History = { intervalMs: number; retentionMs: number; points: { t: number; totalLag: number | null }[] };

function dirBytes(dir: string): number {
  let n = 0;
  try {
    for (const f of fs.readdirSync(dir)) {
      try {
        n += fs.statSync(path.join(dir, f)).size;
      } catch {
        // deleted between the listing and the stat
      }
    }
  } catch {
    // not made yet
  }
  return n;
}

it('the history stays under its byte bound while running, covers the run, and shows the same range after a restart', async () => {
  const env = { OFFSETSCOPE_LAG_SAMPLE_MS: String(SAMPLE_MS), OFFSETSCOPE_HISTORY_MAX_BYTES: String(MAX_BYTES) };
  dash = await startDashboard({ env, keepData: true });
  const post = (p: string, body: unknown) => fetch(dash!.url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await post('/api/topics', { name: 'hist', partitions: 2, replicationFactor: 1 })).status).toBe(201);
  expect((await post('/api/topics/hist/messages', { value: 'v{{i}}', partitioner: 'round-robin', count: 40, indexFrom: 0 })).status).toBe(200);
  for (let g = 0; g < GROUPS; g++) {
    expect((await post(`/api/groups/hg-${g}/reset`, { strategy: 'to-offset', offset: g % 20, scope: { topics: ['hist'] }, dryRun: false })).status).toBe(200);
  }
  const history = async (url: string) => (await (await fetch(`${url}/api/groups/hg-3/history`)).json()) as History;
  const first = await until(() => history(dash!.url), (h) => h.points.length > 0);
  const firstT = first.points[0].t;

  const dir = path.join(dash.dataDir, 'dashboard', 'lag-history');
  const started = Date.now();
  let worst = 0;
  while (Date.now() - started < RUN_MS) {
    worst = Math.max(worst, dirBytes(dir));
    await new Promise((r) => setTimeout(r, SAMPLE_MS / 2));
  }
  console.log(`history folder: at most ${worst} bytes of ${MAX_BYTES} over ${RUN_MS / 1000} s at ${SAMPLE_MS} ms samples`);
  expect(worst).toBeLessThanOrEqual(MAX_BYTES);
  // the raw tier's part (a fifth) filled up and the store dropped its oldest samples
  expect(worst).toBeGreaterThan(0.15 * MAX_BYTES);

  const before = await history(dash.url);
  expect(before.retentionMs).toBeGreaterThan(RUN_MS); // the span it promises covers the run …
  expect(before.points[0].t).toBeLessThanOrEqual(firstT + 60_000); // … and the chart reaches back to its start
  const samples = (Date.now() - firstT) / SAMPLE_MS;
  expect(before.points.length).toBeLessThan(0.95 * samples); // older samples are kept as minute maxima only
  expect(before.points.at(-1)!.t).toBeGreaterThan(Date.now() - 5000);
  expect(before.points.every((p) => p.totalLag === 2 * 20 - 2 * 3)).toBe(true); // hg-3 committed 3 of 20 on both partitions

  await dash.stop();
  const stoppedAt = Date.now();
  dash = await startDashboard({ env, dataDir: dash.dataDir, keepData: true });
  const after = await history(dash.url);
  expect(after.points[0].t).toBe(before.points[0].t);
  // everything up to the stop is shown again (a minute bucket still being gathered at the stop is not on disk)
  const kept = before.points.filter((p) => p.t <= stoppedAt && p.t < before.points.at(-1)!.t - 60_000);
  expect(after.points.filter((p) => p.t <= kept.at(-1)!.t)).toEqual(kept);
  expect(dirBytes(dir)).toBeLessThanOrEqual(MAX_BYTES);
}, 240_000);
