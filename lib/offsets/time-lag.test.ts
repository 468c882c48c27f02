import { describe, expect, it } from 'vitest';
import { needsRecordTimestamp, timeLagOf, worstTimeLag } from './time-lag';

const now = 1_000_000_000;

describe('timeLagOf', () => {
  it('is unknown without a lag, and exactly 0 when caught up', () => {
    expect(timeLagOf({ lag: null, now })).toBeNull();
    expect(timeLagOf({ lag: 0, now, recordTimestamp: now - 5000 })).toEqual({ ms: 0, estimated: false });
  });
  it("prefers the record's timestamp: exact, and not bounded by how long the dashboard has watched", () => {
    const weekAgo = now - 7 * 86_400_000;
    expect(timeLagOf({ lag: 3, now, recordTimestamp: weekAgo, seen: { t: now - 60_000, exact: false } })).toEqual({ ms: 7 * 86_400_000, estimated: false });
  });
  it('a record stamped ahead of our clock has just arrived', () => {
    expect(timeLagOf({ lag: 1, now, recordTimestamp: now + 10_000 })).toEqual({ ms: 0, estimated: false });
  });
  it('without a usable timestamp, the trail estimates it', () => {
    expect(timeLagOf({ lag: 5, now, recordTimestamp: -1, seen: { t: now - 30_000, exact: true } })).toEqual({ ms: 30_000, estimated: true });
    expect(timeLagOf({ lag: 5, now, seen: { t: now - 30_000, exact: false } })).toEqual({ ms: 30_000, estimated: true });
    // no trail point past the offset yet: it arrived after the last sample
    expect(timeLagOf({ lag: 5, now, seen: null })).toEqual({ ms: 0, estimated: true });
  });
});

describe('needsRecordTimestamp', () => {
  it('only where the trail cannot place the record and there is lag', () => {
    expect(needsRecordTimestamp(4, { exact: false })).toBe(true);
    expect(needsRecordTimestamp(4, null)).toBe(true);
    expect(needsRecordTimestamp(4, { exact: true })).toBe(false);
    expect(needsRecordTimestamp(0, { exact: false })).toBe(false);
    expect(needsRecordTimestamp(null, null)).toBe(false);
  });
});

describe('worstTimeLag', () => {
  it("is the largest, carrying that partition's flag", () => {
    expect(worstTimeLag([{ ms: 10, estimated: false }, null, { ms: 50, estimated: true }])).toEqual({ ms: 50, estimated: true });
    expect(worstTimeLag([{ ms: 90, estimated: false }, { ms: 50, estimated: true }])).toEqual({ ms: 90, estimated: false });
    expect(worstTimeLag([null, null])).toBeNull();
  });
  it('a tie is estimated if either is (the figure is no better than its least certain source)', () => {
    expect(worstTimeLag([{ ms: 7, estimated: false }, { ms: 7, estimated: true }])?.estimated).toBe(true);
  });
});
