'use client';
// One row per partition the group has a commit on or is assigned, sorted by topic then
// partition: where the log starts and ends, where the group is (committed offset), how
// far behind (lag in records and in time), when it last committed, who owns it now, and
// the Burrow-style status with its reason. A commit below log-start stands out: records
// were deleted before the group read them.
import { ScopedLink } from '../ui/ScopedLink';
import type { GroupMember, GroupPartition } from '@/lib/contract/groups';
import { formatAgo, formatCount, formatShortDuration } from '@/lib/format';
import { Button, focusRing } from '../ui/Button';
import { cx } from '../ui/cx';
import { TableHead } from '../ui/TableHead';
import { useNow } from '../ui/useNow';
import { StatusBadge } from './badges';

const num = 'px-3 py-1.5 text-right tabular-nums';
const dash = <span className="text-zinc-500 dark:text-zinc-400">—</span>;

export const LOST_TO_RETENTION = 'below log start: records were deleted before this group read them';
/** Why commit times are approximate, and how far off they may be (one sample interval). */
export function approximateCommitTimes(resolutionMs: number, reason: string | null): string {
  return `Commit times are approximate, to within ${formatShortDuration(resolutionMs)} (one lag sample): the first sample that saw each offset${reason ? `, because ${reason}` : ''}`;
}

export type ResetShortcut = 'to-earliest' | 'to-latest' | 'to-offset';

