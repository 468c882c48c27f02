'use client';
// "updated 3s ago" for a query's dataUpdatedAt, re-rendered every second. When the last
// refresh failed the label turns amber (the numbers are the last known ones).
import { formatAgo } from '@/lib/format';
import { cx } from './cx';
import { useNow } from './useNow';

export function UpdatedAgo({ at, failed = false, className }: { at: number; failed?: boolean; className?: string }) {
  const now = useNow();
  if (!at || now === null) return <span className={cx('text-xs text-zinc-500 dark:text-zinc-400', className)}>loading…</span>;
  return (
    <span
      className={cx('text-xs tabular-nums', failed ? 'text-amber-700 dark:text-amber-400' : 'text-zinc-500 dark:text-zinc-400', className)}
      title={`${failed ? 'The last refresh failed; ' : ''}last answer at ${new Date(at).toLocaleTimeString()}`}
    >
      {`updated ${formatAgo(at, now)}`}
    </span>
  );
}
