'use client';
// The topic page's "Produce" card: write one record, or many copies of it, to the topic.
import { useId, useState, type FormEvent } from 'react';
import { PRODUCE_COUNT_MAX, type ProduceRequest } from '@/lib/contract/messages';
import { formatCount } from '@/lib/format';
import { useProduce } from '@/lib/queries/messages';
import { Button } from '../ui/Button';
import { partitionChoices, SelectField } from '../ui/SelectField';
import { NumberField } from '../ui/NumberField';
import { ErrorText, FieldHint } from '../ui/Messages';
import { inputClass, labelClass, parseWhole } from '../ui/fields';

type Compression = NonNullable<ProduceRequest['compression']>;
const COMPRESSIONS: Compression[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return `Not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export function ProduceForm({ topic, partitions }: { topic: string; partitions: number[] }) {
  const id = useId();
  const produce = useProduce(topic);
  const [target, setTarget] = useState('murmur2'); // 'murmur2' | 'round-robin' | partition number
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [format, setFormat] = useState<'text' | 'json'>('text');
  const [headers, setHeaders] = useState<{ id: number; key: string; value: string }[]>([]);
  const [nextHeaderId, setNextHeaderId] = useState(1);
  const [compression, setCompression] = useState<Compression>('none');
  const [countText, setCountText] = useState('1');

  const count = parseWhole(countText);
  const valueProblem = format === 'json' ? jsonProblem(value) : null;
  const countProblem = count === null || count < 1 || count > PRODUCE_COUNT_MAX ? `Count must be a whole number from 1 to ${formatCount(PRODUCE_COUNT_MAX)}.` : null;
  const headerProblem = headers.some((h) => h.key === '' && h.value !== '') ? 'Every header needs a key.' : null;
  const invalid = valueProblem !== null || countProblem !== null || headerProblem !== null;

  function touched() {
    if (produce.isSuccess || produce.isError) produce.reset();
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (invalid || count === null) return;
    const body: ProduceRequest = { value, valueFormat: format, compression, count };
    if (target === 'murmur2' || target === 'round-robin') body.partitioner = target;
    else body.partition = Number(target);
    if (key !== '') body.key = key;
    const hs = headers.filter((h) => h.key !== '').map((h) => ({ key: h.key, value: h.value }));
    if (hs.length) body.headers = hs;
    produce.mutate(body);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <div className="flex flex-wrap gap-3">
        <SelectField
          id={`${id}-partition`}
          label="Partition"
          value={target}
          onChange={(v) => {
            setTarget(v);
            touched();
          }}
          choices={[{ value: 'murmur2', label: 'By key (murmur2)' }, { value: 'round-robin', label: 'Round-robin' }, ...partitionChoices(partitions)]}
        />
        <SelectField
          id={`${id}-compression`}
          label="Compression"
          value={compression}
          onChange={(v) => {
            setCompression(v as Compression);
            touched();
          }}
          choices={COMPRESSIONS.map((c) => ({ value: c, label: c }))}
        />
        <NumberField
          id={`${id}-count`}
          label="Count"
          min={1}
          max={PRODUCE_COUNT_MAX}
          className="w-32"
          value={countText}
          onChange={(t) => {
            setCountText(t);
            touched();
          }}
          invalid={countProblem !== null}
          describedBy={`${id}-count-hint`}
        />
      </div>
      <FieldHint id={`${id}-count-hint`} problem={countProblem !== null}>
        {countProblem ??
          'Count sends that many copies. In the key, value and header values, the server replaces {{i}} with the copy number, {{uuid}} with a new UUID and {{now}} with the current time, per copy.'}
      </FieldHint>

      <div>
        <label htmlFor={`${id}-key`} className={labelClass}>
          Key
        </label>
        <input
          id={`${id}-key`}
          className={inputClass + ' w-full font-mono'}
          value={key}
          onChange={(e) => {
            setKey(e.target.value);
            touched();
          }}
          aria-describedby={`${id}-key-hint`}
        />
        <FieldHint id={`${id}-key-hint`}>Empty = no key.</FieldHint>
      </div>

      <div>
        <div className="flex flex-wrap items-end justify-between gap-2">
          <label htmlFor={`${id}-value`} className={labelClass}>
            Value
          </label>
          <div className="flex items-center gap-2">
            <label htmlFor={`${id}-format`} className={labelClass}>
              Value format
            </label>
            <select
              id={`${id}-format`}
              className={inputClass}
              value={format}
              onChange={(e) => {
                setFormat(e.target.value as 'text' | 'json');
                touched();
              }}
            >
              <option value="text">Text</option>
              <option value="json">JSON</option>
            </select>
          </div>
        </div>
        <textarea
          id={`${id}-value`}
          rows={6}
          className={inputClass + ' mt-1 w-full font-mono'}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            touched();
          }}
          aria-invalid={valueProblem !== null}
          aria-describedby={valueProblem ? `${id}-value-problem` : undefined}
        />
        {valueProblem && (
          <FieldHint id={`${id}-value-problem`} problem testId="value-problem">
            {valueProblem}
          </FieldHint>
        )}
      </div>

      <fieldset className="space-y-2">
        <legend className={labelClass}>Headers</legend>
        {headers.map((h, i) => (
          <div key={h.id} className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor={`${id}-hk-${h.id}`} className="block text-xs text-zinc-600 dark:text-zinc-400">
                Header key
              </label>
              <input
                id={`${id}-hk-${h.id}`}
                className={inputClass + ' font-mono'}
                value={h.key}
                onChange={(e) => {
                  const v = e.target.value;
                  setHeaders((hs) => hs.map((x) => (x.id === h.id ? { ...x, key: v } : x)));
                  touched();
                }}
                aria-invalid={h.key === '' && h.value !== ''}
              />
            </div>
            <div className="min-w-48 flex-1">
              <label htmlFor={`${id}-hv-${h.id}`} className="block text-xs text-zinc-600 dark:text-zinc-400">
                Header value
              </label>
              <input
                id={`${id}-hv-${h.id}`}
                className={inputClass + ' w-full font-mono'}
                value={h.value}
                onChange={(e) => {
                  const v = e.target.value;
                  setHeaders((hs) => hs.map((x) => (x.id === h.id ? { ...x, value: v } : x)));
                  touched();
                }}
              />
            </div>
            <Button
              variant="ghost"
              aria-label={`Remove header ${i + 1}`}
              onClick={() => {
                setHeaders((hs) => hs.filter((x) => x.id !== h.id));
                touched();
              }}
            >
              Remove
            </Button>
          </div>
        ))}
        {headerProblem && <FieldHint problem>{headerProblem}</FieldHint>}
        <Button
          size="sm"
          onClick={() => {
            setHeaders((hs) => [...hs, { id: nextHeaderId, key: '', value: '' }]);
            setNextHeaderId((n) => n + 1);
          }}
        >
          Add header
        </Button>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={invalid || produce.isPending}>
          Produce
        </Button>
        {produce.isPending && (
          <span role="status" className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            {produce.progress ? (
              <>
                <progress aria-label="Producing" className="h-2 w-48" value={produce.progress.done} max={produce.progress.total} />
                <span data-testid="produce-progress">
                  {formatCount(produce.progress.done)} / {formatCount(produce.progress.total)} records
                </span>
              </>
            ) : (
              <>
                <progress aria-label="Producing" className="h-2 w-32" />
                Producing {count !== null && count > 1 ? `${formatCount(count)} records` : 'the record'}…
              </>
            )}
          </span>
        )}
      </div>

      {produce.isSuccess && (
        <div
          data-testid="produce-result"
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        >
          <p>
            Produced {formatCount(produce.data.count)} record{produce.data.count === 1 ? '' : 's'}.
          </p>
          <ul className="tabular-nums">
            {produce.data.results.map((r) => (
              <li key={r.partition}>
                partition {r.partition}: {r.firstOffset === r.lastOffset ? `offset ${r.firstOffset}` : `offsets ${r.firstOffset}–${r.lastOffset}`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {produce.isError && <ErrorText>{produce.error.message}</ErrorText>}
    </form>
  );
}
