'use client';
// One column header of a table: its label, and when the column sorts, a button that says
// which way (aria-sort on the header, an arrow beside the label).
import { focusRing } from './Button';
import { cx } from './cx';

export function ColumnHeader<S extends string>({ label, numeric, sort, current, order, onSort }: { label: string; numeric: boolean; sort?: S; current: S; order: 'asc' | 'desc'; onSort: (key: S) => void }) {
  const active = sort !== undefined && sort === current;
  return (
    <div role="columnheader" aria-sort={sort ? (active ? (order === 'asc' ? 'ascending' : 'descending') : 'none') : undefined} className={numeric ? 'text-right' : 'text-left'}>
      {sort ? (
        <button
          type="button"
          onClick={() => onSort(sort)}
          title={`Sort by ${label.toLowerCase()}`}
          className={cx(
            'inline-flex items-center gap-1 rounded py-0.5 whitespace-nowrap hover:text-zinc-900 dark:hover:text-white',
            // the arrow sits on the side away from the numbers, so labels line up with them
            numeric ? 'flex-row-reverse' : '',
            focusRing,
            active && 'text-zinc-900 dark:text-white',
          )}
        >
          {label}
          <span aria-hidden="true" className={cx('w-3 text-center text-[10px]', !active && 'opacity-0')}>
            {active && order === 'desc' ? '▼' : '▲'}
          </span>
        </button>
      ) : (
        <span className="whitespace-nowrap">{label}</span>
      )}
    </div>
  );
}
