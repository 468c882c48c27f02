'use client';
// Delete records before an offset (moves log-start forward), on one partition or all.
// The plan is worked out and shown before anything is sent; a confirmation dialog says
// exactly what goes; the answer's new log-start offsets are reported.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { PartitionDetail } from '@/lib/contract/topics';
import { formatCount } from '@/lib/format';
import { useDeleteRecords } from '@/lib/queries/topics';
import { Button } from '../ui/Button';
import { partitionChoices, SelectField } from '../ui/SelectField';
import { NumberField } from '../ui/NumberField';
import { Dialog } from '../ui/Dialog';
import { ErrorText, FieldHint, StatusText } from '../ui/Messages';
import { parseWhole } from '../ui/fields';

type Step = { partition: number; beforeOffset: number; logStart: number; records: number };
type Plan = { steps: Step[]; problem: string | null; notes: string[] };

const records = (n: number) => `${formatCount(n)} record${n === 1 ? '' : 's'}`;

/** What deleting before `offset` on `which` would do, from the offsets on screen. */
export function planDeleteRecords(partitions: PartitionDetail[], which: 'all' | number, offset: number | null): Plan {
  if (offset === null) return { steps: [], problem: 'Enter the offset to delete before (a whole number, 0 or more).', notes: [] };
  if (offset < 0) return { steps: [], problem: 'The offset must be 0 or more.', notes: [] };
  if (which !== 'all') {
    const p = partitions.find((x) => x.partition === which);
    if (!p) return { steps: [], problem: `Partition ${which} does not exist.`, notes: [] };
    if (p.logStartOffset === null || p.logEndOffset === null) return { steps: [], problem: `Partition ${which}'s offsets are unknown right now (is it offline?).`, notes: [] };
    if (offset > p.logEndOffset) {
      return {
        steps: [],
        problem: `Offset ${formatCount(offset)} is beyond the log end of partition ${which} (${formatCount(p.logEndOffset)}): no record has that offset yet. Use ${formatCount(p.logEndOffset)} to delete every record in it.`,
        notes: [],
      };
    }
    if (offset <= p.logStartOffset) {
      return { steps: [], problem: `Nothing to delete: partition ${which} already starts at offset ${formatCount(p.logStartOffset)}.`, notes: [] };
    }
    return { steps: [{ partition: which, beforeOffset: offset, logStart: p.logStartOffset, records: offset - p.logStartOffset }], problem: null, notes: [] };
  }
  const steps: Step[] = [];
  const clamped: string[] = [];
  for (const p of partitions) {
    if (p.logStartOffset === null || p.logEndOffset === null) continue;
    const before = Math.min(offset, p.logEndOffset);
    if (offset > p.logEndOffset && before > p.logStartOffset) clamped.push(`${p.partition} (log end ${formatCount(p.logEndOffset)})`);
    if (before > p.logStartOffset) steps.push({ partition: p.partition, beforeOffset: before, logStart: p.logStartOffset, records: before - p.logStartOffset });
  }
  const notes: string[] = [];
  if (clamped.length > 0) {
    notes.push(
      `Offset ${formatCount(offset)} is beyond the log end of partition${clamped.length === 1 ? '' : 's'} ${clamped.join(', ')}: ${clamped.length === 1 ? 'it is' : 'they are'} emptied up to the log end instead.`,
    );
  }
  if (steps.length === 0) return { steps, problem: `Nothing to delete: every partition already starts at or after offset ${formatCount(offset)}.`, notes };
  return { steps, problem: null, notes };
}

export function describePlan(which: 'all' | number, offset: number, steps: Step[]): string {
  const total = steps.reduce((s, x) => s + x.records, 0);
  if (which !== 'all') return `Records before offset ${formatCount(offset)} on partition ${which} (${records(total)}) will be deleted permanently.`;
  return `Records before offset ${formatCount(offset)} on ${steps.length} partition${steps.length === 1 ? '' : 's'} (${records(total)}) will be deleted permanently.`;
}

