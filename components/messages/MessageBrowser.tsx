'use client';
// The topic page's "Messages" card: read a window of records (newest, oldest, from an
// offset or a time), filter on the server, page per partition, live-tail, export.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { MESSAGE_LIMIT_MAX, type Message } from '@/lib/contract/messages';
import { formatCount } from '@/lib/format';
import { messagesToCsv, messagesToJson, SHOW_AS_CHOICES, type ShowAs } from '@/lib/messages/render';
import { TAIL_CAP_DEFAULT, useMessages, useTail, type MessagesParams } from '@/lib/queries/messages';
import { Button } from '../ui/Button';
import { ChoiceOptions, partitionChoices, SelectField } from '../ui/SelectField';
import { NumberField } from '../ui/NumberField';
import { ErrorText, FieldHint } from '../ui/Messages';
import { inputClass, labelClass, parseWhole } from '../ui/fields';
import { downloadText, safeFileStem } from './download';
import { MessageRow } from './MessageRow';

type From = NonNullable<MessagesParams['from']>;

const keyOf = (m: Message) => `${m.partition}-${m.offset}`;

/** "2024-01-02T03:04" (datetime-local, read as UTC) → epoch ms, or null. */
function utcMs(local: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(local)) return null;
  const ms = Date.parse(local + 'Z');
  return Number.isNaN(ms) ? null : ms;
}

