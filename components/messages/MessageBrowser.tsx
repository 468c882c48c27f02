'use client';
// The Messages tab's records: where to read from, how many, and a filter expression (CEL,
// run on the server while it scans), shown as a dense table; plus paging within a
// partition, live tail and export. The view lives in the URL (lib/messages/view-state.ts):
// Load pushes it as a new history entry, so reload, a shared link and back/forward all
// show the same records. Without a filter and up to 500 records it is a browse
// (GET …/messages); with a filter, or more records, a search (POST …/search, streamed).
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { MESSAGE_LIMIT_MAX, type Message } from '@/lib/contract/messages';
import { SEARCH_CAPS, type SearchRequestInput } from '@/lib/contract/search';
import { formatCount } from '@/lib/format';
import { messagesToCsv, messagesToJson, SHOW_AS_CHOICES, type ShowAs } from '@/lib/messages/render';
import { sortMessages } from '@/lib/messages/table-order';
import { DEFAULT_VIEW, parseView, viewToQuery, type From, type MessagesView, type SortKey } from '@/lib/messages/view-state';
import { TAIL_CAP_DEFAULT, useMessages, useTail, type MessagesParams } from '@/lib/queries/messages';
import { useSearch } from '@/lib/queries/search';
import { Button } from '../ui/Button';
import { ChoiceOptions, partitionChoices, SelectField } from '../ui/SelectField';
import { NumberField } from '../ui/NumberField';
import { ErrorText, FieldHint } from '../ui/Messages';
import { inputClass, labelClass, parseWhole } from '../ui/fields';
import { downloadText, safeFileStem } from './download';
import { ColumnPicker, useColumns } from './table/ColumnPicker';
import { MessageTable, type TableRow } from './table/MessageTable';

const keyOf = (m: Message) => `${m.partition}-${m.offset}`;

/** "2024-01-02T03:04" (datetime-local, read as UTC) → epoch ms, or null. */
function utcMs(local: string | null): number | null {
  if (!local || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(local)) return null;
  const ms = Date.parse(local + 'Z');
  return Number.isNaN(ms) ? null : ms;
}

/** A view is searched on the server (filter, or more than a browse serves), else browsed. */
const isSearch = (v: MessagesView) => v.filter.trim() !== '' || v.limit > MESSAGE_LIMIT_MAX;

function browseParams(v: MessagesView): MessagesParams {
  const q: MessagesParams = { from: v.from, limit: v.limit };
  if (v.partition !== null) q.partition = v.partition;
  if (v.from === 'offset') q.offset = v.offset ?? 0;
  if (v.from === 'timestamp') q.timestamp = String(utcMs(v.time) ?? 0);
  return q;
}

function searchRequest(v: MessagesView): SearchRequestInput {
  const start: SearchRequestInput['start'] = v.from === 'offset' ? { offset: v.offset ?? 0 } : v.from === 'timestamp' ? { timestamp: utcMs(v.time) ?? 0 } : v.from;
  return {
    expression: v.filter,
    start,
    maxMatches: Math.min(v.limit, SEARCH_CAPS.maxMatches),
    ...(v.partition !== null ? { partitions: [v.partition] } : {}),
    ...(v.maxScanned !== null ? { maxScanned: v.maxScanned } : {}),
  };
}

const END_SAYS: Record<string, string> = {
  end: 'Scanned to the end',
  maxMatches: 'Stopped at the limit of matches',
  maxScanned: 'Stopped at the scan limit',
  maxMillis: 'Stopped at the time limit',
  cancelled: 'Cancelled',
};

