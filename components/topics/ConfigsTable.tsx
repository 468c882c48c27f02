'use client';
// The topic's configs: value (durations and sizes also in human units), where it comes
// from ("set" = a topic override, stands out; "default" = the broker's), and an inline
// editor per changeable config: Save sends the value, "Reset to default" sends null; only
// that key changes (the server uses IncrementalAlterConfigs where the cluster has it). A
// sensitive config's value is never shown or sent back: its editor starts empty and saves
// only a value typed in.
import { useId, useState, type FormEvent } from 'react';
import type { ConfigEntry } from '@/lib/contract/topics';
import { formatBytes, formatDuration } from '@/lib/format';
import { usePatchConfigs } from '@/lib/queries/topics';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { cx } from '../ui/cx';
import { ErrorText } from '../ui/Messages';
import { inputClass } from '../ui/fields';

/** "604800000" for retention.ms → "7 days"; for *.bytes → "1 GiB"; else null. */
export function humanConfigValue(name: string, value: string | null): string | null {
  if (value === null || !/^-?\d+$/.test(value.trim())) return null;
  const n = Number(value);
  if (/ms$/.test(name)) return formatDuration(n);
  if (/bytes$/.test(name) && n >= 1024) return formatBytes(n);
  return null;
}

export function ConfigsTable({ topic, configs, canWrite }: { topic: string; configs: ConfigEntry[]; canWrite: boolean }) {
  const [editing, setEditing] = useState<string | null>(null);
  // After an edit, focus returns to that row's Edit button.
  const [lastEdited, setLastEdited] = useState<string | null>(null);
  const [onlySet, setOnlySet] = useState(false);
  const rows = onlySet ? configs.filter((c) => c.source === 'set') : configs;
  const setCount = configs.filter((c) => c.source === 'set').length;

  return (
    <div>
      <label className="mb-2 inline-flex items-center gap-2 text-sm">
        <input type="checkbox" className="h-4 w-4 accent-indigo-600" checked={onlySet} onChange={(e) => setOnlySet(e.target.checked)} />
        Only configs set on this topic ({setCount})
      </label>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Topic configs</caption>
          <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-300">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                Name
              </th>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                Value
              </th>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                Source
              </th>
              {canWrite && (
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {rows.length === 0 && (
              <tr>
                <td colSpan={4} className="px-3 py-4 text-center text-zinc-500 dark:text-zinc-400">
                  No config is set on this topic: every value is the broker&apos;s default.
                </td>
              </tr>
            )}
            {rows.map((c) => (
              <tr key={c.name} data-testid={'config-' + c.name} className={cx(c.source === 'set' && 'bg-indigo-50/60 dark:bg-indigo-950/40')}>
                <th scope="row" className="px-3 py-1.5 text-left font-mono font-normal whitespace-nowrap">
                  {c.name}
                </th>
                <td className="px-3 py-1.5">
                  {editing === c.name ? (
                    <ConfigEditor
                      topic={topic}
                      config={c}
                      onDone={() => {
                        setLastEdited(c.name);
                        setEditing(null);
                      }}
                    />
                  ) : (
                    <ConfigValue config={c} />
                  )}
                </td>
                <td className="px-3 py-1.5" data-testid="source">
                  {c.source === 'set' ? (
                    <Badge tone="strong" title="set on this topic (an override)">
                      set
                    </Badge>
                  ) : c.source === 'default' ? (
                    <span className="text-xs text-zinc-500 dark:text-zinc-400">default</span>
                  ) : (
                    <Badge>{c.source}</Badge>
                  )}
                </td>
                {canWrite && (
                  <td className="px-3 py-1.5 text-right">
                    {!c.readOnly && editing !== c.name && (
                      <Button size="sm" autoFocus={lastEdited === c.name} onClick={() => setEditing(c.name)}>
                        Edit
                      </Button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ConfigValue({ config }: { config: ConfigEntry }) {
  if (config.value === null) return <span className="text-zinc-500 dark:text-zinc-400">{config.sensitive ? '(hidden)' : '—'}</span>;
  const human = humanConfigValue(config.name, config.value);
  return (
    <span className="font-mono break-all">
      {config.value}
      {human && <span className="ml-2 font-sans text-xs text-zinc-500 dark:text-zinc-400">({human})</span>}
    </span>
  );
}

function ConfigEditor({ topic, config, onDone }: { topic: string; config: ConfigEntry; onDone: () => void }) {
  const id = useId();
  const patch = usePatchConfigs(topic);
  const [value, setValue] = useState(config.sensitive ? '' : (config.value ?? ''));
  const human = humanConfigValue(config.name, value);
  // an empty box over a hidden value means "unchanged", never "set to empty"
  const nothingTyped = config.sensitive && value === '';

  function save(e: FormEvent) {
    e.preventDefault();
    if (nothingTyped) return;
    patch.mutate({ [config.name]: value }, { onSuccess: onDone });
  }

  return (
    <form
      onSubmit={save}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
      className="space-y-2"
    >
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={`${id}-value`}
          aria-label={config.name}
          autoFocus
          className={inputClass + ' w-full max-w-xs font-mono'}
          value={value}
          placeholder={config.sensitive ? 'new value (the current one is hidden)' : undefined}
          onChange={(e) => setValue(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        {human && <span className="text-xs text-zinc-500 dark:text-zinc-400">{human}</span>}
        <Button size="sm" type="submit" variant="primary" disabled={patch.isPending || nothingTyped}>
          Save
        </Button>
        <Button size="sm" disabled={patch.isPending} onClick={() => patch.mutate({ [config.name]: null }, { onSuccess: onDone })}>
          Reset to default
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {patch.isError && <ErrorText>{patch.error.message}</ErrorText>}
    </form>
  );
}
