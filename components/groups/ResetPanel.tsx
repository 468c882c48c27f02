'use client';
// The reset panel: pick a scope and a strategy (every kafka-consumer-groups.sh
// --reset-offsets strategy), see the plan before anything happens, then apply it with a
// confirmation naming the group and the number of partitions. While the group has
// members the plan still shows, with why it cannot be applied.
import { useEffect, useId, useRef, useState } from 'react';
import { RESET_STRATEGIES, type ResetResponse, type ResetStrategy } from '@/lib/contract/reset';
import { planToCsv } from '@/lib/offsets/reset-plan';
import { useApplyReset, usePlanReset } from '@/lib/queries/resets';
import { downloadText, safeFileStem } from '../messages/download';
import { Button } from '../ui/Button';
import { SelectField } from '../ui/SelectField';
import { cx } from '../ui/cx';
import { Dialog } from '../ui/Dialog';
import { inputClass, labelClass } from '../ui/fields';
import { ErrorText, FieldHint, StatusText } from '../ui/Messages';
import { PlanTable } from './PlanTable';
import { draftToRequest, STRATEGY_LABELS, type ResetDraft } from './reset-draft';

function ActiveNotice({ active, groupId }: { active: NonNullable<ResetResponse['active']>; groupId: string }) {
  return (
    <p data-testid="reset-blocked" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
      Apply is disabled: group <b>{groupId}</b> is <b>{active.state}</b> with {active.members.length} member{active.members.length === 1 ? '' : 's'} (
      {active.members.map((m) => `${m.clientId} on ${m.host}`).join(', ') || 'joining'}). Offsets can be reset only while the group is Empty: stop its consumers
      first. The plan below is what would happen.
    </p>
  );
}

