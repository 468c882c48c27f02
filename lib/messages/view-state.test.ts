import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseView, viewToQuery, type MessagesView } from './view-state';

describe('the Messages view in the URL', () => {
  it('round-trips every field, leaving defaults out', () => {
    const v: MessagesView = { partition: 3, from: 'offset', offset: 120, time: null, limit: 2000, filter: 'value.amount > 1000 && key == "customer-7"', maxScanned: 1000, sort: 'offset', order: 'asc' };
    const q = viewToQuery(v);
    expect(q.toString()).toBe('partition=3&from=offset&offset=120&limit=2000&filter=value.amount+%3E+1000+%26%26+key+%3D%3D+%22customer-7%22&maxScanned=1000&sort=offset&order=asc');
    expect(parseView(new URLSearchParams(q.toString()))).toEqual(v);
    expect(viewToQuery(DEFAULT_VIEW).toString()).toBe('');
    expect(parseView(new URLSearchParams(''))).toEqual(DEFAULT_VIEW);
  });

  it('falls back to defaults for what it cannot read, and drops what the start does not use', () => {
    expect(parseView(new URLSearchParams('partition=-1&from=sideways&limit=0&sort=colour&order=up&offset=1e3'))).toEqual(DEFAULT_VIEW);
    expect(viewToQuery({ ...DEFAULT_VIEW, offset: 5, time: '2026-01-01T00:00', maxScanned: 10 }).toString()).toBe('');
    expect(parseView(new URLSearchParams('from=timestamp&time=2026-01-01T00:01:30'))).toMatchObject({ from: 'timestamp', time: '2026-01-01T00:01:30' });
  });
});
