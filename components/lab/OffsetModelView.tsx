'use client';
// The lab's picture of the offset model with live numbers: per partition a bar from
// log-start to log-end with the group's committed offset and the owning member's position
// on it, and for the chosen partition the same numbers in words. Committed offsets and
// lag come from the broker (the group view); positions come from the lab's members.
import { useState } from 'react';
import { offsetModel, type OffsetPoints } from '@/lib/offsets/offset-model';
import { formatCount } from '@/lib/format';
import { cx } from '../ui/cx';

export interface LabPartitionRow extends OffsetPoints {
  partition: number;
  /** Who owns it now: a lab member's client id, another client's, or null. */
  owner: string | null;
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function Bar({ row }: { row: LabPartitionRow }) {
  const m = offsetModel(row);
  if (!m.at) return <div className="h-3 w-full rounded bg-zinc-100 dark:bg-zinc-800" />;
  const { at } = m;
  const committed = at.committed ?? at.logStart;
  return (
    <div className="relative h-3 w-full rounded bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
      {/* committed: processed for good */}
      <div className="absolute inset-y-0 rounded-l bg-emerald-400/70" style={{ left: pct(at.logStart), width: pct(Math.max(0, committed - at.logStart)) }} />
      {/* read but not committed */}
      {at.position !== null && at.position > committed && <div className="absolute inset-y-0 bg-amber-400/80" style={{ left: pct(committed), width: pct(at.position - committed) }} />}
      {/* lag: produced, not committed */}
      <div className="absolute inset-y-0 border-y border-r border-dashed border-red-400" style={{ left: pct(committed), width: pct(Math.max(0, at.logEnd - committed)) }} />
      {at.committed !== null && <div className="absolute -inset-y-0.5 w-0.5 bg-emerald-700" style={{ left: pct(at.committed) }} title="committed" />}
      {at.position !== null && <div className="absolute -inset-y-0.5 w-0.5 bg-amber-700" style={{ left: pct(at.position) }} title="position" />}
    </div>
  );
}

function Explain({ row, groupId }: { row: LabPartitionRow; groupId: string }) {
  const m = offsetModel(row);
  const n = (x: number | null) => (x === null ? '—' : formatCount(x));
  return (
    <div data-testid="offset-explain" className="space-y-1.5 text-sm text-zinc-700 dark:text-zinc-300">
      <p>
        <b>Partition {row.partition}</b>
        {row.owner ? <> is read by <code>{row.owner}</code>.</> : <> has no owner right now.</>}
      </p>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          <b>log-start {n(row.logStart)}</b>: the oldest record still stored{row.logStart ? `; offsets below it were deleted by retention or delete-records` : ''}.
        </li>
        <li>
          <b>committed {n(row.committed)}</b>:{' '}
          {row.committed === null
            ? `group ${groupId} has not committed here yet, so a new owner starts where auto.offset.reset says (earliest or latest).`
            : `group ${groupId} has processed everything before offset ${formatCount(row.committed)}; whoever owns the partition next starts there.`}
          {m.lostToRetention ? ` It is below log-start: ${formatCount(m.lostToRetention)} records were deleted before the group read them.` : ''}
        </li>
        <li>
          <b>position {n(row.position)}</b>:{' '}
          {row.position === null
            ? 'no lab member reads this partition, so there is no position.'
            : `the next offset ${row.owner ?? 'the member'} fetches. ${m.uncommitted ? `It has polled ${formatCount(m.uncommitted)} records it has not committed: if it dies now they are delivered again (at-least-once).` : 'Nothing polled is waiting for a commit.'}`}
        </li>
        <li>
          <b>log-end {n(row.logEnd)}</b>: the offset the next produced record gets (the high watermark).
        </li>
        <li>
          <b>lag {n(m.lag)}</b>
          {m.lag === null ? ': no commit, so no lag (shown as —, not 0).' : ` = log-end ${n(row.logEnd)} − committed ${n(row.committed)}: what the group's dashboards and alerts see. A poll alone does not lower it; a commit does.`}
        </li>
      </ul>
    </div>
  );
}

export function OffsetModelView({ rows, groupId }: { rows: LabPartitionRow[]; groupId: string }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const shown = rows.find((r) => r.partition === chosen) ?? rows.find((r) => r.position !== null) ?? rows[0];
  const n = (x: number | null) => (x === null ? '—' : formatCount(x));
  return (
    <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
      <table className="w-full self-start text-sm tabular-nums">
        <caption className="sr-only">Partitions of the topic as group {groupId} sees them</caption>
        <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th className="font-medium">partition</th>
            <th className="font-medium">owner</th>
            <th className="font-medium">log-start</th>
            <th className="font-medium">committed</th>
            <th className="font-medium">position</th>
            <th className="font-medium">log-end</th>
            <th className="font-medium">lag</th>
            <th className="w-1/3 font-medium">
              <span className="sr-only">picture</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.partition}
              data-testid={`lab-partition-${r.partition}`}
              className={cx('border-t border-zinc-100 dark:border-zinc-800', shown?.partition === r.partition && 'bg-indigo-50 dark:bg-indigo-950')}
            >
              <td className="py-1">
                <button type="button" className="underline decoration-dotted" onClick={() => setChosen(r.partition)} aria-label={`Explain partition ${r.partition}`}>
                  {r.partition}
                </button>
              </td>
              <td data-testid="owner" className="max-w-40 truncate font-mono text-xs">
                {r.owner ?? '—'}
              </td>
              <td>{n(r.logStart)}</td>
              <td data-testid="committed">{n(r.committed)}</td>
              <td data-testid="position">{n(r.position)}</td>
              <td data-testid="log-end">{n(r.logEnd)}</td>
              <td data-testid="lag">{n(offsetModel(r).lag)}</td>
              <td>
                <Bar row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="space-y-3">
        <p className="flex flex-wrap gap-3 text-xs text-zinc-500 dark:text-zinc-400">
          <span className="inline-flex items-center gap-1">
            <span className="h-2 w-3 rounded bg-emerald-400/70" /> committed
          </span>
          <span className="inline-flex items-center gap-1">
            <span className="h-2 w-3 rounded bg-amber-400/80" /> polled, not committed
          </span>
          <span className="inline-flex items-center gap-1">
            <span className="h-2 w-3 rounded border border-dashed border-red-400" /> lag
          </span>
        </p>
        {shown ? <Explain row={shown} groupId={groupId} /> : <p className="text-sm text-zinc-500 dark:text-zinc-400">Pick a topic to see its partitions.</p>}
      </div>
    </div>
  );
}
