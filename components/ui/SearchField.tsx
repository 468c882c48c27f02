'use client';
// The search box above a server-filtered list: labelled for screen readers by its
// placeholder text, no autocomplete or spellcheck (names, not prose).
import { useId } from 'react';
import { inputClass } from './fields';

export function SearchField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="w-full max-w-sm">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        type="search"
        placeholder={label}
        className={inputClass + ' w-full'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}
