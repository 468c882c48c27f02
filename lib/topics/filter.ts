// Server-side search and sort of the topic list (the browser never filters thousands of rows).
import type { TopicSummary, TopicsQuery } from '../contract/topics';

export function filterTopics(topics: TopicSummary[], q: TopicsQuery): TopicSummary[] {
  const needle = q.q?.trim().toLowerCase() ?? '';
  const showInternal = q.internal === 'true';
  const key = q.sort ?? 'name';
  const dir = q.order === 'desc' ? -1 : 1;
  const rows = topics.filter((t) => (showInternal || !t.internal) && (!needle || t.name.toLowerCase().includes(needle)));
  return rows.sort((a, b) => {
    if (key === 'name') return dir * a.name.localeCompare(b.name);
    // Unknown values (null) sort last whichever the direction; ties by name.
    const av = a[key];
    const bv = b[key];
    if (av === bv) return a.name.localeCompare(b.name);
    if (av === null) return 1;
    if (bv === null) return -1;
    return dir * ((av as number) - (bv as number));
  });
}
