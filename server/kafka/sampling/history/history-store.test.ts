// The tiered lag history fed synthetic samples through its real code and files (a clock
// the test moves): the folder never exceeds the byte bound, the history reaches back as
// far as it promises, a restart shows the same points, coarse tiers keep each bucket's
// highest lag, and a group that is gone leaves after one retention period.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryStore } from './history-store';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-history-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function dirBytes(dir: string): number {
  let n = 0;
  for (const f of fs.readdirSync(dir)) n += fs.statSync(path.join(dir, f)).size;
  return n;
}

/** A store on a clock the test moves. */
function store(dir: string, sampleMs: number, maxBytes: number, start = Date.UTC(2026, 0, 1)) {
  const clock = { now: start };
  const s = new HistoryStore(dir, { sampleMs, maxBytes, now: () => clock.now });
  return { s, clock };
}

const sample = (keys: string[], value: (k: string, i: number) => number | null, i: number) => new Map(keys.map((k) => [k, value(k, i)]));

describe('HistoryStore', () => {
  it('never holds more than the bound on disk while 24 h of samples arrive, and reaches back as far as it promises', () => {
    const dir = tempDir();
    const MAX = 64 * 1024;
    const { s, clock } = store(dir, 5000, MAX);
    const first = clock.now + 5000;
    const keys = Array.from({ length: 30 }, (_, g) => `g${g}\u0000`);
    let worst = 0;
    for (let i = 0; i < (24 * 3600) / 5; i++) {
      clock.now += 5000;
      s.add(clock.now, sample(keys, (_, n) => n % 1000, i));
      if (i % 97 === 0) {
        const used = dirBytes(dir);
        worst = Math.max(worst, used);
        expect(used).toBe(s.bytes); // memory and disk hold the same points
      }
    }
    expect(worst).toBeLessThanOrEqual(MAX);
    const promised = s.promisedSpanMs;
    expect(promised).toBeGreaterThan(3600_000); // a 64 KiB bound still reaches past the raw hour
    const pts = s.query([keys[0]]);
    const coarseStep = s.tiers.at(-1)!.stepMs;
    // from the first sample on while the run is shorter than the promise (a coarse point
    // stands for its bucket and carries the time of the bucket's last sample)
    expect(pts[0].t).toBeLessThanOrEqual(Math.max(first, clock.now - promised) + coarseStep);
    expect(pts.at(-1)!.t).toBe(clock.now);
    // every point is a sample that was taken, oldest first
    for (let i = 1; i < pts.length; i++) expect(pts[i].t).toBeGreaterThan(pts[i - 1].t);
  });

  it('a restart reads back the same points, without the torn tail of a crash', async () => {
    const dir = tempDir();
    const { s, clock } = store(dir, 1000, 1 << 20);
    const keys = ['a\u0000', 'a\u0000t1', 'b\u0000'];
    for (let i = 0; i < 5000; i++) {
      clock.now += 1000;
      s.add(clock.now, sample(keys, (k, n) => (k === 'b\u0000' && n > 4000 ? null : n), i));
    }
    const before = s.query(['a\u0000', 'a\u0000t1']);
    // a crash in the middle of a write: half a point at the end of the newest raw file
    const raw = fs.readdirSync(dir).filter((f) => f.startsWith('raw-')).sort().at(-1)!;
    fs.appendFileSync(path.join(dir, raw), Buffer.alloc(7, 1));

    const again = new HistoryStore(dir, { sampleMs: 1000, maxBytes: 1 << 20, now: () => clock.now });
    await again.load();
    expect(again.query(['a\u0000', 'a\u0000t1'])).toEqual(before);
    expect(again.query(['b\u0000'])).toEqual(s.query(['b\u0000']));
    expect(dirBytes(dir)).toBe(again.bytes);
  });

  it('coarse tiers keep the highest lag of each bucket', () => {
    const { s, clock } = store(tempDir(), 5000, 1 << 20, Date.UTC(2026, 0, 1, 10));
    const values = [5, 9, 3, 4, 2, 1, 8, 7, 6, 5, 4, 3, 2]; // 65 s of samples: one full minute, then the next begins
    for (const v of values) {
      clock.now += 5000;
      s.add(clock.now, new Map([['g\u0000', v]]));
    }
    // 3 h later the raw tier no longer reaches back: the first minute shows as its maximum
    for (let i = 0; i < 3 * 720; i++) {
      clock.now += 5000;
      s.add(clock.now, new Map([['g\u0000', 0]]));
    }
    const first = s.query(['g\u0000'])[0];
    expect(first.values[0]).toBe(9);
  });

  it('a group that is gone leaves the history after one retention period; one that stays does not', () => {
    const dir = tempDir();
    const { s, clock } = store(dir, 60_000, 8 << 20);
    for (let i = 0; i < 31 * 24 * 60; i++) {
      clock.now += 60_000;
      s.add(clock.now, new Map<string, number | null>([
        ['stays\u0000', i],
        ['gone\u0000', i < 60 ? i : null], // consumed for the first hour, then deleted
      ]));
      if (i === 29 * 24 * 60) expect(s.keys().has('gone\u0000')).toBe(true); // still within 30 days
    }
    expect(s.keys().has('gone\u0000')).toBe(false);
    expect(s.keys().has('stays\u0000')).toBe(true);
    expect(s.query(['gone\u0000'])).toEqual([]);
    const stays = s.query(['stays\u0000']);
    expect(stays[0].t).toBeLessThanOrEqual(clock.now - 29 * 24 * 3600_000);
  });
});