export function MessageBrowser({ topic, partitions }: { topic: string; partitions: number[] }) {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname() ?? '';
  const query = searchParams?.toString() ?? '';
  const view = useMemo(() => parseView(new URLSearchParams(query)), [query]);
  const [rerun, setRerun] = useState(0);
  const [showAs, setShowAs] = useState<ShowAs>('auto');
  const [live, setLive] = useState(false);
  const [paused, setPaused] = useState(false);
  const [columns, setColumns] = useColumns();

  const searching = isSearch(view);
  const browse = useMessages(topic, searching ? null : browseParams(view));
  const search = useSearch(topic, searching ? searchRequest(view) : null, rerun);
  const tail = useTail(live ? topic : null, view.partition ?? undefined, { paused, cap: TAIL_CAP_DEFAULT });

  function show(v: MessagesView, how: 'push' | 'replace' = 'push') {
    const q = viewToQuery(v).toString();
    if (q === query) {
      // the same view again: read it again
      if (isSearch(v)) setRerun((n) => n + 1);
      else void browse.refetch();
      return;
    }
    const url = q ? `${pathname}?${q}` : pathname;
    if (how === 'push') router.push(url, { scroll: false });
    else router.replace(url, { scroll: false });
  }

  const loaded = searching ? search.messages : (browse.data?.messages ?? []);
  const rows = useMemo(() => {
    const out: TableRow[] = [];
    const seen = new Set<string>();
    if (live) for (const m of tail.messages) if (!seen.has(keyOf(m))) (seen.add(keyOf(m)), out.push({ m, live: true }));
    for (const m of loaded) if (!seen.has(keyOf(m))) (seen.add(keyOf(m)), out.push({ m, live: false }));
    return sortMessages(out, view.sort, view.order);
  }, [live, tail.messages, loaded, view.sort, view.order]);

  function onSort(key: SortKey) {
    show({ ...view, sort: key, order: view.sort === key && view.order === 'desc' ? 'asc' : 'desc' }, 'replace');
  }

  // Paging within one partition (browse only), from the answer's `next` or what is shown.
  let olderEnd: number | null = null; // last offset (inclusive) of the older page
  let newerStart: number | null = null;
  if (!searching && view.partition !== null && browse.data) {
    const own = browse.data.messages.filter((m) => m.partition === view.partition).map((m) => m.offset);
    const next = browse.data.next?.[String(view.partition)];
    const backward = view.from === 'newest';
    const lowest = own.length ? Math.min(...own) : null;
    const highest = own.length ? Math.max(...own) : null;
    if (backward && next !== undefined) olderEnd = next - 1; // next is exclusive for newest-first reads
    else if (lowest !== null) olderEnd = lowest - 1;
    if (!backward && next !== undefined) newerStart = next;
    else if (highest !== null) newerStart = highest + 1;
    if (olderEnd !== null && olderEnd < 0) olderEnd = null;
  }

  function exportAs(kind: 'json' | 'csv') {
    const list = rows.map((r) => r.m);
    const stem = `${safeFileStem(topic)}-messages`;
    if (kind === 'json') downloadText(`${stem}.json`, 'application/json', messagesToJson(list));
    else downloadText(`${stem}.csv`, 'text/csv', messagesToCsv(list));
  }

  return (
    <div className="space-y-3">
      {/* keyed by the URL: back/forward puts the form back as that view had it */}
      <ViewForm key={query} view={view} partitions={partitions} onShow={(v) => show(v)}>
        {!searching && view.partition !== null && (
          <>
            <Button
              onClick={() => {
                if (olderEnd === null) return;
                const start = Math.max(0, olderEnd - view.limit + 1);
                show({ ...view, from: 'offset', offset: start, limit: olderEnd - start + 1 });
              }}
              disabled={olderEnd === null || browse.isFetching}
            >
              Older
            </Button>
            <Button onClick={() => newerStart !== null && show({ ...view, from: 'offset', offset: newerStart })} disabled={newerStart === null || browse.isFetching}>
              Newer
            </Button>
          </>
        )}
      </ViewForm>

      {searching && search.error?.position && <ExpressionProblem expression={view.filter} at={search.error.position.offset} />}

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
            <span className="text-xs text-zinc-600 dark:text-zinc-400" role="status">
              {paused ? 'Paused' : tail.status === 'open' ? 'Listening' : tail.status === 'error' ? 'Connection lost, retrying…' : 'Connecting…'} ·{' '}
              {formatCount(tail.messages.length)} new; keeps the newest {formatCount(TAIL_CAP_DEFAULT)}
              {tail.dropped > 0 && ` (${formatCount(tail.dropped)} older live records dropped)`}
            </span>
          </>
        )}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <ColumnPicker columns={columns} onChange={setColumns} />
          <label className="flex items-center gap-1.5">
            <span className={labelClass}>Show as</span>
            <select className={inputClass} value={showAs} onChange={(e) => setShowAs(e.target.value as ShowAs)}>
              <ChoiceOptions choices={SHOW_AS_CHOICES} />
            </select>
          </label>
          <Button size="sm" onClick={() => exportAs('json')} disabled={rows.length === 0}>
            Export JSON
          </Button>
          <Button size="sm" onClick={() => exportAs('csv')} disabled={rows.length === 0}>
            Export CSV
          </Button>
        </div>
      </div>

      <p className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400" aria-live="polite" data-testid="messages-status">
        {searching ? searchStatus(search) : browse.isFetching ? 'Loading…' : browse.data ? `${formatCount(browse.data.messages.length)} record${browse.data.messages.length === 1 ? '' : 's'} loaded · scanned ${formatCount(browse.data.scanned)} records` : null}
      </p>
      {!searching && browse.isError && <ErrorText>The messages could not be loaded: {browse.error.message}</ErrorText>}
      {searching && search.error && <ErrorText>{search.error.message}</ErrorText>}
      {searching && search.end?.problems ? (
        <FieldHint>
          {formatCount(search.end.problems)} record{search.end.problems === 1 ? '' : 's'} could not be tested and did not match (first: {search.end.firstProblem}).
        </FieldHint>
      ) : null}

      {rows.length === 0 ? (
        (searching ? search.status === 'done' : !browse.isFetching && browse.data) && <p className="text-sm text-zinc-600 dark:text-zinc-400">No records{view.filter ? ' match the filter' : ''}.</p>
      ) : (
        <MessageTable rows={rows} columns={columns} showAs={showAs} sort={view.sort} order={view.order} onSort={onSort} />
      )}
    </div>
  );
}

