// The order of the records in the message table: by the column picked, ties broken by
// partition then offset so the order is the same on every render and in every browser.
import type { Message } from '../contract/messages';
import type { SortKey, SortOrder } from './view-state';

export function sortMessages<T extends { m: Message }>(rows: readonly T[], key: SortKey, order: SortOrder): T[] {
  const dir = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => dir * (a.m[key] - b.m[key] || a.m.partition - b.m.partition || a.m.offset - b.m.offset));
}
