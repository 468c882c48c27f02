'use client';
// Records as a dense table, one line each (partition, offset, time, key and value previews,
// size, header count), virtualized so 10,000 loaded rows scroll like fifty. A row opens in
// place to the whole record (RecordDetail). Keyboard: each row's offset is a button; up and
// down (Home, End) move between rows, Enter or Space opens and closes one.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Message } from '@/lib/contract/messages';
import { formatBytes } from '@/lib/format';
import { previewValue, type ShowAs } from '@/lib/messages/render';
import type { SortKey, SortOrder } from '@/lib/messages/view-state';
import { Badge } from '../../ui/Badge';
import { focusRing } from '../../ui/Button';
import { ColumnHeader } from '../../ui/ColumnHeader';
import { cx } from '../../ui/cx';
import { COLUMNS, type ColumnId } from './columns';
import { RecordDetail } from './RecordDetail';

const ROW_HEIGHT = 28;
const MAX_BODY_HEIGHT = 640;

export interface TableRow {
  m: Message;
  live: boolean;
}

const rowId = (m: Message) => `${m.partition}-${m.offset}`;

function isoTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString().replace('T', ' ').replace('Z', '');
}

function cell(m: Message, id: ColumnId, live: boolean) {
  switch (id) {
    case 'timestamp':
      return (
        <>
          <time dateTime={new Date(m.timestamp).toISOString()}>{isoTime(m.timestamp)}</time>
          {live && (
            <Badge tone="info" className="ml-1">
              live
            </Badge>
          )}
        </>
      );
    case 'key':
      return m.key === null ? <span className="text-zinc-500 italic dark:text-zinc-400">null</span> : previewValue(m.key, m.keyEncoding);
    case 'value':
      return m.value === null ? <span className="text-zinc-500 italic dark:text-zinc-400">null</span> : previewValue(m.value, m.valueEncoding);
    case 'size':
      return formatBytes(m.size);
    case 'headers':
      return m.headers.length;
    case 'partition':
      return m.partition;
    case 'offset':
      return m.offset;
  }
}

export function MessageTable({
  rows,
  columns,
  showAs,
  sort,
  order,
  onSort,
}: {
  rows: TableRow[];
  /** The columns shown, in COLUMNS order (offset is always shown: it opens the row). */
  columns: ColumnId[];
  showAs: ShowAs;
  sort: SortKey;
  order: SortOrder;
  onSort: (key: SortKey) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const shown = COLUMNS.filter((c) => c.id === 'offset' || columns.includes(c.id));
  const grid = shown.map((c) => c.width).join(' ');

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    getItemKey: (i) => (rows[i] ? rowId(rows[i].m) : i),
  });

  // after a key moved to a row that was not rendered yet: focus it once it is
  useEffect(() => {
    if (focusIndex === null) return;
    const b = scrollRef.current?.querySelector<HTMLButtonElement>(`[data-row-index="${focusIndex}"]`);
    if (b) {
      b.focus();
      setFocusIndex(null);
    }
  });

  function toggle(id: string) {
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const at = Number((e.target as HTMLElement).dataset.rowIndex);
    if (Number.isNaN(at)) return;
    const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? rows.length - 1 : null;
    if (to === null || to < 0 || to >= rows.length) return;
    e.preventDefault();
    virtualizer.scrollToIndex(to, { align: 'auto' });
    setFocusIndex(to);
  }

  const bodyHeight = Math.min(MAX_BODY_HEIGHT, Math.max(virtualizer.getTotalSize(), ROW_HEIGHT));
  const gridClass = 'grid items-center gap-x-3 px-3';

  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <div role="table" aria-label="Records" aria-rowcount={rows.length + 1} className="min-w-[56rem] text-xs">
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className={cx(gridClass, 'h-8 border-b border-zinc-200 bg-zinc-50 font-medium text-zinc-700 dark:border-zinc-800 dark:bg-zinc-800/50 dark:text-zinc-200')} style={{ gridTemplateColumns: grid }}>
            {shown.map((c) => (
              <ColumnHeader key={c.id} label={c.label} numeric={c.numeric} sort={c.sort} current={sort} order={order} onSort={onSort} />
            ))}
          </div>
        </div>
        <div ref={scrollRef} role="rowgroup" className="overflow-y-auto" style={{ height: bodyHeight }} onKeyDown={onKeyDown} data-testid="message-table-body">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const { m, live } = rows[v.index];
              const id = rowId(m);
              const isOpen = open.has(id);
              return (
                <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} data-testid={`message-${id}`} className="absolute inset-x-0 top-0" style={{ transform: `translateY(${v.start}px)` }}>
                  <div
                    role="row"
                    aria-rowindex={v.index + 2}
                    onClick={() => toggle(id)}
                    className={cx(gridClass, 'cursor-pointer border-b border-zinc-100 tabular-nums hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/40', isOpen && 'bg-indigo-50 dark:bg-indigo-950/40')}
                    style={{ gridTemplateColumns: grid, height: ROW_HEIGHT }}
                  >
                    {shown.map((c) =>
                      c.id === 'offset' ? (
                        <div key={c.id} role="cell" className="text-right">
                          <button
                            type="button"
                            data-row-index={v.index}
                            aria-expanded={isOpen}
                            aria-controls={isOpen ? `record-${id}` : undefined}
                            aria-label={`Partition ${m.partition} offset ${m.offset}: ${isOpen ? 'close' : 'open'} the record`}
                            onClick={(e) => {
                              e.stopPropagation();
                              toggle(id);
                            }}
                            className={cx('rounded px-1 font-mono font-semibold text-indigo-700 dark:text-indigo-300', focusRing)}
                          >
                            {m.offset}
                          </button>
                        </div>
                      ) : (
                        <div key={c.id} role="cell" className={cx('truncate', c.numeric && 'text-right', (c.id === 'key' || c.id === 'value') && 'font-mono')}>
                          {cell(m, c.id, live)}
                        </div>
                      ),
                    )}
                  </div>
                  {isOpen && (
                    <div role="row">
                      <div role="cell" id={`record-${id}`} className="border-b border-zinc-200 bg-white px-3 py-3 dark:border-zinc-800 dark:bg-zinc-900">
                        <RecordDetail m={m} showAs={showAs} />
                      </div>
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
