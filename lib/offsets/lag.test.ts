import { describe, expect, it } from 'vitest';
import { lostToRetention, partitionLag, totalLag } from './lag';

describe('partitionLag (kafka-consumer-groups.sh LAG column)', () => {
  const rows: [number | null, number | null, number | null, string][] = [
    [5, 10, 5, 'behind by five'],
    [10, 10, 0, 'caught up'],
    [12, 10, 0, 'committed past the end (e.g. mirrored group): never below 0'],
    [null, 10, null, 'no commit: no value ("—"), not 0'],
    [5, null, null, 'log end unknown'],
    [0, 0, 0, 'empty partition, committed at 0'],
  ];
  for (const [committed, end, lag, why] of rows) it(why, () => expect(partitionLag(committed, end)).toBe(lag));
});

describe('totalLag', () => {
  it('sums partitions with a lag and skips the ones without', () => expect(totalLag([1, null, 4])).toBe(5));
  it('is null when no partition has a commit', () => expect(totalLag([null, null])).toBeNull());
  it('is 0 when every committed partition is caught up', () => expect(totalLag([0, 0, null])).toBe(0));
});

describe('lostToRetention', () => {
  it('flags a commit below log-start', () => expect(lostToRetention(3, 10)).toBe(true));
  it('a commit at log-start lost nothing', () => expect(lostToRetention(10, 10)).toBe(false));
  it('no commit, nothing lost', () => expect(lostToRetention(null, 10)).toBe(false));
});
