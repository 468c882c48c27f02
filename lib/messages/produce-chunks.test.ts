import { expect, it } from 'vitest';
import { chunks, mergeProduceResults } from './produce-chunks';

it('splits N into chunks that continue the index', () => {
  expect(chunks(25_000)).toEqual([
    { indexFrom: 0, count: 10_000 },
    { indexFrom: 10_000, count: 10_000 },
    { indexFrom: 20_000, count: 5000 },
  ]);
  expect(chunks(3)).toEqual([{ indexFrom: 0, count: 3 }]);
});

it('merges the per-partition results of consecutive requests', () => {
  const a = { count: 4, results: [{ partition: 0, firstOffset: 0, lastOffset: 1, count: 2 }, { partition: 1, firstOffset: 5, lastOffset: 6, count: 2 }] };
  const b = { count: 3, results: [{ partition: 1, firstOffset: 7, lastOffset: 7, count: 1 }, { partition: 2, firstOffset: 0, lastOffset: 1, count: 2 }] };
  expect(mergeProduceResults(a, b)).toEqual({
    count: 7,
    results: [
      { partition: 0, firstOffset: 0, lastOffset: 1, count: 2 },
      { partition: 1, firstOffset: 5, lastOffset: 7, count: 3 },
      { partition: 2, firstOffset: 0, lastOffset: 1, count: 2 },
    ],
  });
});
