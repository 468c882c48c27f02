'use client';
// The topic list, virtualized: only the rows in view (plus a few) are in the DOM, so
// 5,000 topics scroll and refresh as fast as 5. Sorting and filtering happen on the
// server; the header buttons only say which. Rows are keyed by topic name, so a
// refresh updates numbers in place.
import Link from 'next/link';
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TOPIC_SORT_KEYS, TopicSummary } from '@/lib/contract/topics';
import { formatBytes, formatCount, formatDuration } from '@/lib/format';
import { Badge } from '../ui/Badge';
import { focusRing } from '../ui/Button';
import { cx } from '../ui/cx';

export type SortKey = (typeof TOPIC_SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

const ROW_HEIGHT = 40;
const MAX_BODY_HEIGHT = 600;
const GRID =
  'grid grid-cols-[minmax(14rem,3fr)_minmax(5.5rem,1fr)_minmax(8rem,1fr)_minmax(5.5rem,1fr)_minmax(11rem,1.3fr)_minmax(6rem,1fr)_minmax(7rem,1fr)] items-center gap-x-3 px-3';

type Column = { key: string; label: string; sort?: SortKey; numeric: boolean };
const COLUMNS: Column[] = [
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
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: topics.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => topics[i]?.name ?? i,
  });
  const bodyHeight = Math.min(MAX_BODY_HEIGHT, Math.max(1, topics.length) * ROW_HEIGHT);

  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div role="table" aria-label="Topics" aria-rowcount={topics.length + 1} className="min-w-[64rem]">
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className={cx(GRID, 'h-10 border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-600 dark:border-zinc-800 dark:bg-zinc-800/50 dark:text-zinc-300')}>
            {COLUMNS.map((c) => {
              const active = c.sort !== undefined && c.sort === sort;
              return (
                <div
                  key={c.key}
                  role="columnheader"
                  aria-sort={c.sort ? (active ? (order === 'asc' ? 'ascending' : 'descending') : 'none') : undefined}
                  className={c.numeric ? 'text-right' : 'text-left'}
                >
                  {c.sort ? (
                    <button
                      type="button"
                      onClick={() => onSort(c.sort!)}
                      title={`Sort by ${c.label.toLowerCase()}`}
                      className={cx(
                        'inline-flex items-center gap-1 rounded py-0.5 whitespace-nowrap hover:text-zinc-900 dark:hover:text-white',
                        // the arrow sits on the side away from the numbers, so labels line up with them
                        c.numeric ? 'flex-row-reverse' : '',
                        focusRing,
                        active && 'text-zinc-900 dark:text-white',
                      )}
                    >
                      {c.label}
                      <span aria-hidden="true" className={cx('w-3 text-center text-[10px]', !active && 'opacity-0')}>
                        {active && order === 'desc' ? '▼' : '▲'}
                      </span>
                    </button>
                  ) : (
                    <span className="whitespace-nowrap">{c.label}</span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        {topics.length === 0 ? (
          <div role="rowgroup">
            <div role="row">
              <div role="cell" className="px-4 py-8 text-center text-sm text-zinc-500 dark:text-zinc-400">
                {empty}
              </div>
            </div>
          </div>
        ) : (
          <div ref={scrollRef} role="rowgroup" className="overflow-y-auto" style={{ height: bodyHeight }} data-testid="topics-scroll">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((v) => {
                const t = topics[v.index];
                return (
                  <div
                    key={v.key}
                    role="row"
                    aria-rowindex={v.index + 2}
                    data-testid={'topic-row-' + t.name}
                    className={cx(GRID, 'absolute inset-x-0 top-0 border-b border-zinc-100 text-sm hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/40')}
                    style={{ height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                  >
                    <div role="cell" className="flex min-w-0 items-center gap-2">
                      <Link
                        href={`/topics/${encodeURIComponent(t.name)}`}
                        title={t.name}
                        className={cx('truncate rounded font-medium text-indigo-700 hover:underline dark:text-indigo-400', focusRing)}
                      >
                        {t.name}
                      </Link>
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
                  </div>
                );
              })}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

function Problem({ count, tone, what }: { count: number; tone: 'warn' | 'danger'; what: string }) {
  if (count <= 0) return <span className="text-zinc-400 dark:text-zinc-500">0</span>;
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
