// Sending a large N from the produce form in several requests, so the page can show real
// progress: the chunks (each continuing {{i}} where the last stopped) and one result for
// all of them.
import type { ProduceResponse } from '../contract/messages';

export const PRODUCE_CHUNK = 10_000;

export function chunks(total: number, size = PRODUCE_CHUNK): { indexFrom: number; count: number }[] {
  const out: { indexFrom: number; count: number }[] = [];
  for (let from = 0; from < total; from += size) out.push({ indexFrom: from, count: Math.min(size, total - from) });
  return out;
}

/** One answer for two consecutive requests: per partition the first offset of the earlier, the last of the later. */
export function mergeProduceResults(a: ProduceResponse, b: ProduceResponse): ProduceResponse {
  const by = new Map(a.results.map((r) => [r.partition, { ...r }]));
  for (const r of b.results) {
    const prev = by.get(r.partition);
    if (!prev) by.set(r.partition, { ...r });
    else by.set(r.partition, { partition: r.partition, firstOffset: Math.min(prev.firstOffset, r.firstOffset), lastOffset: Math.max(prev.lastOffset, r.lastOffset), count: prev.count + r.count });
  }
  return { count: a.count + b.count, results: [...by.values()].sort((x, y) => x.partition - y.partition) };
}
