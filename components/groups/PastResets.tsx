'use client';
// The resets applied to this group (recorded under the dashboard's data dir, so they
// survive restarts), newest first, with "undo" on the newest: a reset back to the offsets
// it replaced, through the same preview and confirmation as any other.
import type { ResetAudit } from '@/lib/contract/reset';
import { undoCsv } from '@/lib/offsets/reset-plan';
import { useResets } from '@/lib/queries/resets';
import { Button } from '../ui/Button';
import { ErrorText } from '../ui/Messages';

function strategyOf(r: ResetAudit): string {
  const req = r.request as { strategy?: string } | null;
  return req?.strategy ?? '?';
}

export function PastResets({ groupId, canWrite, onUndo }: { groupId: string; canWrite: boolean; onUndo: (csv: string) => void }) {
  const resets = useResets(groupId);
  if (resets.isError) return <ErrorText>The reset history could not be loaded: {resets.error.message}</ErrorText>;
  const list = resets.data?.resets ?? [];
  if (list.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No reset has been applied to this group from offsetscope.</p>;
  const undo = undoCsv(list[0].before);
  return (
    <div className="space-y-2">
      <ol className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
        {list.map((r, i) => (
          <li key={r.id} data-testid={`past-reset-${i}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
            <time dateTime={new Date(r.at).toISOString()} className="tabular-nums">
              {new Date(r.at).toLocaleString()}
            </time>
            <span className="font-mono text-xs">{strategyOf(r)}</span>
            <span>
              {r.plan.length} partition{r.plan.length === 1 ? '' : 's'}
            </span>
            <span className="truncate text-xs text-zinc-500 dark:text-zinc-400" title={r.requestedBy.userAgent ?? undefined}>
              from {r.requestedBy.address ?? 'unknown address'}
            </span>
            {i === 0 && canWrite && (
              <Button size="sm" className="ml-auto" onClick={() => onUndo(undo)} disabled={!undo} title={undo ? 'Preview a reset back to the offsets before this one' : 'Before this reset the group had no offsets to go back to'}>
                Undo
              </Button>
            )}
          </li>
        ))}
      </ol>
      {!undo && <p className="text-xs text-zinc-500 dark:text-zinc-400">The newest reset gave the group its first offsets on these partitions, so there is nothing to go back to (delete the offsets instead).</p>}
    </div>
  );
}