function searchStatus(s: ReturnType<typeof useSearch>): string | null {
  const p = s.progress;
  const counts = p ? `scanned ${formatCount(p.scanned)} of ${formatCount(p.total)} records · ${formatCount(p.matches)} match${p.matches === 1 ? '' : 'es'}` : '';
  if (s.status === 'running') return p ? `Searching… ${counts}` : 'Searching…';
  if (s.status === 'done' && s.end) return `${END_SAYS[s.end.reason]}: ${counts} in ${formatCount(s.end.elapsedMs)} ms`;
  if (s.status === 'failed' && p) return `Stopped: ${counts}`;
  return null;
}

/** The expression with a mark under where the server found it wrong. */
function ExpressionProblem({ expression, at }: { expression: string; at: number }) {
  const lineStart = expression.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = expression.indexOf('\n', at);
  const line = expression.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  return (
    <pre aria-hidden="true" data-testid="filter-error-mark" className="overflow-x-auto rounded bg-red-50 p-2 font-mono text-xs text-red-900 dark:bg-red-950/40 dark:text-red-200">
      {line}
      {'\n'}
      {' '.repeat(at - lineStart)}^
    </pre>
  );
}

/** The inputs of a view; Load shows what they say (as a new URL). */
function ViewForm({ view, partitions, onShow, children }: { view: MessagesView; partitions: number[]; onShow: (v: MessagesView) => void; children?: ReactNode }) {
  const id = useId();
  const [partition, setPartition] = useState(view.partition === null ? '' : String(view.partition));
  const [from, setFrom] = useState<From>(view.from);
  const [offsetText, setOffsetText] = useState(String(view.offset ?? 0));
  const [dateText, setDateText] = useState(view.time ?? '');
  const [limitText, setLimitText] = useState(String(view.limit));
  const [filter, setFilter] = useState(view.filter);
  const [maxScannedText, setMaxScannedText] = useState(view.maxScanned === null ? '' : String(view.maxScanned));

  const limit = parseWhole(limitText);
  const offset = parseWhole(offsetText);
  const maxScanned = maxScannedText.trim() === '' ? null : parseWhole(maxScannedText);
  const problem =
    limit === null || limit < 1 || limit > SEARCH_CAPS.maxMatches
      ? `Limit must be a whole number from 1 to ${formatCount(SEARCH_CAPS.maxMatches)}.`
      : from === 'offset' && (offset === null || offset < 0)
        ? 'Offset must be a whole number, 0 or more.'
        : from === 'timestamp' && utcMs(dateText) === null
          ? 'Pick a date and time.'
          : maxScannedText.trim() !== '' && (maxScanned === null || maxScanned < 1 || maxScanned > SEARCH_CAPS.maxScanned)
            ? `Scan at most must be a whole number from 1 to ${formatCount(SEARCH_CAPS.maxScanned)}.`
            : filter.length > SEARCH_CAPS.expressionChars
              ? `A filter can be at most ${formatCount(SEARCH_CAPS.expressionChars)} characters.`
              : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (problem || limit === null) return;
    onShow({
      ...DEFAULT_VIEW,
      sort: view.sort,
      order: view.order,
      partition: partition === '' ? null : Number(partition),
      from,
      offset: from === 'offset' ? offset : null,
      time: from === 'timestamp' ? dateText : null,
      limit,
      filter: filter.trim(),
      maxScanned,
    });
  }

  return (
    <>
      <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Which records">
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
        {from === 'offset' && <NumberField id={`${id}-offset`} label="Offset" min={0} className="w-32" value={offsetText} onChange={setOffsetText} invalid={offset === null || offset < 0} />}
        {from === 'timestamp' && (
          <div>
            <label htmlFor={`${id}-date`} className={labelClass}>
              Date/time
            </label>
            <input id={`${id}-date`} type="datetime-local" step={1} className={inputClass} value={dateText} onChange={(e) => setDateText(e.target.value)} aria-invalid={utcMs(dateText) === null} aria-describedby={`${id}-date-hint`} />
            <FieldHint id={`${id}-date-hint`}>Read as UTC, not your local time.</FieldHint>
          </div>
        )}
        <NumberField id={`${id}-limit`} label="Limit" min={1} max={SEARCH_CAPS.maxMatches} className="w-24" value={limitText} onChange={setLimitText} invalid={limit === null || limit < 1 || limit > SEARCH_CAPS.maxMatches} />
        <div className="min-w-72 flex-1">
          <label htmlFor={`${id}-filter`} className={labelClass}>
            Filter (CEL)
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            spellCheck={false}
            className={inputClass + ' w-full font-mono'}
            placeholder='value.amount > 1000 && key == "customer-7"'
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            aria-describedby={`${id}-filter-hint`}
          />
          <FieldHint id={`${id}-filter-hint`}>Run on the server over key, value (JSON fields), headers, partition, offset, timestamp and size.</FieldHint>
        </div>
        {filter.trim() !== '' && (
          <NumberField id={`${id}-max-scanned`} label="Scan at most" min={1} max={SEARCH_CAPS.maxScanned} className="w-32" value={maxScannedText} onChange={setMaxScannedText} invalid={maxScanned !== null && (maxScanned < 1 || maxScanned > SEARCH_CAPS.maxScanned)} placeholder="100000" />
        )}
        <Button type="submit" variant="primary" disabled={problem !== null}>
          Load
        </Button>
        {children}
      </form>
      {problem && <FieldHint problem>{problem}</FieldHint>}
    </>
  );
}
