'use client';
// "Consumed by": the consumer groups with committed offsets on this topic, each linking to
// its group page: where each one is per partition, and how far behind the log end
// (lib/offsets/lag.ts). A topic read by hundreds of groups shows the first SHOWN of them
// until asked for all, so the page stays quick while it refreshes.
import { ScopedLink } from '../ui/ScopedLink';
import { useState } from 'react';
import type { TopicDetail } from '@/lib/contract/topics';
import { formatCount } from '@/lib/format';
import { lostToRetention, partitionLag, totalLag } from '@/lib/offsets/lag';
import { Button, focusRing } from '../ui/Button';
import { cx } from '../ui/cx';

const num = 'px-3 py-1 text-right tabular-nums';
const SHOWN = 25;

export function GroupsList({ detail }: { detail: TopicDetail }) {
  const [all, setAll] = useState(false);
  if (detail.groups.length === 0) {
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">No consumer group has committed offsets on this topic</p>;
  }
  const byPartition = new Map(detail.partitions.map((p) => [p.partition, p]));
  const sorted = [...detail.groups].sort((a, b) => a.groupId.localeCompare(b.groupId));
  const groups = all ? sorted : sorted.slice(0, SHOWN);
  return (
    <div className="space-y-4">
      <ul className="space-y-4">
        {groups.map((g) => {
          const offsets = [...g.offsets].sort((a, b) => a.partition - b.partition);
          const total = totalLag(offsets.map((o) => partitionLag(o.committedOffset, byPartition.get(o.partition)?.logEndOffset ?? null)));
          return (
            <li key={g.groupId} data-testid={'group-' + g.groupId}>
              <h3 className="flex items-baseline gap-3 text-sm">
                <ScopedLink
                  href={`/groups/${encodeURIComponent(g.groupId)}`}
                  className={cx('rounded font-mono font-medium break-all text-indigo-700 hover:underline dark:text-indigo-400', focusRing)}
                >
                  {g.groupId}
                </ScopedLink>
                <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">total lag {formatCount(total)}</span>
              </h3>
              <div className="mt-1 overflow-x-auto">
                <table className="text-sm">
                  <thead className="text-xs text-zinc-500 dark:text-zinc-400">
                    <tr>
                      <th scope="col" className="px-3 py-1 text-right font-medium">
                        Partition
                      </th>
                      <th scope="col" className="px-3 py-1 text-right font-medium">
                        Committed offset
                      </th>
                      <th scope="col" className="px-3 py-1 text-right font-medium">
                        Log end
                      </th>
                      <th scope="col" className="px-3 py-1 text-right font-medium">
                        Lag
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {offsets.map((o) => {
                      const p = byPartition.get(o.partition);
                      const end = p?.logEndOffset ?? null;
                      const start = p?.logStartOffset ?? null;
                      const lag = partitionLag(o.committedOffset, end);
                      const lost = lostToRetention(o.committedOffset, start);
                      return (
                        <tr key={o.partition}>
                          <th scope="row" className={cx(num, 'font-normal')}>
                            {o.partition}
                          </th>
                          <td
                            className={cx(num, lost && 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200')}
                            title={lost ? `below log start ${formatCount(start)}: records in between were deleted before this group read them` : undefined}
                          >
                            {formatCount(o.committedOffset)}
                            {lost && <span className="ml-1 text-xs">(below log start)</span>}
                          </td>
                          <td className={num}>{formatCount(end)}</td>
                          <td className={num}>{formatCount(lag)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </li>
          );
        })}
      </ul>
      {sorted.length > groups.length && (
        <Button size="sm" onClick={() => setAll(true)}>
          {`Show all ${formatCount(sorted.length)} groups (${formatCount(sorted.length - groups.length)} more)`}
        </Button>
      )}
    </div>
  );
}