export function GroupOffsetsTable({
  offsets,
  members,
  commitTimes,
  onShortcut,
}: {
  offsets: GroupPartition[];
  members: GroupMember[];
  /** From GroupDetail: whether commit times are the sampler's first sight, how far off, and why. */
  commitTimes: { approximate: boolean; resolutionMs: number; reason: string | null };
  /** Row buttons that fill the reset panel for one partition (absent when read-only). */
  onShortcut?: (topic: string, partition: number, kind: ResetShortcut) => void;
}) {
  if (offsets.length === 0) {
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">This group has no committed offsets and no assigned partitions.</p>;
  }
  const rows = [...offsets].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  const byMember = new Map(members.map((m) => [m.memberId, m]));
  const lost = rows.filter((r) => r.lostToRetention).length;

  return (
    <div className="space-y-2">
      {commitTimes.approximate && (
        <p data-testid="commit-times-approximate" className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-xs text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-200">
          {approximateCommitTimes(commitTimes.resolutionMs, commitTimes.reason)}
        </p>
      )}
      {lost > 0 && (
        <p
          data-testid="lost-to-retention"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          {lost === 1 ? 'One partition has' : `${formatCount(lost)} partitions have`} a committed offset below log start: records were deleted before this
          group read them.
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[72rem] text-sm">
          <caption className="sr-only">Committed offsets and lag per partition</caption>
          <TableHead
            columns={[
              { label: 'Topic' },
              { label: 'Partition', align: 'right' },
              { label: 'Log start', align: 'right' },
              { label: 'Committed', align: 'right' },
              { label: 'Log end', align: 'right' },
              { label: 'Lag', align: 'right' },
              { label: 'Time lag', align: 'right', title: 'now − timestamp of the oldest record the group has not processed' },
              { label: 'Last commit', align: 'right' },
              { label: 'Owner' },
              { label: 'Status' },
              onShortcut && { label: 'Reset' },
            ]}
          />
          <tbody>
            {rows.map((r, i) => {
              const firstOfTopic = i === 0 || rows[i - 1]!.topic !== r.topic;
              const owner = r.owner === null ? undefined : byMember.get(r.owner);
              return (
                <tr
                  key={r.topic + '\u0000' + r.partition}
                  data-testid={'offset-row-' + r.topic + '-' + r.partition}
                  className={cx(
                    'border-t',
                    firstOfTopic && i > 0 ? 'border-zinc-300 dark:border-zinc-700' : 'border-zinc-100 dark:border-zinc-800',
                    r.lostToRetention && 'bg-amber-50/60 dark:bg-amber-950/30',
                  )}
                >
                  <td className={cx('max-w-[16rem] truncate px-3 py-1.5', !firstOfTopic && 'text-zinc-500 dark:text-zinc-400')} title={r.topic}>
                    <ScopedLink href={`/topics/${encodeURIComponent(r.topic)}`} className={cx('rounded hover:underline', firstOfTopic && 'font-medium', focusRing)}>
                      {r.topic}
                    </ScopedLink>
                  </td>
                  <th scope="row" className={cx(num, 'font-medium')}>
                    {r.partition}
                  </th>
                  <td data-testid="log-start" className={num}>
                    {formatCount(r.logStartOffset)}
                  </td>
                  <td
                    data-testid="committed"
                    data-state={r.lostToRetention ? 'lost' : undefined}
                    title={r.lostToRetention ? LOST_TO_RETENTION : undefined}
                    className={cx(num, r.lostToRetention && 'font-semibold text-amber-800 dark:text-amber-300')}
                  >
                    {r.lostToRetention && <WarningIcon />}
                    {r.committedOffset === null ? dash : formatCount(r.committedOffset)}
                  </td>
                  <td data-testid="log-end" className={num}>
                    {formatCount(r.logEndOffset)}
                  </td>
                  <td data-testid="lag" className={cx(num, r.lag !== null && r.lag > 0 && 'font-medium')}>
                    {r.lag === null ? dash : formatCount(r.lag)}
                  </td>
                  <td
                    data-testid="time-lag"
                    className={num}
                    title={r.timeLagMs === null ? undefined : `${formatCount(r.timeLagMs)} ms${r.timeLagEstimated ? ', estimated from sampled log-end offsets' : ''}`}
                  >
                    {r.timeLagMs === null ? dash : `${r.timeLagEstimated ? '~' : ''}${formatShortDuration(r.timeLagMs)}`}
                  </td>
                  <td data-testid="last-commit" className={num}>
                    <LastCommit at={r.lastCommitAt} approximate={commitTimes.approximate} />
                  </td>
                  <td data-testid="owner" className="max-w-[14rem] truncate px-3 py-1.5 font-mono text-xs" title={owner ? `${owner.memberId} (client ${owner.clientId}, host ${owner.host})` : (r.owner ?? 'no member owns this partition now')}>
                    {r.owner ?? dash}
                  </td>
                  <td data-testid="status" className="px-3 py-1.5">
                    <StatusBadge status={r.status} reason={r.statusReason} />
                  </td>
                  {onShortcut && (
                    <td className="px-2 py-1 whitespace-nowrap">
                      <Button size="sm" variant="ghost" onClick={() => onShortcut(r.topic, r.partition, 'to-earliest')} aria-label={`${r.topic} partition ${r.partition}: to earliest`}>
                        to earliest
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => onShortcut(r.topic, r.partition, 'to-latest')} aria-label={`${r.topic} partition ${r.partition}: to latest`}>
                        to latest
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => onShortcut(r.topic, r.partition, 'to-offset')} aria-label={`${r.topic} partition ${r.partition}: set to…`}>
                        set to…
                      </Button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function LastCommit({ at, approximate }: { at: number | null; approximate: boolean }) {
  const now = useNow();
  if (at === null) return dash;
  const absolute = new Date(at).toLocaleString();
  return <span title={approximate ? `first seen at ${absolute} (approximate)` : absolute}>{now === null ? '' : formatAgo(at, now)}</span>;
}

/** A warning triangle, drawn (no text), so the cell's text stays the offset alone. */
function WarningIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="mr-1 inline-block h-3.5 w-3.5 -translate-y-px fill-current align-middle">
      <path d="M8 1.5 15 14H1L8 1.5Zm-.75 4.5v4h1.5V6h-1.5Zm0 5.25v1.5h1.5v-1.5h-1.5Z" />
    </svg>
  );
}
