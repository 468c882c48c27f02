// Shared classes for form controls, and strict number parsing for what a person types.
import { focusRing } from './Button';
import { cx } from './cx';

export const inputClass = cx(
  'block rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-400',
  'dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 aria-[invalid=true]:border-red-500',
  focusRing,
);
export const labelClass = 'block text-sm font-medium text-zinc-700 dark:text-zinc-300';

/** "12" → 12; "", "1.5", "1e3", "abc" → null (only whole numbers, optionally negative). */
export function parseWhole(text: string): number | null {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}
