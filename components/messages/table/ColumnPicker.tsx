'use client';
// Which columns the message table shows, picked from a small menu and kept in this
// browser (localStorage) for every topic. The offset is always shown: it opens a row.
import { useEffect, useState } from 'react';
import { focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { COLUMNS, DEFAULT_COLUMNS, type ColumnId } from './columns';

const STORAGE_KEY = 'offsetscope.messageColumns';

export function useColumns(): [ColumnId[], (c: ColumnId[]) => void] {
  const [columns, setColumns] = useState<ColumnId[]>(DEFAULT_COLUMNS);
  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
      if (Array.isArray(saved)) setColumns(DEFAULT_COLUMNS.filter((c) => saved.includes(c)));
    } catch {
      // unreadable: the defaults
    }
  }, []);
  return [
    columns,
    (c) => {
      setColumns(c);
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(c));
      } catch {
        // storage refused (private mode): the choice lasts for this page
      }
    },
  ];
}

export function ColumnPicker({ columns, onChange }: { columns: ColumnId[]; onChange: (c: ColumnId[]) => void }) {
  return (
    <details className="relative">
      <summary className={cx('cursor-pointer list-none rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium dark:border-zinc-700', focusRing)}>Columns</summary>
      <fieldset className="absolute right-0 z-10 mt-1 w-44 space-y-1 rounded-md border border-zinc-200 bg-white p-2 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        <legend className="sr-only">Columns shown</legend>
        {COLUMNS.filter((c) => c.id !== 'offset').map((c) => (
          <label key={c.id} className="flex items-center gap-2">
            <input type="checkbox" aria-label={`${c.label} column`} checked={columns.includes(c.id)} onChange={(e) => onChange(e.target.checked ? DEFAULT_COLUMNS.filter((x) => x === c.id || columns.includes(x)) : columns.filter((x) => x !== c.id))} />
            {c.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
