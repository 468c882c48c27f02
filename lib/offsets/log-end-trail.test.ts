import { describe, expect, it } from 'vitest';
import { LogEndTrail } from './log-end-trail';

describe('LogEndTrail', () => {
  it('keeps a point only when the log-end changed', () => {
    const t = new LogEndTrail(8);
    for (const [off, at] of [[5, 1], [5, 2], [6, 3], [6, 4], [9, 5]]) t.observe(off, at);
    expect(t.points()).toEqual([
      { t: 1, offset: 5 },
      { t: 3, offset: 6 },
      { t: 5, offset: 9 },
    ]);
  });

  it('when full, thins the older half and keeps every newer change and the oldest point', () => {
    const t = new LogEndTrail(8);
    for (let i = 0; i < 8; i++) t.observe(i, i * 10);
    t.observe(8, 80); // full: 0,10,20,30 | 40,50,60,70 → 0,20 | 40,50,60,70, then 80
    expect(t.points().map((p) => p.t)).toEqual([0, 20, 40, 50, 60, 70, 80]);
    for (let i = 9; i < 1000; i++) t.observe(i, i * 10);
    expect(t.length).toBeLessThanOrEqual(8);
    expect(t.points()[0]).toEqual({ t: 0, offset: 0 }); // still reaches back to the start
    expect(t.points().at(-1)).toEqual({ t: 9990, offset: 999 });
    const ts = t.points().map((p) => p.t);
    for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeGreaterThan(ts[i - 1]);
  });

  it('says when an offset was first seen passed, and whether the samples saw it happen', () => {
    const t = new LogEndTrail(16);
    t.observe(100, 1000); // first sample: 100 records were already there
    t.observe(120, 6000);
    t.observe(150, 11000);
    expect(t.firstAfter(50)).toEqual({ t: 1000, after: null, exact: false }); // before the samples began: a bound
    expect(t.firstAfter(110)).toEqual({ t: 6000, after: 1000, exact: true }); // arrived between 1 s and 6 s
    expect(t.firstAfter(150)).toBeNull(); // not written yet
    expect(t.at(7000)).toBe(120);
    expect(t.at(500)).toBe(100);
  });
});
