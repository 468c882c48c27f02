'use client';
// One record. Everything from the record is rendered as React text (never as HTML or
// as an attribute that could run): contents are untrusted.
import { useState } from 'react';
import type { Message } from '@/lib/contract/messages';
import { formatBytes } from '@/lib/format';
import { displayValue, SHOW_AS_CHOICES, type ShowAs } from '@/lib/messages/render';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { ChoiceOptions } from '../ui/SelectField';
import { cx } from '../ui/cx';

export const CUT_AT = 2000;

const preClass = 'max-h-96 overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100';

function Shown({ text, encoding, showAs, testId }: { text: string | null; encoding: 'utf8' | 'base64' | null; showAs: ShowAs; testId: string }) {
  const [all, setAll] = useState(false);
  const d = displayValue(text, encoding, showAs);
  if (d.kind === 'null') {
    return (
      <pre data-testid={testId} className={cx(preClass, 'text-zinc-400 italic dark:text-zinc-500')}>
        null
      </pre>
    );
  }
  const long = d.text.length > CUT_AT;
  return (
    <div>
      <pre data-testid={testId} className={preClass}>
        {long && !all ? d.text.slice(0, CUT_AT) + '…' : d.text}
      </pre>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
        {d.kind === 'binary' && showAs === 'auto' && <span>binary, shown as hex</span>}
        {d.kind === 'json' && <span>JSON</span>}
        {long && (
          <Button size="sm" variant="ghost" onClick={() => setAll((v) => !v)} aria-expanded={all}>
            {all ? 'Show less' : `Show all (${d.text.length.toLocaleString('en-US')} characters)`}
          </Button>
        )}
      </div>
    </div>
  );
}

function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

export function MessageRow({ m, showAs, live = false }: { m: Message; showAs: ShowAs; live?: boolean }) {
  const [rowShowAs, setRowShowAs] = useState<ShowAs | null>(null);
  const mode = rowShowAs ?? showAs;
  return (
    <li data-testid={`message-${m.partition}-${m.offset}`} className="space-y-2 py-3">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
        <span>
          partition <span className="font-semibold text-zinc-900 dark:text-zinc-100">{m.partition}</span>
        </span>
        <span>
          offset <span className="font-semibold text-zinc-900 dark:text-zinc-100">{m.offset}</span>
        </span>
        <span>
          <time dateTime={isoTime(m.timestamp)}>{isoTime(m.timestamp)}</time> ({m.timestampType})
        </span>
        <span>{formatBytes(m.size)}</span>
        {live && <Badge tone="info">live</Badge>}
        {m.truncated !== undefined && m.truncated > 0 && <Badge tone="warn">value cut by the server: {formatBytes(m.truncated)} left out</Badge>}
        <label className="ml-auto flex items-center gap-1">
          <span>This record as</span>
          <select
            className="rounded border border-zinc-300 bg-white px-1 py-0.5 text-xs dark:border-zinc-700 dark:bg-zinc-950"
            value={rowShowAs ?? ''}
            onChange={(e) => setRowShowAs(e.target.value === '' ? null : (e.target.value as ShowAs))}
          >
            <option value="">(as all)</option>
            <ChoiceOptions choices={SHOW_AS_CHOICES} />
          </select>
        </label>
      </div>
      <div className="grid gap-2 md:grid-cols-[minmax(0,1fr)_minmax(0,3fr)]">
        <div>
          <div className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Key</div>
          <Shown text={m.key} encoding={m.keyEncoding} showAs={mode} testId="message-key" />
        </div>
        <div>
          <div className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Value</div>
          <Shown text={m.value} encoding={m.valueEncoding} showAs={mode} testId="message-value" />
        </div>
      </div>
      <div>
        <div className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Headers</div>
        {m.headers.length === 0 ? (
          <p data-testid="message-headers" className="text-xs text-zinc-400 dark:text-zinc-500">
            none
          </p>
        ) : (
          <ul data-testid="message-headers" className="space-y-0.5 font-mono text-xs break-all">
            {m.headers.map((h, i) => (
              <li key={i}>
                <span className="font-semibold">{h.key}</span>: {displayValue(h.value, h.valueEncoding, mode === 'json' ? 'text' : mode).text}
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
