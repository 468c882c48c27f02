'use client';
// The group list: its columns and cells. Virtualization, sorting headers and the empty
// state are VirtualTable's (components/ui/VirtualTable.tsx).
import { ScopedLink } from '../ui/ScopedLink';
import type { GROUP_SORT_KEYS, GroupSummary } from '@/lib/contract/groups';
import { formatCount, formatShortDuration } from '@/lib/format';
import { focusRing } from '../ui/Button';
import { cx } from '../ui/cx';
import { VirtualTable, type Column as TableColumn, type SortOrder } from '../ui/VirtualTable';
import { StateBadge, StatusBadge, TypeBadge, UnavailableMark } from './badges';

export type GroupSortKey = (typeof GROUP_SORT_KEYS)[number];
export type { SortOrder };

const GRID = 'grid-cols-[minmax(14rem,3fr)_minmax(9.5rem,1.2fr)_minmax(5.5rem,0.6fr)_minmax(5.5rem,0.8fr)_minmax(10rem,2fr)_minmax(7rem,1fr)_minmax(8rem,1fr)_minmax(5rem,0.7fr)]';

export const ESTIMATED_TIME_LAG = 'estimated from sampled log-end offsets';
export const TIME_LAG_FROM_RECORD = "from the timestamp of the oldest record the group has not processed";

const COLUMNS: TableColumn<GroupSortKey>[] = [
  { key: 'name', label: 'Group', sort: 'name', numeric: false },
  { key: 'state', label: 'State', numeric: false },
  { key: 'type', label: 'Type', numeric: false },
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
  return (
    <VirtualTable
      label="Consumer groups"
      columns={COLUMNS}
      grid={GRID}
      rows={groups}
      rowKey={(g) => g.groupId}
      rowTestId={(g) => 'group-row-' + g.groupId}
      sort={sort}
      order={order}
      onSort={onSort}
      empty={empty}
      scrollTestId="groups-scroll"
      renderCells={(g) => {
        const topics = g.topics.join(', ');
        return (
          <>
      <div role="cell" className="flex min-w-0 items-center">
        <ScopedLink
          href={`/groups/${encodeURIComponent(g.groupId)}`}
          title={g.groupId}
          className={cx('truncate rounded font-medium text-indigo-700 hover:underline dark:text-indigo-400', focusRing)}
        >
          {g.groupId}
        </ScopedLink>
      </div>
      <div role="cell" data-testid="group-state" className="flex min-w-0 items-center gap-1 truncate">
        <StateBadge state={g.state} />
        <UnavailableMark unavailable={g.unavailable} />
      </div>
      <div role="cell" data-testid="group-type" className="flex min-w-0 items-center">
        <TypeBadge type={g.type} />
      </div>
      <div role="cell" data-testid="group-members" className="text-right tabular-nums">
        {formatCount(g.members)}
      </div>
      <div role="cell" className="min-w-0 truncate text-zinc-700 dark:text-zinc-300" title={topics || undefined}>
        {topics || <span className="text-zinc-500 dark:text-zinc-400">—</span>}
      </div>
      <div role="cell" data-testid="group-lag" className="text-right tabular-nums">
        {formatCount(g.totalLag)}
      </div>
      <div role="cell" data-testid="group-time-lag" className="text-right tabular-nums" title={g.maxTimeLagMs === null ? undefined : g.maxTimeLagEstimated ? ESTIMATED_TIME_LAG : TIME_LAG_FROM_RECORD}>
        {g.maxTimeLagMs === null ? '—' : `${g.maxTimeLagEstimated ? '~' : ''}${formatShortDuration(g.maxTimeLagMs)}`}
      </div>
      <div role="cell" data-testid="group-status">
        <StatusBadge status={g.status} reason={g.statusReason} />
      </div>
          </>
        );
      }}
    />
  );
}
