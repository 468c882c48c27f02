// First-load JavaScript per page, read from the production build the way a modern browser
// loads it: every <script src> of the page's HTML except `nomodule` ones (legacy
// polyfills), each gzipped. The budget is 250 kB a page; charts and other heavy views must
// load when shown (components/charts/lazy.tsx), not with the page.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from '../helpers/dashboard';

const BUDGET_KB = 250;

let dash: Dashboard;
beforeAll(async () => {
  dash = await startDashboard();
  const made = await fetch(dash.url + '/api/topics', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'weighed', partitions: 1, replicationFactor: 1 }) });
  expect(made.status).toBe(201);
}, 300_000);
afterAll(async () => {
  await dash?.stop();
});

const PAGES = ['/', '/topics', '/topics/weighed', '/topics/weighed/messages', '/topics/weighed/consumers', '/topics/weighed/configs', '/groups', '/groups/some-group', '/lab', '/audit', '/login', '/clusters/default/topics/weighed/messages'];

/** The module scripts a page's HTML loads, by URL. */
export function moduleScripts(html: string): string[] {
  const out = new Set<string>();
  for (const [, attrs] of html.matchAll(/<script\b([^>]*)>/gi)) {
    if (/\bnomodule\b/i.test(attrs)) continue;
    const src = /\bsrc="([^"]+)"/i.exec(attrs)?.[1];
    if (src) out.add(src);
  }
  return [...out];
}

describe('page weight', () => {
  it(`loads at most ${BUDGET_KB} kB of gzipped JavaScript first on every page`, async () => {
    const weights: Record<string, number> = {};
    const cache = new Map<string, number>();
    for (const page of PAGES) {
      const res = await fetch(dash.url + page);
      expect({ page, status: res.status }).toEqual({ page, status: 200 });
      const scripts = moduleScripts(await res.text());
      expect(scripts.length, page).toBeGreaterThan(3);
      let bytes = 0;
      for (const src of scripts) {
        if (!cache.has(src)) {
          const body = Buffer.from(await (await fetch(new URL(src, dash.url))).arrayBuffer());
          cache.set(src, zlib.gzipSync(body).length);
        }
        bytes += cache.get(src)!;
      }
      weights[page] = Math.round(bytes / 102.4) / 10;
    }
    console.log('first-load JavaScript, kB gzip:', weights);
    for (const [page, kb] of Object.entries(weights)) expect({ page, kb, over: kb > BUDGET_KB }).toEqual({ page, kb, over: false });
  }, 120_000);

  it('counts what a modern browser loads: module scripts, not the nomodule polyfills', () => {
    const html = '<script src="/a.js" async=""></script><script src="/p.js" noModule=""></script><script>inline()</script><SCRIPT SRC="/b.js"></SCRIPT><script src="/a.js"></script>';
    expect(moduleScripts(html)).toEqual(['/a.js', '/b.js']);
  });
});
