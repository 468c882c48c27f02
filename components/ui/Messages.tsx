// Inline feedback: an error (role="alert", read out at once) or a result (role="status").
import type { ReactNode } from 'react';
import { cx } from './cx';

export function ErrorText({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <p role="alert" className={cx('rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200', className)}>
      {children}
    </p>
  );
}

export function StatusText({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <p
      role="status"
      className={cx('rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200', className)}
    >
      {children}
    </p>
  );
}

/** A hint under a field; `problem` makes it a validation message. */
export function FieldHint({ id, children, problem = false, testId }: { id?: string; children: ReactNode; problem?: boolean; testId?: string }) {
  return (
    <p id={id} data-testid={testId} className={cx('mt-1 text-xs', problem ? 'text-red-700 dark:text-red-400' : 'text-zinc-500 dark:text-zinc-400')}>
      {children}
    </p>
  );
}
