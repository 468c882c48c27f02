'use client';
// The group list, virtualized like the topic list: only the rows in view (plus a few) are
// in the DOM, so 1,000 groups scroll and refresh as fast as 5. Search, state filter and
// sort happen on the server; the header buttons only say which. Rows are keyed by group
// id, so a refresh updates numbers in place.
import Link from 'next/link';
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { GROUP_SORT_KEYS, GroupSummary } from '@/lib/contract/groups';
import { formatCount, formatShortDuration } from '@/lib/format';
import { focusRing } from '../ui/Button';
import { cx } from '../ui/cx';
import { StateBadge, StatusBadge } from './badges';

export type GroupSortKey = (typeof GROUP_SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

const ROW_HEIGHT = 40;
const MAX_BODY_HEIGHT = 600;
const GRID =
  'grid grid-cols-[minmax(14rem,3fr)_minmax(9.5rem,1.2fr)_minmax(5.5rem,0.8fr)_minmax(10rem,2fr)_minmax(7rem,1fr)_minmax(8rem,1fr)_minmax(5rem,0.7fr)] items-center gap-x-3 px-3';

export const ESTIMATED_TIME_LAG = 'estimated from sampled log-end offsets';

type Column = { key: string; label: string; sort?: GroupSortKey; numeric: boolean };
const COLUMNS: Column[] = [
  { key: 'name', label: 'Group', sort: 'name', numeric: false },
  { key: 'state', label: 'State', numeric: false },
  { key: 'members', label: 'Members', sort: 'members', numeric: true },
  { key: 'topics', label: 'Topics', numeric: false },
  { key: 'lag', label: 'Total lag', sort: 'lag', numeric: true },
  { key: 'timeLag', label: 'Max time lag', sort: 'timeLag', numeric: true },
  { key: 'status', label: 'Status', numeric: false },
];

export function GroupsTable({
  groups,
  sort,
  order,
  onSort,
  empty,
}: {
  groups: GroupSummary[];
  sort: GroupSortKey;
  order: SortOrder;
  onSort: (key: GroupSortKey) => void;
  empty: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: groups.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => groups[i]?.groupId ?? i,
  });
  const bodyHeight = Math.min(MAX_BODY_HEIGHT, Math.max(1, groups.length) * ROW_HEIGHT);

  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div role="table" aria-label="Consumer groups" aria-rowcount={groups.length + 1} className="min-w-[64rem]">
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
        {groups.length === 0 ? (
          <div role="rowgroup">
            <div role="row">
              <div role="cell" className="px-4 py-8 text-center text-sm text-zinc-500 dark:text-zinc-400">
                {empty}
              </div>
            </div>
          </div>
        ) : (
          <div ref={scrollRef} role="rowgroup" className="overflow-y-auto" style={{ height: bodyHeight }} data-testid="groups-scroll">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((v) => {
                const g = groups[v.index];
                const topics = g.topics.join(', ');
                return (
                  <div
                    key={v.key}
                    role="row"
                    aria-rowindex={v.index + 2}
                    data-testid={'group-row-' + g.groupId}
                    className={cx(GRID, 'absolute inset-x-0 top-0 border-b border-zinc-100 text-sm hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/40')}
                    style={{ height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                  >
                    <div role="cell" className="flex min-w-0 items-center">
                      <Link
                        href={`/groups/${encodeURIComponent(g.groupId)}`}
                        title={g.groupId}
                        className={cx('truncate rounded font-medium text-indigo-700 hover:underline dark:text-indigo-400', focusRing)}
                      >
                        {g.groupId}
                      </Link>
                    </div>
                    <div role="cell" data-testid="group-state" className="min-w-0 truncate">
                      <StateBadge state={g.state} />
                    </div>
                    <div role="cell" data-testid="group-members" className="text-right tabular-nums">
                      {formatCount(g.members)}
                    </div>
                    <div role="cell" className="min-w-0 truncate text-zinc-700 dark:text-zinc-300" title={topics || undefined}>
                      {topics || <span className="text-zinc-400 dark:text-zinc-500">—</span>}
                    </div>
                    <div role="cell" data-testid="group-lag" className="text-right tabular-nums">
                      {formatCount(g.totalLag)}
                    </div>
                    <div role="cell" data-testid="group-time-lag" className="text-right tabular-nums" title={g.maxTimeLagMs === null ? undefined : ESTIMATED_TIME_LAG}>
                      {g.maxTimeLagMs === null ? '—' : g.maxTimeLagMs > 0 ? `~${formatShortDuration(g.maxTimeLagMs)}` : formatShortDuration(0)}
                    </div>
                    <div role="cell" data-testid="group-status">
                      <StatusBadge status={g.status} reason={g.statusReason} />
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
