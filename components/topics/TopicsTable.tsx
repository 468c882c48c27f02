'use client';
// The topic list: its columns and cells. Virtualization, sorting headers and the empty
// state are VirtualTable's (components/ui/VirtualTable.tsx).
import { ScopedLink } from '../ui/ScopedLink';
import type { TOPIC_SORT_KEYS, TopicSummary } from '@/lib/contract/topics';
import { formatBytes, formatCount, formatDuration } from '@/lib/format';
import { Badge } from '../ui/Badge';
import { focusRing } from '../ui/Button';
import { cx } from '../ui/cx';
import { VirtualTable, type Column as TableColumn, type SortOrder } from '../ui/VirtualTable';

export type SortKey = (typeof TOPIC_SORT_KEYS)[number];
export type { SortOrder };

const GRID = 'grid-cols-[minmax(14rem,3fr)_minmax(5.5rem,1fr)_minmax(8rem,1fr)_minmax(5.5rem,1fr)_minmax(11rem,1.3fr)_minmax(6rem,1fr)_minmax(7rem,1fr)]';

const COLUMNS: TableColumn<SortKey>[] = [
  { key: 'name', label: 'Name', sort: 'name', numeric: false },
  { key: 'partitions', label: 'Partitions', sort: 'partitions', numeric: true },
  { key: 'underReplicated', label: 'Under-replicated', numeric: true },
  { key: 'offline', label: 'Offline', numeric: true },
  { key: 'messages', label: 'Messages (offset span)', sort: 'messages', numeric: true },
  { key: 'bytes', label: 'Size', sort: 'bytes', numeric: true },
  { key: 'retentionMs', label: 'Retention', sort: 'retentionMs', numeric: true },
];

export function TopicsTable({
  topics,
  sort,
  order,
  onSort,
  empty,
}: {
  topics: TopicSummary[];
  sort: SortKey;
  order: SortOrder;
  onSort: (key: SortKey) => void;
  empty: string;
}) {
  return (
    <VirtualTable
      label="Topics"
      columns={COLUMNS}
      grid={GRID}
      rows={topics}
      rowKey={(t) => t.name}
      rowTestId={(t) => 'topic-row-' + t.name}
      sort={sort}
      order={order}
      onSort={onSort}
      empty={empty}
      scrollTestId="topics-scroll"
      renderCells={(t) => {
        
        return (
          <>
      <div role="cell" className="flex min-w-0 items-center gap-2">
        <ScopedLink
          href={`/topics/${encodeURIComponent(t.name)}`}
          title={t.name}
          className={cx('truncate rounded font-medium text-indigo-700 hover:underline dark:text-indigo-400', focusRing)}
        >
          {t.name}
        </ScopedLink>
        {t.internal && <Badge>internal</Badge>}
      </div>
      <div role="cell" className="text-right tabular-nums">
        {formatCount(t.partitions)}
      </div>
      <div role="cell" className="text-right tabular-nums">
        <Problem count={t.underReplicated} tone="warn" what="under-replicated" />
      </div>
      <div role="cell" className="text-right tabular-nums">
        <Problem count={t.offline} tone="danger" what="offline" />
      </div>
      <div role="cell" className="text-right tabular-nums">
        {formatCount(t.messages)}
      </div>
      <div role="cell" className="text-right tabular-nums" title={t.bytes === null ? 'size unknown' : `${formatCount(t.bytes)} bytes`}>
        {formatBytes(t.bytes)}
      </div>
      <div role="cell" className="text-right tabular-nums" title={t.retentionMs === null ? undefined : `retention.ms = ${t.retentionMs}`}>
        {formatDuration(t.retentionMs)}
      </div>
          </>
        );
      }}
    />
  );
}

function Problem({ count, tone, what }: { count: number; tone: 'warn' | 'danger'; what: string }) {
  if (count <= 0) return <span className="text-zinc-500 dark:text-zinc-400">0</span>;
  return (
    <span
      data-state={what}
      title={`${count} partition${count === 1 ? '' : 's'} ${what}`}
      className={cx(
        'rounded px-1.5 py-0.5 font-semibold',
        tone === 'warn' ? 'bg-amber-100 text-amber-800 dark:bg-amber-900/60 dark:text-amber-200' : 'bg-red-100 text-red-700 dark:bg-red-900/60 dark:text-red-200',
      )}
    >
      {formatCount(count)}
    </span>
  );
}
