import { describe, expect, it } from 'vitest';
import { filterTopics } from './filter';
import type { TopicSummary } from '../contract/topics';

const t = (name: string, messages: number, bytes: number | null, internal = false): TopicSummary => ({
  name,
  partitions: 1,
  underReplicated: 0,
  offline: 0,
  messages,
  bytes,
  internal,
  retentionMs: 1,
});
const all = [t('orders', 7, 100), t('payments', 70, null), t('__consumer_offsets', 5, 10, true), t('Order-audit', 7, 5)];

describe('filterTopics', () => {
  it('hides internal topics unless asked', () => {
    expect(filterTopics(all, {}).map((x) => x.name)).toEqual(['Order-audit', 'orders', 'payments']);
    expect(filterTopics(all, { internal: 'true' }).map((x) => x.name)).toContain('__consumer_offsets');
  });
  it('searches case-insensitively by substring', () => {
    expect(filterTopics(all, { q: 'ORDER' }).map((x) => x.name)).toEqual(['Order-audit', 'orders']);
  });
  it('sorts by a number with ties by name, unknowns last in both directions', () => {
    expect(filterTopics(all, { sort: 'messages', order: 'desc' }).map((x) => x.name)).toEqual(['payments', 'Order-audit', 'orders']);
    expect(filterTopics(all, { sort: 'bytes', order: 'asc' }).map((x) => x.name)).toEqual(['Order-audit', 'orders', 'payments']);
    expect(filterTopics(all, { sort: 'bytes', order: 'desc' }).map((x) => x.name)).toEqual(['orders', 'Order-audit', 'payments']);
  });
});
