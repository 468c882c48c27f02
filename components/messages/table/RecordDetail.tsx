'use client';
// One record opened in the table: its coordinates, key, value and headers in the view the
// person picks (pretty JSON, text, hex, base64), and buttons to copy the key, the value or
// the whole record as JSON.
import { useState } from 'react';
import type { Message } from '@/lib/contract/messages';
import { formatBytes } from '@/lib/format';
import { displayValue, SHOW_AS_CHOICES, type ShowAs } from '@/lib/messages/render';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ChoiceOptions } from '../../ui/SelectField';
import { Shown } from '../Shown';

function CopyButton({ label, text }: { label: string; text: string }) {
  const [done, setDone] = useState<'copied' | 'failed' | null>(null);
  return (
    <Button
      size="sm"
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setDone('copied'),
          () => setDone('failed'),
        );
        setTimeout(() => setDone(null), 1500);
      }}
    >
      {done === 'copied' ? 'Copied' : done === 'failed' ? 'Copy refused' : label}
    </Button>
  );
}

export function RecordDetail({ m, showAs }: { m: Message; showAs: ShowAs }) {
  const [own, setOwn] = useState<ShowAs | null>(null);
  const mode = own ?? showAs;
  return (
    <div className="space-y-2" data-testid="record-detail">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-zinc-600 tabular-nums dark:text-zinc-400">
        <span>
          partition <span className="font-semibold text-zinc-900 dark:text-zinc-100">{m.partition}</span> · offset{' '}
          <span className="font-semibold text-zinc-900 dark:text-zinc-100">{m.offset}</span>
        </span>
        <span>
          {new Date(m.timestamp).toISOString()} ({m.timestampType})
        </span>
        <span>{formatBytes(m.size)}</span>
        {m.truncated !== undefined && m.truncated > 0 && <Badge tone="warn">value cut by the server: {formatBytes(m.truncated)} left out</Badge>}
        <label className="ml-auto flex items-center gap-1">
          <span>Show as</span>
          <select className="rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-950" value={own ?? ''} onChange={(e) => setOwn(e.target.value === '' ? null : (e.target.value as ShowAs))}>
            <option value="">(as all)</option>
            <ChoiceOptions choices={SHOW_AS_CHOICES} />
          </select>
        </label>
      </div>
      <div className="grid gap-2 md:grid-cols-[minmax(0,1fr)_minmax(0,3fr)]">
        <div>
          <div className="font-medium text-zinc-600 dark:text-zinc-400">Key</div>
          <Shown text={m.key} encoding={m.keyEncoding} showAs={mode} testId="message-key" />
        </div>
        <div>
          <div className="font-medium text-zinc-600 dark:text-zinc-400">Value</div>
          <Shown text={m.value} encoding={m.valueEncoding} showAs={mode} testId="message-value" />
        </div>
      </div>
      <div>
        <div className="font-medium text-zinc-600 dark:text-zinc-400">Headers</div>
        {m.headers.length === 0 ? (
          <p data-testid="message-headers" className="text-zinc-500 dark:text-zinc-400">
            none
          </p>
        ) : (
          <ul data-testid="message-headers" className="space-y-0.5 font-mono break-all">
            {m.headers.map((h, i) => (
              <li key={i}>
                <span className="font-semibold">{h.key}</span>: {displayValue(h.value, h.valueEncoding, mode === 'json' ? 'text' : mode).text}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <CopyButton label="Copy key" text={m.key === null ? '' : displayValue(m.key, m.keyEncoding, 'text').text} />
        <CopyButton label="Copy value" text={m.value === null ? '' : displayValue(m.value, m.valueEncoding, 'text').text} />
        <CopyButton label="Copy record as JSON" text={JSON.stringify(m, null, 2)} />
      </div>
    </div>
  );
}