export function MessageBrowser({ topic, partitions }: { topic: string; partitions: number[] }) {
  const id = useId();
  const [partition, setPartition] = useState('');
  const [from, setFrom] = useState<From>('newest');
  const [offsetText, setOffsetText] = useState('0');
  const [dateText, setDateText] = useState('');
  const [limitText, setLimitText] = useState('50');
  const [filter, setFilter] = useState('');
  const [showAs, setShowAs] = useState<ShowAs>('auto');
  const [live, setLive] = useState(false);
  const [paused, setPaused] = useState(false);
  const [applied, setApplied] = useState<MessagesParams>({ from: 'newest', limit: 50 });

  const limit = parseWhole(limitText);
  const offset = parseWhole(offsetText);
  const dateMs = utcMs(dateText);
  const problem =
    limit === null || limit < 1 || limit > MESSAGE_LIMIT_MAX
      ? `Limit must be a whole number from 1 to ${MESSAGE_LIMIT_MAX}.`
      : from === 'offset' && (offset === null || offset < 0)
        ? 'Offset must be a whole number, 0 or more.'
        : from === 'timestamp' && dateMs === null
          ? 'Pick a date and time.'
          : null;

  const partitionNum = partition === '' ? undefined : Number(partition);
  const result = useMessages(topic, applied);
  const tail = useTail(live ? topic : null, partitionNum, { paused, cap: TAIL_CAP_DEFAULT });

  // Placeholder data is the previous answer; only show it as such while a new one loads.
  const browsed = result.data?.messages ?? [];
  const shown = useMemo(() => {
    if (!live) return browsed.map((m) => ({ m, live: false }));
    const seen = new Set<string>();
    const out: { m: Message; live: boolean }[] = [];
    for (const m of tail.messages) if (!seen.has(keyOf(m))) (seen.add(keyOf(m)), out.push({ m, live: true }));
    for (const m of browsed) if (!seen.has(keyOf(m))) (seen.add(keyOf(m)), out.push({ m, live: false }));
    return out;
  }, [live, tail.messages, browsed]);

  function apply(q: MessagesParams) {
    if (JSON.stringify(q) === JSON.stringify(applied)) void result.refetch();
    else setApplied(q);
  }

  function load(e?: FormEvent) {
    e?.preventDefault();
    if (problem || limit === null) return;
    const q: MessagesParams = { from, limit };
    if (partitionNum !== undefined) q.partition = partitionNum;
    if (from === 'offset' && offset !== null) q.offset = offset;
    if (from === 'timestamp' && dateMs !== null) q.timestamp = String(dateMs);
    if (filter.trim() !== '') q.q = filter.trim();
    apply(q);
  }

  // Paging within one partition, from the answer's `next` (falling back to what is shown).
  const appliedPartition = applied.partition;
  const pageLimit = applied.limit ?? 50;
  let olderEnd: number | null = null; // last offset (inclusive) of the older page
  let newerStart: number | null = null;
  if (appliedPartition !== undefined && result.data && appliedPartition === partitionNum) {
    const own = result.data.messages.filter((m) => m.partition === appliedPartition).map((m) => m.offset);
    const next = result.data.next?.[String(appliedPartition)];
    const backward = (applied.from ?? 'newest') === 'newest';
    const lowest = own.length ? Math.min(...own) : null;
    const highest = own.length ? Math.max(...own) : null;
    if (backward && next !== undefined) olderEnd = next - 1; // next is exclusive for newest-first reads
    else if (lowest !== null) olderEnd = lowest - 1;
    if (!backward && next !== undefined) newerStart = next;
    else if (highest !== null) newerStart = highest + 1;
    if (olderEnd !== null && olderEnd < 0) olderEnd = null;
  }

  function older() {
    if (olderEnd === null || appliedPartition === undefined) return;
    const start = Math.max(0, olderEnd - pageLimit + 1);
    apply({ ...withoutStart(applied), partition: appliedPartition, from: 'offset', offset: start, limit: olderEnd - start + 1 });
  }
  function newer() {
    if (newerStart === null || appliedPartition === undefined) return;
    apply({ ...withoutStart(applied), partition: appliedPartition, from: 'offset', offset: newerStart, limit: limit ?? pageLimit });
  }

  function exportAs(kind: 'json' | 'csv') {
    const list = shown.map((s) => s.m);
    const stem = `${safeFileStem(topic)}-messages`;
    if (kind === 'json') downloadText(`${stem}.json`, 'application/json', messagesToJson(list));
    else downloadText(`${stem}.csv`, 'text/csv', messagesToCsv(list));
  }

  return (
    <div className="space-y-3">
      <form onSubmit={load} noValidate className="flex flex-wrap items-end gap-3">
        <SelectField id={`${id}-partition`} label="Partition" value={partition} onChange={setPartition} choices={[{ value: '', label: 'All partitions' }, ...partitionChoices(partitions)]} />
        <SelectField
          id={`${id}-from`}
          label="Start from"
          value={from}
          onChange={(v) => setFrom(v as From)}
          choices={[
            { value: 'newest', label: 'Newest' },
            { value: 'oldest', label: 'Oldest' },
            { value: 'offset', label: 'Offset' },
            { value: 'timestamp', label: 'Date/time' },
          ]}
        />
        {from === 'offset' && (
          <NumberField id={`${id}-offset`} label="Offset" min={0} className="w-32" value={offsetText} onChange={setOffsetText} invalid={offset === null || offset < 0} />
        )}
        {from === 'timestamp' && (
          <div>
            <label htmlFor={`${id}-date`} className={labelClass}>
              Date/time
            </label>
            <input
              id={`${id}-date`}
              type="datetime-local"
              step={1}
              className={inputClass}
              value={dateText}
              onChange={(e) => setDateText(e.target.value)}
              aria-invalid={dateMs === null}
              aria-describedby={`${id}-date-hint`}
            />
            <FieldHint id={`${id}-date-hint`}>Read as UTC, not your local time.</FieldHint>
          </div>
        )}
        <NumberField
          id={`${id}-limit`}
          label="Limit"
          min={1}
          max={MESSAGE_LIMIT_MAX}
          className="w-24"
          value={limitText}
          onChange={setLimitText}
          invalid={limit === null || limit < 1 || limit > MESSAGE_LIMIT_MAX}
        />
        <div className="min-w-48 flex-1">
          <label htmlFor={`${id}-filter`} className={labelClass}>
            Filter
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            className={inputClass + ' w-full'}
            placeholder="text in key, value or headers"
            value={filter}
            maxLength={200}
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
        <Button type="submit" variant="primary" disabled={problem !== null}>
          Load
        </Button>
        {partitionNum !== undefined && (
          <>
            <Button onClick={older} disabled={olderEnd === null || result.isFetching}>
              Older
            </Button>
            <Button onClick={newer} disabled={newerStart === null || result.isFetching}>
              Newer
            </Button>
          </>
        )}
      </form>
      {problem && <FieldHint problem>{problem}</FieldHint>}

      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-1.5">
          <input
            type="checkbox"
            checked={live}
            onChange={(e) => {
              setLive(e.target.checked);
              setPaused(false);
              if (!e.target.checked) tail.clear();
            }}
          />
          Live tail
        </label>
        {live && (
          <>
            <Button size="sm" onClick={() => setPaused((p) => !p)}>
              {paused ? 'Resume' : 'Pause'}
            </Button>
            <span className="text-xs text-zinc-500 dark:text-zinc-400" role="status">
              {paused ? 'Paused' : tail.status === 'open' ? 'Listening' : tail.status === 'error' ? 'Connection lost, retrying…' : 'Connecting…'} ·{' '}
              {formatCount(tail.messages.length)} new, newest first; keeps the newest {formatCount(TAIL_CAP_DEFAULT)}
              {tail.dropped > 0 && ` (${formatCount(tail.dropped)} older live records dropped)`}
            </span>
          </>
        )}
        <label className="ml-auto flex items-center gap-1.5">
          <span className={labelClass}>Show as</span>
          <select className={inputClass} value={showAs} onChange={(e) => setShowAs(e.target.value as ShowAs)}>
            <ChoiceOptions choices={SHOW_AS_CHOICES} />
          </select>
        </label>
        <Button size="sm" onClick={() => exportAs('json')} disabled={shown.length === 0}>
          Export JSON
        </Button>
        <Button size="sm" onClick={() => exportAs('csv')} disabled={shown.length === 0}>
          Export CSV
        </Button>
      </div>

      <p className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400" aria-live="polite">
        {result.isFetching
          ? 'Loading…'
          : result.data
            ? `${formatCount(result.data.messages.length)} record${result.data.messages.length === 1 ? '' : 's'} loaded · scanned ${formatCount(result.data.scanned)} records`
            : null}
      </p>
      {result.isError && <ErrorText>The messages could not be loaded: {result.error.message}</ErrorText>}

      {shown.length === 0 ? (
        !result.isFetching && result.data && <p className="text-sm text-zinc-500 dark:text-zinc-400">No records{applied.q ? ' match the filter' : ''}.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {shown.map(({ m, live: isLive }) => (
            <MessageRow key={keyOf(m)} m={m} showAs={showAs} live={isLive} />
          ))}
        </ul>
      )}
    </div>
  );
}

function withoutStart(q: MessagesParams): MessagesParams {
  const { offset: _o, timestamp: _t, ...rest } = q;
  return rest;
}
