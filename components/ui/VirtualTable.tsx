'use client';
// A long list as an ARIA table whose body is virtualized: only the rows in view (plus a
// few) are in the DOM, so thousands of rows scroll and refresh as fast as five. Sorting
// and filtering happen on the server; the header buttons only say which. Rows are keyed
// by the caller's key, so a refresh updates numbers in place.
import type { ReactNode } from 'react';
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ColumnHeader } from './ColumnHeader';
import { cx } from './cx';

export type SortOrder = 'asc' | 'desc';
export interface Column<S extends string> {
  key: string;
  label: string;
  sort?: S;
  numeric: boolean;
}

const ROW_HEIGHT = 40;
const MAX_BODY_HEIGHT = 600;

export function VirtualTable<T, S extends string>({
  label,
  columns,
  grid,
  rows,
  rowKey,
  rowTestId,
  renderCells,
  sort,
  order,
  onSort,
  empty,
  scrollTestId,
}: {
  label: string;
  columns: Column<S>[];
  /** Tailwind grid classes shared by the header and every row (column widths). */
  grid: string;
  rows: T[];
  rowKey: (row: T) => string;
  rowTestId: (row: T) => string;
  /** The row's cells, each a `role="cell"` element, in column order. */
  renderCells: (row: T) => ReactNode;
  sort: S;
  order: SortOrder;
  onSort: (key: S) => void;
  empty: string;
  scrollTestId?: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => (rows[i] === undefined ? i : rowKey(rows[i])),
  });
  const bodyHeight = Math.min(MAX_BODY_HEIGHT, Math.max(1, rows.length) * ROW_HEIGHT);
  const gridClass = `grid ${grid} items-center gap-x-3 px-3`;

  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div role="table" aria-label={label} aria-rowcount={rows.length + 1} className="min-w-[64rem]">
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className={cx(gridClass, 'h-10 border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-600 dark:border-zinc-800 dark:bg-zinc-800/50 dark:text-zinc-300')}>
            {columns.map((c) => (
              <ColumnHeader key={c.key} label={c.label} numeric={c.numeric} sort={c.sort} current={sort} order={order} onSort={onSort} />
            ))}
          </div>
        </div>
        {rows.length === 0 ? (
          <div role="rowgroup">
            <div role="row">
              <div role="cell" className="px-4 py-8 text-center text-sm text-zinc-500 dark:text-zinc-400">
                {empty}
              </div>
            </div>
          </div>
        ) : (
          <div ref={scrollRef} role="rowgroup" className="overflow-y-auto" style={{ height: bodyHeight }} data-testid={scrollTestId}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((v) => {
                const row = rows[v.index];
                return (
                  <div
                    key={v.key}
                    role="row"
                    aria-rowindex={v.index + 2}
                    data-testid={rowTestId(row)}
                    className={cx(gridClass, 'absolute inset-x-0 top-0 border-b border-zinc-100 text-sm hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/40')}
                    style={{ height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                  >
                    {renderCells(row)}
                  </div>
                );
              })}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
