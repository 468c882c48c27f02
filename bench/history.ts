// The lag history store alone (server/kafka/sampling/history/), fed 24 h of samples at the
// default 5 s for 10,000 groups, each consuming one topic of 5 partitions (50,000
// partitions), as fast as it takes them, through its real code and files (a clock the
// bench moves). Figures: heap and typed-array memory, disk beside the bound, the time to
// read it back after a restart (and the longest event-loop stall meanwhile) beside a plain
// read of the same files, and the chart query for one group.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HistoryStore } from '../server/kafka/sampling/history/history-store';
import { DEFAULT_HISTORY_MAX_BYTES } from '../server/kafka/sampling/history/tiers';

const GROUPS = Number(process.env.BENCH_HISTORY_GROUPS) || 10_000;
const SAMPLE_MS = 5000;
const HOURS = Number(process.env.BENCH_HISTORY_HOURS) || 24;
const MB = 1024 * 1024;

function dirBytes(dir: string): number {
  return fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
}

function memory(): { heap: number; arrays: number } {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, arrays: m.arrayBuffers };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

export async function benchHistory(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-history-bench-'));
  try {
    const before = memory();
    const clock = { now: Date.UTC(2026, 0, 1) };
    const store = new HistoryStore(dir, { sampleMs: SAMPLE_MS, maxBytes: DEFAULT_HISTORY_MAX_BYTES, now: () => clock.now });
    await store.load();
    const keys = Array.from({ length: GROUPS }, (_, g) => `bench-group-${g}\u0000topic-${g}`);
    const samples = (HOURS * 3600_000) / SAMPLE_MS;
    let worstDisk = 0;
    const t0 = performance.now();
    for (let i = 0; i < samples; i++) {
      clock.now += SAMPLE_MS;
      const values = new Map<string, number | null>();
      for (let g = 0; g < GROUPS; g++) values.set(keys[g], (g * 7 + i) % 5000);
      store.add(clock.now, values);
      if (i % 720 === 0) worstDisk = Math.max(worstDisk, dirBytes(dir));
    }
    const feedSecs = (performance.now() - t0) / 1000;
    worstDisk = Math.max(worstDisk, dirBytes(dir));
    const held = memory();
    console.log(`history store, ${GROUPS.toLocaleString('en-US')} groups (${(GROUPS * 5).toLocaleString('en-US')} partitions), ${HOURS} h at ${SAMPLE_MS / 1000} s (${samples.toLocaleString('en-US')} samples) fed in ${feedSecs.toFixed(1)} s (${((feedSecs / samples) * 1000).toFixed(2)} ms a sample)`);
    console.log(`  memory: heap ${((held.heap - before.heap) / MB).toFixed(0)} MB above the ${(before.heap / MB).toFixed(0)} MB before it; typed arrays ${((held.arrays - before.arrays) / MB).toFixed(0)} MB; the store counts ${(store.bytes / MB).toFixed(0)} MB`);
    console.log(`  disk: ${(dirBytes(dir) / MB).toFixed(0)} MB now, at most ${(worstDisk / MB).toFixed(0)} MB while fed; bound ${(DEFAULT_HISTORY_MAX_BYTES / MB).toFixed(0)} MB; span promised ${(store.promisedSpanMs / 86_400_000).toFixed(1)} days`);

    // a restart: read it back, watching the event loop; beside a plain read of the same files
    const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
    const r0 = performance.now();
    for (const f of files) await fs.promises.readFile(f);
    const plainMs = performance.now() - r0;
    const stall = monitorEventLoopDelay({ resolution: 10 });
    stall.enable();
    const again = new HistoryStore(dir, { sampleMs: SAMPLE_MS, maxBytes: DEFAULT_HISTORY_MAX_BYTES, now: () => clock.now });
    const l0 = performance.now();
    await again.load();
    const loadMs = performance.now() - l0;
    stall.disable();
    console.log(`  restart: read back in ${(loadMs / 1000).toFixed(2)} s (a plain read of its ${files.length} files: ${(plainMs / 1000).toFixed(2)} s); longest event-loop stall ${(stall.max / 1e6).toFixed(0)} ms`);

    // the chart of one group: its keys, then its points
    const times: number[] = [];
    let points = 0;
    for (let i = 0; i < 200; i++) {
      const g = (i * 7919) % GROUPS;
      const q0 = performance.now();
      const k = again.keysStartingWith(`bench-group-${g}\u0000`);
      points = again.query(k).length;
      times.push(performance.now() - q0);
    }
    console.log(`  chart query for one group (${points} points): p50 ${pct(times, 50).toFixed(2)} ms, p95 ${pct(times, 95).toFixed(2)} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