export function ResetPanel({
  groupId,
  groupTopics,
  draft,
  setDraft,
  previewRequest,
}: {
  groupId: string;
  /** Topics the group has commits on or is assigned. */
  groupTopics: string[];
  draft: ResetDraft;
  setDraft: (d: ResetDraft) => void;
  /** Changes when something outside (a row shortcut, undo) wants a preview of the draft now. */
  previewRequest: number;
}) {
  const id = useId();
  const plan = usePlanReset(groupId);
  const apply = useApplyReset(groupId);
  const [confirming, setConfirming] = useState(false);
  const [extraTopic, setExtraTopic] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const built = draftToRequest(draft);
  const set = (patch: Partial<ResetDraft>) => {
    setDraft({ ...draft, ...patch });
    plan.reset();
    apply.reset();
  };

  const preview = () => {
    if (!built.ok) return;
    apply.reset();
    plan.mutate(built.req);
  };
  // Run the preview when asked from outside (the draft has been set by then).
  const lastRequest = useRef(previewRequest);
  useEffect(() => {
    if (previewRequest === lastRequest.current) return;
    lastRequest.current = previewRequest;
    preview();
  });

  const shown = plan.data;
  const movable = shown?.plan.filter((r) => r.error === null) ?? [];
  const canApply = !!shown && !shown.active && movable.length === shown.plan.length && movable.length > 0 && !apply.isPending;
  const topicChoices = [...new Set([...groupTopics, ...draft.topics])].sort();

  return (
    <div className="space-y-4">
      <div className="grid gap-4 md:grid-cols-2">
        <fieldset className="space-y-2" disabled={draft.strategy === 'from-file'}>
          <legend className={labelClass}>Scope {draft.strategy === 'from-file' && <span className="font-normal text-zinc-500 dark:text-zinc-400">(from the file)</span>}</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={`${id}-scope`} checked={draft.scope === 'all'} onChange={() => set({ scope: 'all' })} />
            All topics the group has commits on
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={`${id}-scope`} checked={draft.scope === 'topics'} onChange={() => set({ scope: 'topics' })} />
            Some topics (every partition)
          </label>
          {draft.scope === 'topics' && (
            <div className="ml-6 space-y-1">
              {topicChoices.map((t) => (
                <label key={t} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={draft.topics.includes(t)} onChange={(e) => set({ topics: e.target.checked ? [...draft.topics, t] : draft.topics.filter((x) => x !== t) })} />
                  <span className="font-mono text-xs">{t}</span>
                </label>
              ))}
              <div className="flex gap-2">
                <input aria-label="Another topic" placeholder="another topic" value={extraTopic} onChange={(e) => setExtraTopic(e.target.value)} className={cx(inputClass, 'w-48')} />
                <Button
                  size="sm"
                  onClick={() => {
                    if (extraTopic.trim() && !draft.topics.includes(extraTopic.trim())) set({ topics: [...draft.topics, extraTopic.trim()] });
                    setExtraTopic('');
                  }}
                >
                  Add
                </Button>
              </div>
            </div>
          )}
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={`${id}-scope`} checked={draft.scope === 'partitions'} onChange={() => set({ scope: 'partitions' })} />
            Chosen partitions of one topic
          </label>
          {draft.scope === 'partitions' && (
            <div className="ml-6 flex flex-wrap gap-2">
              <div>
                <label htmlFor={`${id}-ptopic`} className="text-xs text-zinc-600 dark:text-zinc-400">
                  Topic
                </label>
                <input id={`${id}-ptopic`} list={`${id}-topics`} value={draft.topic} onChange={(e) => set({ topic: e.target.value })} className={cx(inputClass, 'w-48')} />
                <datalist id={`${id}-topics`}>
                  {groupTopics.map((t) => (
                    <option key={t} value={t} />
                  ))}
                </datalist>
              </div>
              <div>
                <label htmlFor={`${id}-parts`} className="text-xs text-zinc-600 dark:text-zinc-400">
                  Partitions
                </label>
                <input id={`${id}-parts`} placeholder="0, 2" value={draft.partitions} onChange={(e) => set({ partitions: e.target.value })} className={cx(inputClass, 'w-28')} />
              </div>
            </div>
          )}
        </fieldset>

        <div className="space-y-2">
          <SelectField
            id={`${id}-strategy`}
            label="Strategy"
            value={draft.strategy}
            onChange={(v) => set({ strategy: v as ResetStrategy })}
            choices={RESET_STRATEGIES.map((s) => ({ value: s, label: STRATEGY_LABELS[s] }))}
          />
          {draft.strategy === 'to-offset' && (
            <div>
              <label htmlFor={`${id}-offset`} className="text-xs text-zinc-600 dark:text-zinc-400">
                Offset
              </label>
              <input id={`${id}-offset`} inputMode="numeric" value={draft.offset} onChange={(e) => set({ offset: e.target.value })} className={cx(inputClass, 'w-40')} />
              <FieldHint>Outside [log start, log end] it is clamped, with the CLI&apos;s warning.</FieldHint>
            </div>
          )}
          {draft.strategy === 'shift-by' && (
            <div>
              <label htmlFor={`${id}-shift`} className="text-xs text-zinc-600 dark:text-zinc-400">
                Shift by
              </label>
              <input id={`${id}-shift`} inputMode="numeric" placeholder="-2" value={draft.shiftBy} onChange={(e) => set({ shiftBy: e.target.value })} className={cx(inputClass, 'w-32')} />
              <FieldHint>From each committed offset; negative replays, positive skips. A partition without a commit cannot be shifted.</FieldHint>
            </div>
          )}
          {draft.strategy === 'to-datetime' && (
            <div>
              <label htmlFor={`${id}-when`} className="text-xs text-zinc-600 dark:text-zinc-400">
                Date and time (UTC)
              </label>
              <input id={`${id}-when`} type="datetime-local" step="1" value={draft.datetime} onChange={(e) => set({ datetime: e.target.value })} className={inputClass} />
              <FieldHint>Each partition goes to its first record at or after this time (UTC); no such record → log end.</FieldHint>
            </div>
          )}
          {draft.strategy === 'by-duration' && (
            <div>
              <label htmlFor={`${id}-duration`} className="text-xs text-zinc-600 dark:text-zinc-400">
                Duration
              </label>
              <input id={`${id}-duration`} value={draft.duration} onChange={(e) => set({ duration: e.target.value })} className={cx(inputClass, 'w-40 font-mono')} />
              <FieldHint>ISO-8601 PnDTnHnMnS, e.g. PT30M or P1DT12H: replays what arrived in that time.</FieldHint>
            </div>
          )}
          {draft.strategy === 'from-file' && (
            <div>
              <label htmlFor={`${id}-csv`} className="text-xs text-zinc-600 dark:text-zinc-400">
                Lines of topic,partition,offset
              </label>
              <textarea id={`${id}-csv`} rows={4} value={draft.csv} onChange={(e) => set({ csv: e.target.value })} className={cx(inputClass, 'w-full font-mono text-xs')} />
            </div>
          )}
          <input
            ref={fileRef}
            type="file"
            accept=".csv,text/csv,text/plain"
            className="hidden"
            aria-label="CSV plan file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) set({ strategy: 'from-file', csv: await f.text() });
              e.target.value = '';
            }}
          />
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <Button variant="primary" onClick={preview} disabled={!built.ok || plan.isPending}>
          Preview
        </Button>
        <Button onClick={() => fileRef.current?.click()}>Import CSV</Button>
        {shown && (
          <Button onClick={() => downloadText(`${safeFileStem(groupId)}-reset-plan.csv`, 'text/csv', planToCsv(shown.plan))} disabled={movable.length === 0}>
            Export CSV
          </Button>
        )}
        {shown && (
          <Button variant="danger" onClick={() => setConfirming(true)} disabled={!canApply} className="ml-auto">
            Apply
          </Button>
        )}
      </div>
      {!built.ok && <FieldHint>{built.problem}</FieldHint>}
      {plan.isError && <ErrorText>{plan.error.message}</ErrorText>}
      {shown?.active && <ActiveNotice active={shown.active} groupId={groupId} />}
      {shown && !apply.isSuccess && (
        <div data-testid="reset-plan" className="space-y-1">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Plan: {shown.plan.length} partition{shown.plan.length === 1 ? '' : 's'}; nothing has changed yet.
          </p>
          <PlanTable plan={shown.plan} caption="The reset plan: current and new offset per partition" />
        </div>
      )}
      {apply.isError && <ErrorText>{apply.error.message}</ErrorText>}
      {apply.isSuccess && (
        <div data-testid="reset-result" className="space-y-2">
          <StatusText>
            Committed {apply.data.plan.length} offset{apply.data.plan.length === 1 ? '' : 's'} for group {groupId}.
          </StatusText>
          <PlanTable plan={apply.data.plan} caption="What was committed" />
        </div>
      )}

      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Reset ${movable.length} partition${movable.length === 1 ? '' : 's'} of group ${groupId}?`}>
        <div className="space-y-3 text-sm">
          <p>
            The committed offsets of <code className="font-mono break-all">{groupId}</code> on {movable.length} partition{movable.length === 1 ? '' : 's'} will be replaced as
            previewed. The old offsets are recorded, so the reset can be undone from this page.
          </p>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setConfirming(false)}>Cancel</Button>
            <Button
              variant="danger"
              onClick={() => {
                if (!built.ok) return;
                setConfirming(false);
                apply.mutate(built.req);
              }}
            >
              Apply reset
            </Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
