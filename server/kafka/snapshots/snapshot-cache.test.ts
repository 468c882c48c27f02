// The snapshot cache's contract with its two kinds of reader: pages (get) share one load
// within the lifetime and keep reading the current value while the sampler refreshes it;
// a change made through the dashboard (invalidate) is never answered with a load that
// started before it.
import { describe, expect, it } from 'vitest';
import { SnapshotCache } from './snapshot-cache';

/** A load the test finishes by hand, counting how many were started. */
function loads() {
  const pending: ((v: number) => void)[] = [];
  let started = 0;
  const load = () =>
    new Promise<number>((resolve) => {
      started++;
      pending.push(resolve);
    });
  return { load, finish: (v: number) => pending.shift()!(v), get started() { return started; } };
}

describe('SnapshotCache', () => {
  it('concurrent readers share one load; within the lifetime nothing is loaded again', async () => {
    const l = loads();
    const c = new SnapshotCache(60_000, l.load);
    const [a, b] = [c.get(), c.get()];
    l.finish(1);
    expect(await a).toBe(1);
    expect(await b).toBe(1);
    expect(await c.get()).toBe(1);
    expect(l.started).toBe(1);
  });

  it('while a refresh loads, readers keep the current value; then they get the new one', async () => {
    const l = loads();
    const c = new SnapshotCache(60_000, l.load);
    const first = c.get();
    l.finish(1);
    await first;
    const refreshing = c.refresh();
    expect(await c.get()).toBe(1); // not held up by the refresh
    l.finish(2);
    expect(await refreshing).toBe(2);
    expect(await c.get()).toBe(2);
    expect(l.started).toBe(2);
  });

  it('past its lifetime, while a refresh loads, readers still get the current value (a slow sample does not hold pages up)', async () => {
    const l = loads();
    const c = new SnapshotCache(0, l.load); // every value is past its lifetime at once
    const first = c.get();
    l.finish(1);
    await first;
    const refreshing = c.refresh();
    expect(await Promise.race([c.get(), new Promise((r) => setTimeout(() => r('held up'), 50))])).toBe(1);
    l.finish(2);
    expect(await refreshing).toBe(2);
    expect(l.started).toBe(2);
  });

  it('after invalidate, a refresh that started before it is not served: the next read loads afresh', async () => {
    const l = loads();
    const c = new SnapshotCache(60_000, l.load);
    const first = c.get();
    l.finish(1);
    await first;
    const stale = c.refresh(); // started before the change
    c.invalidate(); // a change made through the dashboard
    const fresh = c.get();
    expect(l.started).toBe(3);
    l.finish(2); // the old refresh ends first
    l.finish(3);
    expect(await stale).toBe(2);
    expect(await fresh).toBe(3);
    expect(await c.get()).toBe(3);
    expect(c.last).toBe(3);
  });

  it('a failed load is not kept; the last good value stays for the next load', async () => {
    let n = 0;
    const seen: (number | null)[] = [];
    const c = new SnapshotCache<number>(60_000, async (previous) => {
      seen.push(previous);
      if (++n === 2) throw new Error('cluster away');
      return n;
    });
    expect(await c.get()).toBe(1);
    await expect(c.refresh()).rejects.toThrow('cluster away');
    expect(await c.get()).toBe(1); // the current value was kept through the failed refresh
    c.invalidate();
    expect(await c.get()).toBe(3);
    expect(seen).toEqual([null, 1, 1]);
  });
});
