'use client';
// Create a topic. The name is checked as it is typed (Kafka's rules, lib/topics/name.ts);
// the broker has the last word, and its reason shows inline with everything typed kept.
import { useId, useRef, useState, type FormEvent } from 'react';
import { formatDuration } from '@/lib/format';
import { useCluster } from '@/lib/queries/cluster';
import { useCreateTopic } from '@/lib/queries/topics';
import { TOPIC_NAME_RULE, topicNameProblem, topicNameWarning } from '@/lib/topics/name';
import { Button } from '../ui/Button';
import { ErrorText, FieldHint } from '../ui/Messages';
import { inputClass, labelClass, parseWhole } from '../ui/fields';

type ConfigRow = { id: number; key: string; value: string };
const OWN_FIELDS = new Set(['retention.ms', 'cleanup.policy']);

export function CreateTopicForm({ onCreated, onCancel }: { onCreated: (name: string) => void; onCancel: () => void }) {
  const id = useId();
  const cluster = useCluster();
  const create = useCreateTopic();
  const [name, setName] = useState('');
  const [nameTouched, setNameTouched] = useState(false);
  const [partitions, setPartitions] = useState('1');
  const [replication, setReplication] = useState('1');
  const [retention, setRetention] = useState('');
  const [cleanup, setCleanup] = useState<'delete' | 'compact'>('delete');
  const [rows, setRows] = useState<ConfigRow[]>([]);
  const nextRow = useRef(1);

  const brokers = cluster.data?.reachable ? cluster.data.brokers.length : null;

  const nameProblem = nameTouched || name !== '' ? topicNameProblem(name) : null;
  const nameWarning = topicNameWarning(name);

  const p = parseWhole(partitions);
  const partitionsProblem = p === null || p < 1 || p > 100_000 ? 'Enter a whole number from 1 to 100000.' : null;

  const rf = parseWhole(replication);
  const replicationProblem =
    rf === null || rf < 1 || rf > 32_767
      ? 'Enter a whole number from 1 to 32767.'
      : brokers !== null && brokers > 0 && rf > brokers
        ? `Replication factor ${rf} is more than the brokers available: the cluster has ${brokers} broker(s).`
        : null;

  const retentionMs = retention.trim() === '' ? null : parseWhole(retention);
  const retentionProblem = retention.trim() !== '' && (retentionMs === null || retentionMs < -1) ? 'Enter a whole number of milliseconds, or −1 for forever.' : null;

  const rowProblems = new Map<number, string>();
  const seen = new Set<string>();
  for (const r of rows) {
    const k = r.key.trim();
    if (k === '' && r.value === '') continue;
    if (k === '') rowProblems.set(r.id, 'Give the config a name.');
    else if (OWN_FIELDS.has(k)) rowProblems.set(r.id, `Set ${k} with its own field above.`);
    else if (seen.has(k)) rowProblems.set(r.id, `${k} is listed twice.`);
    seen.add(k);
  }

  const invalid = topicNameProblem(name) !== null || !!partitionsProblem || !!replicationProblem || !!retentionProblem || rowProblems.size > 0;

  function submit(e: FormEvent) {
    e.preventDefault();
    setNameTouched(true);
    if (invalid || create.isPending) return;
    const configs: Record<string, string> = {};
    if (retentionMs !== null) configs['retention.ms'] = String(retentionMs);
    if (cleanup !== 'delete') configs['cleanup.policy'] = cleanup;
    for (const r of rows) if (r.key.trim() !== '') configs[r.key.trim()] = r.value;
    const topicName = name;
    create.mutate(
      { name: topicName, partitions: p!, replicationFactor: rf!, ...(Object.keys(configs).length > 0 ? { configs } : {}) },
      { onSuccess: () => onCreated(topicName) },
    );
  }

  const f = (s: string) => `${id}-${s}`;

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby={f('title')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
      className="space-y-4"
    >
      <h2 id={f('title')} className="text-base font-semibold">
        Create a topic
      </h2>

      <div>
        <label htmlFor={f('name')} className={labelClass}>
          Topic name
        </label>
        <input
          id={f('name')}
          autoFocus
          className={inputClass + ' mt-1 w-full font-mono'}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setNameTouched(true);
          }}
          onBlur={() => setNameTouched(true)}
          aria-invalid={nameProblem !== null}
          aria-describedby={f('name-hint')}
          autoComplete="off"
          spellCheck={false}
          maxLength={300}
        />
        <div id={f('name-hint')}>
          {nameProblem ? (
            <FieldHint problem testId="name-problem">
              {nameProblem}
            </FieldHint>
          ) : nameWarning ? (
            <FieldHint testId="name-warning">
              <span className="text-amber-700 dark:text-amber-400">{nameWarning}</span>
            </FieldHint>
          ) : (
            <FieldHint>{TOPIC_NAME_RULE}.</FieldHint>
          )}
        </div>
      </div>

      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={f('partitions')} className={labelClass}>
            Partitions
          </label>
          <input
            id={f('partitions')}
            type="number"
            min={1}
            max={100000}
            step={1}
            inputMode="numeric"
            className={inputClass + ' mt-1 w-full text-right tabular-nums'}
            value={partitions}
            onChange={(e) => setPartitions(e.target.value)}
            aria-invalid={partitionsProblem !== null}
            aria-describedby={f('partitions-hint')}
          />
          <div id={f('partitions-hint')}>{partitionsProblem ? <FieldHint problem>{partitionsProblem}</FieldHint> : <FieldHint>Can be raised later, never lowered.</FieldHint>}</div>
        </div>
        <div>
          <label htmlFor={f('rf')} className={labelClass}>
            Replication factor
          </label>
          <input
            id={f('rf')}
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            className={inputClass + ' mt-1 w-full text-right tabular-nums'}
            value={replication}
            onChange={(e) => setReplication(e.target.value)}
            aria-invalid={replicationProblem !== null}
            aria-describedby={f('rf-hint')}
          />
          <div id={f('rf-hint')}>
            {replicationProblem ? (
              <FieldHint problem testId="replication-problem">
                {replicationProblem}
              </FieldHint>
            ) : (
              <FieldHint>{brokers !== null ? `Copies of each partition; the cluster has ${brokers} broker(s).` : 'Copies of each partition.'}</FieldHint>
            )}
          </div>
        </div>
        <div>
          <label htmlFor={f('retention')} className={labelClass}>
            retention.ms
          </label>
          <div className="mt-1 flex items-center gap-2">
            <input
              id={f('retention')}
              type="number"
              min={-1}
              step={1}
              inputMode="numeric"
              placeholder="broker default"
              className={inputClass + ' w-full text-right tabular-nums'}
              value={retention}
              onChange={(e) => setRetention(e.target.value)}
              aria-invalid={retentionProblem !== null}
              aria-describedby={f('retention-hint')}
            />
            <span data-testid="retention-human" className="min-w-24 text-sm whitespace-nowrap text-zinc-600 dark:text-zinc-400" aria-live="polite">
              {retentionMs !== null && !retentionProblem ? formatDuration(retentionMs) : ''}
            </span>
          </div>
          <div id={f('retention-hint')}>
            {retentionProblem ? <FieldHint problem>{retentionProblem}</FieldHint> : <FieldHint>Optional. How long records are kept; −1 keeps them forever.</FieldHint>}
          </div>
        </div>
        <div>
          <label htmlFor={f('cleanup')} className={labelClass}>
            cleanup.policy
          </label>
          <select
            id={f('cleanup')}
            className={inputClass + ' mt-1 w-full'}
            value={cleanup}
            onChange={(e) => setCleanup(e.target.value as 'delete' | 'compact')}
            aria-describedby={f('cleanup-hint')}
          >
            <option value="delete">delete</option>
            <option value="compact">compact</option>
          </select>
          <FieldHint id={f('cleanup-hint')}>
            delete removes old segments; compact keeps the latest record per key (a broker may refuse it, and says why).
          </FieldHint>
        </div>
      </div>

      <fieldset>
        <legend className={labelClass}>Other configs</legend>
        {rows.length === 0 && <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">None: everything else uses the broker&apos;s defaults.</p>}
        <ul className="mt-1 space-y-2">
          {rows.map((r, i) => (
            <li key={r.id}>
              <div className="flex items-center gap-2">
                <input
                  aria-label={`Config ${i + 1} name`}
                  placeholder="name, e.g. max.message.bytes"
                  className={inputClass + ' w-full font-mono'}
                  value={r.key}
                  onChange={(e) => setRows((rs) => rs.map((x) => (x.id === r.id ? { ...x, key: e.target.value } : x)))}
                  aria-invalid={rowProblems.has(r.id)}
                  autoComplete="off"
                  spellCheck={false}
                />
                <input
                  aria-label={`Config ${i + 1} value`}
                  placeholder="value"
                  className={inputClass + ' w-full font-mono'}
                  value={r.value}
                  onChange={(e) => setRows((rs) => rs.map((x) => (x.id === r.id ? { ...x, value: e.target.value } : x)))}
                  autoComplete="off"
                  spellCheck={false}
                />
                <Button size="sm" variant="ghost" aria-label={`Remove config ${i + 1}`} onClick={() => setRows((rs) => rs.filter((x) => x.id !== r.id))}>
                  Remove
                </Button>
              </div>
              {rowProblems.has(r.id) && <FieldHint problem>{rowProblems.get(r.id)}</FieldHint>}
            </li>
          ))}
        </ul>
        <Button size="sm" className="mt-2" onClick={() => setRows((rs) => [...rs, { id: nextRow.current++, key: '', value: '' }])}>
          Add config
        </Button>
      </fieldset>

      {create.isError && <ErrorText>{create.error.message}</ErrorText>}

      <div className="flex items-center justify-end gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={invalid || create.isPending} aria-busy={create.isPending}>
          Create topic
        </Button>
      </div>
    </form>
  );
}
