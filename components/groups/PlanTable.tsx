// A reset plan as a table: per partition where the group is now and where it will be,
// the lag before and after, and the CLI's warnings or the reason a partition cannot move.
import type { PlanRow } from '@/lib/contract/reset';
import { formatCount } from '@/lib/format';
import { cx } from '../ui/cx';
import { TableHead } from '../ui/TableHead';

const num = 'px-3 py-1.5 text-right tabular-nums';
const n = (x: number | null) => (x === null ? '—' : formatCount(x));

export function PlanTable({ plan, caption }: { plan: PlanRow[]; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] text-sm">
        <caption className="sr-only">{caption}</caption>
        <TableHead
          columns={[
            { label: 'Topic' },
            { label: 'Partition', align: 'right' },
            { label: 'Current', align: 'right' },
            { label: 'New', align: 'right' },
            { label: 'Lag before', align: 'right' },
            { label: 'Lag after', align: 'right' },
            { label: 'Notes' },
          ]}
        />
        <tbody>
          {plan.map((r) => {
            const moved = r.newOffset !== null && r.newOffset !== r.currentOffset;
            return (
              <tr key={`${r.topic}\u0000${r.partition}`} data-testid={`plan-row-${r.topic}-${r.partition}`} className={cx('border-t border-zinc-100 dark:border-zinc-800', r.error && 'bg-red-50/60 dark:bg-red-950/30')}>
                <td className="max-w-[16rem] truncate px-3 py-1.5" title={r.topic}>
                  {r.topic}
                </td>
                <th scope="row" className={cx(num, 'font-medium')}>
                  {r.partition}
                </th>
                <td data-testid="current" className={num}>
                  {n(r.currentOffset)}
                </td>
                <td data-testid="new" className={cx(num, moved && 'font-semibold text-indigo-700 dark:text-indigo-300')}>
                  {n(r.newOffset)}
                </td>
                <td data-testid="lag-before" className={num}>
                  {n(r.lagBefore)}
                </td>
                <td data-testid="lag-after" className={num}>
                  {n(r.lagAfter)}
                </td>
                <td data-testid="notes" className="px-3 py-1.5 text-xs">
                  {r.error && <p className="text-red-700 dark:text-red-400">{r.error}</p>}
                  {r.warnings.map((w) => (
                    <p key={w} className="text-amber-800 dark:text-amber-300">
                      {w}
                    </p>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
