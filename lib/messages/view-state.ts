// The Messages tab's view as URL query parameters, so a view can be reloaded, shared and
// walked with back/forward: which partition, where to start, how many, the filter
// expression and its scan budget, and the table's sort. Anything unreadable in a URL falls
// back to its default rather than failing the page (URLs are typed and pasted by people).
export type From = 'newest' | 'oldest' | 'offset' | 'timestamp';
export type SortKey = 'timestamp' | 'offset' | 'partition' | 'size';
export type SortOrder = 'asc' | 'desc';

export interface MessagesView {
  partition: number | null;
  from: From;
  offset: number | null;
  /** "2024-01-02T03:04" read as UTC (the datetime-local input's text). */
  time: string | null;
  limit: number;
  /** A CEL expression run on the server; empty: no filter. */
  filter: string;
  /** With a filter: how many records the server may test. */
  maxScanned: number | null;
  sort: SortKey;
  order: SortOrder;
}

export const DEFAULT_VIEW: MessagesView = { partition: null, from: 'newest', offset: null, time: null, limit: 50, filter: '', maxScanned: null, sort: 'timestamp', order: 'desc' };

const FROM: readonly From[] = ['newest', 'oldest', 'offset', 'timestamp'];
const SORT: readonly SortKey[] = ['timestamp', 'offset', 'partition', 'size'];

function whole(s: string | null): number | null {
  if (s === null || !/^\d{1,15}$/.test(s)) return null;
  return Number(s);
}

export function parseView(q: URLSearchParams): MessagesView {
  const from = q.get('from') as From | null;
  const sort = q.get('sort') as SortKey | null;
  const limit = whole(q.get('limit'));
  return {
    partition: whole(q.get('partition')),
    from: from && FROM.includes(from) ? from : DEFAULT_VIEW.from,
    offset: whole(q.get('offset')),
    time: q.get('time'),
    limit: limit !== null && limit >= 1 ? limit : DEFAULT_VIEW.limit,
    filter: q.get('filter') ?? '',
    maxScanned: whole(q.get('maxScanned')),
    sort: sort && SORT.includes(sort) ? sort : DEFAULT_VIEW.sort,
    order: q.get('order') === 'asc' ? 'asc' : 'desc',
  };
}

/** The view as query parameters, defaults left out (short URLs that stay readable). */
export function viewToQuery(v: MessagesView): URLSearchParams {
  const q = new URLSearchParams();
  if (v.partition !== null) q.set('partition', String(v.partition));
  if (v.from !== DEFAULT_VIEW.from) q.set('from', v.from);
  if (v.from === 'offset' && v.offset !== null) q.set('offset', String(v.offset));
  if (v.from === 'timestamp' && v.time) q.set('time', v.time);
  if (v.limit !== DEFAULT_VIEW.limit) q.set('limit', String(v.limit));
  if (v.filter.trim() !== '') q.set('filter', v.filter);
  if (v.filter.trim() !== '' && v.maxScanned !== null) q.set('maxScanned', String(v.maxScanned));
  if (v.sort !== DEFAULT_VIEW.sort) q.set('sort', v.sort);
  if (v.order !== DEFAULT_VIEW.order) q.set('order', v.order);
  return q;
}
