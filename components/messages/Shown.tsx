'use client';
// A record's key, value or header shown the way the person picked (pretty JSON, text, hex,
// base64), cut at CUT_AT characters until asked for all. Always React text: record
// contents are untrusted and never become HTML or attributes.
import { useState } from 'react';
import { displayValue, type ShowAs } from '@/lib/messages/render';
import { Button } from '../ui/Button';
import { cx } from '../ui/cx';

export const CUT_AT = 2000;

const preClass = 'max-h-96 overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100';

export function Shown({ text, encoding, showAs, testId }: { text: string | null; encoding: 'utf8' | 'base64' | null; showAs: ShowAs; testId: string }) {
  const [all, setAll] = useState(false);
  const d = displayValue(text, encoding, showAs);
  if (d.kind === 'null') {
    return (
      <pre data-testid={testId} className={cx(preClass, 'text-zinc-500 italic dark:text-zinc-400')}>
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
