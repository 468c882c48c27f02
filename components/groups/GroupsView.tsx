'use client';
// /groups: search (debounced, on the server), a state filter, server-side sort and a
// virtualized table. With no group at all it says how groups come to exist.
import { useId, useState } from 'react';
import type { GROUP_STATES } from '@/lib/contract/groups';
import { formatCount } from '@/lib/format';
import { useCluster } from '@/lib/queries/cluster';
import { useGroups } from '@/lib/queries/groups';
import { ErrorText } from '../ui/Messages';
import { SearchField } from '../ui/SearchField';
import { UpdatedAgo } from '../ui/UpdatedAgo';
import { inputClass, labelClass } from '../ui/fields';
import { useDebounced } from '../ui/useDebounced';
import { GroupsTable, type GroupSortKey, type SortOrder } from './GroupsTable';

type GroupState = (typeof GROUP_STATES)[number];
const STATE_OPTIONS: GroupState[] = ['Stable', 'Empty', 'PreparingRebalance', 'CompletingRebalance', 'Dead'];

export function GroupsView() {
  const id = useId();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [state, setState] = useState<GroupState | ''>('');
  const [sort, setSort] = useState<GroupSortKey>('name');
  const [order, setOrder] = useState<SortOrder>('asc');
  const groups = useGroups({ q: q || undefined, state: state || undefined, sort, order });

  function onSort(key: GroupSortKey) {
    if (key === sort) setOrder((o) => (o === 'asc' ? 'desc' : 'asc'));
    else {
      setSort(key);
      // Names read A→Z; for lag, time lag and members the biggest is what a person looks for.
      setOrder(key === 'name' ? 'asc' : 'desc');
    }
  }

  const data = groups.data;
  const none = data !== undefined && data.total === 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-semibold">Consumer groups</h1>
        <UpdatedAgo at={groups.dataUpdatedAt} failed={groups.isError} />
      </div>

      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <SearchField label="Search groups" value={search} onChange={setSearch} />
        <div className="flex items-center gap-2">
          <label htmlFor={`${id}-state`} className={labelClass}>
            State
          </label>
          <select id={`${id}-state`} className={inputClass} value={state} onChange={(e) => setState(e.target.value as GroupState | '')}>
            <option value="">All</option>
            {STATE_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        {data && (
          <p className="ml-auto text-sm text-zinc-600 tabular-nums dark:text-zinc-400" aria-live="polite" data-testid="group-count">
            {`${formatCount(data.groups.length)} of ${formatCount(data.total)} groups`}
          </p>
        )}
      </div>

      {!data && groups.isError && <ErrorText>The consumer groups could not be loaded: {groups.error.message}</ErrorText>}
      {!data && !groups.isError && <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading consumer groups…</p>}
      {none && <NoGroups />}
      {data && !none && (
        <GroupsTable
          groups={data.groups}
          sort={sort}
          order={order}
          onSort={onSort}
          empty={
            q && state
              ? `No ${state} group id contains “${q}”.`
              : q
                ? `No group id contains “${q}”.`
                : state
                  ? `No group is ${state} right now.`
                  : 'No consumer groups.'
          }
        />
      )}
    </div>
  );
}

/** The cluster has no consumer group yet: say how one comes to exist. */
function NoGroups() {
  const cluster = useCluster();
  const bootstrap = cluster.data?.bootstrap ?? 'HOST:PORT';
  return (
    <section
      aria-labelledby="no-groups-title"
      className="rounded-lg border border-dashed border-zinc-300 bg-white p-6 dark:border-zinc-700 dark:bg-zinc-900"
      data-testid="groups-empty"
    >
      <h2 id="no-groups-title" className="text-base font-semibold">
        No consumer groups yet
      </h2>
      <p className="mt-2 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
        Groups appear here when consumers commit offsets (or join with a group id). Consume a topic in a group with any Kafka client, for example <code className="font-mono break-all">kcat -b {bootstrap} -G my-group my-topic</code>, and its committed offsets and lag show up within
        seconds.
      </p>
    </section>
  );
}