export function DeleteRecords({ topic, partitions }: { topic: string; partitions: PartitionDetail[] }) {
  const id = useId();
  const del = useDeleteRecords(topic);
  const [which, setWhich] = useState<'all' | number>('all');
  const [offsetText, setOffsetText] = useState('');
  const [confirming, setConfirming] = useState<{ which: 'all' | number; offset: number; steps: Step[]; notes: string[] } | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  const offset = parseWhole(offsetText);
  const plan = planDeleteRecords(partitions, which, offset);
  const showProblem = offsetText.trim() !== '' || which !== 'all';

  function review(e: FormEvent) {
    e.preventDefault();
    if (plan.problem || offset === null) return;
    del.reset();
    setConfirming({ which, offset, steps: plan.steps, notes: plan.notes });
  }

  function confirm() {
    if (!confirming) return;
    del.mutate(
      { partitions: confirming.steps.map((s) => ({ partition: s.partition, beforeOffset: s.beforeOffset })) },
      { onSuccess: () => setConfirming(null) },
    );
  }

  return (
    <form onSubmit={review} noValidate className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          id={`${id}-partition`}
          label="Partition"
          className="mt-1 w-44"
          value={String(which)}
          onChange={(v) => setWhich(v === 'all' ? 'all' : Number(v))}
          choices={[{ value: 'all', label: 'All partitions' }, ...partitionChoices(partitions.map((p) => p.partition))]}
        />
        <NumberField
          id={`${id}-offset`}
          label="Delete records before offset"
          min={0}
          className="mt-1 w-40"
          value={offsetText}
          onChange={setOffsetText}
          invalid={showProblem && plan.problem !== null}
          describedBy={`${id}-hint`}
        />
        <Button type="submit" variant="danger" disabled={plan.problem !== null || del.isPending}>
          Delete records
        </Button>
      </div>
      <div id={`${id}-hint`} aria-live="polite">
        {showProblem && plan.problem ? (
          <FieldHint problem testId="delete-records-problem">
            {plan.problem}
          </FieldHint>
        ) : plan.problem === null && offset !== null ? (
          <FieldHint>{describePlan(which, offset, plan.steps)}</FieldHint>
        ) : (
          <FieldHint>Moves the log start forward: records before the offset are gone for every consumer.</FieldHint>
        )}
        {plan.notes.map((n) => (
          <FieldHint key={n}>
            <span className="text-amber-700 dark:text-amber-400">{n}</span>
          </FieldHint>
        ))}
      </div>

      {del.isSuccess && (
        <StatusText>
          Records deleted. New log start:{' '}
          {del.data.partitions.map((p, i) => (
            <span key={p.partition}>
              {i > 0 && ', '}
              partition {p.partition} → {formatCount(p.logStartOffset)}
            </span>
          ))}
          .
        </StatusText>
      )}
      {del.isError && !confirming && <ErrorText>{del.error.message}</ErrorText>}

      <Dialog open={confirming !== null} onClose={() => !del.isPending && setConfirming(null)} title="Delete records?" initialFocus={cancelRef}>
        {confirming && (
          <>
            <p className="text-sm" data-testid="delete-records-summary">
              {describePlan(confirming.which, confirming.offset, confirming.steps)}
            </p>
            {confirming.which === 'all' && (
              <ul className="mt-2 max-h-48 overflow-y-auto text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
                {confirming.steps.map((s) => (
                  <li key={s.partition}>
                    partition {s.partition}: offsets {formatCount(s.logStart)}–{formatCount(s.beforeOffset - 1)} ({records(s.records)})
                  </li>
                ))}
              </ul>
            )}
            {confirming.notes.map((n) => (
              <p key={n} className="mt-2 text-sm text-amber-700 dark:text-amber-400">
                {n}
              </p>
            ))}
            <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
              Consumer groups whose committed offset falls before the new log start will restart from wherever their auto.offset.reset says.
            </p>
            {del.isError && <ErrorText className="mt-3">{del.error.message}</ErrorText>}
            <div className="mt-4 flex justify-end gap-2">
              <Button ref={cancelRef} onClick={() => setConfirming(null)} disabled={del.isPending}>
                Cancel
              </Button>
              <Button variant="danger" onClick={confirm} disabled={del.isPending}>
                Confirm delete records
              </Button>
            </div>
          </>
        )}
      </Dialog>
    </form>
  );
}
