// A table's header row from a list of columns: one place for the header markup that the
// offset tables share.
import type { ReactNode } from 'react';
import { cx } from './cx';

export interface Column {
  label: ReactNode;
  align?: 'left' | 'right';
  title?: string;
}

export function TableHead({ columns }: { columns: readonly (Column | false | undefined)[] }) {
  return (
    <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-300">
      <tr>
        {columns.filter((c): c is Column => !!c).map((c, i) => (
          <th key={i} scope="col" title={c.title} className={cx('px-3 py-2 font-medium whitespace-nowrap', c.align === 'right' ? 'text-right' : 'text-left')}>
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
