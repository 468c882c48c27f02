// The message table's columns: what each shows, its width on the grid, and which sort it offers.
import type { SortKey } from '@/lib/messages/view-state';

export type ColumnId = 'partition' | 'offset' | 'timestamp' | 'key' | 'value' | 'size' | 'headers';

export interface ColumnDef {
  id: ColumnId;
  label: string;
  width: string;
  numeric: boolean;
  sort?: SortKey;
}

export const COLUMNS: readonly ColumnDef[] = [
  { id: 'partition', label: 'Partition', width: '4.5rem', numeric: true, sort: 'partition' },
  { id: 'offset', label: 'Offset', width: '6rem', numeric: true, sort: 'offset' },
  { id: 'timestamp', label: 'Timestamp (UTC)', width: '12.5rem', numeric: false, sort: 'timestamp' },
  { id: 'key', label: 'Key', width: 'minmax(6rem, 1fr)', numeric: false },
  { id: 'value', label: 'Value', width: 'minmax(10rem, 3fr)', numeric: false },
  { id: 'size', label: 'Size', width: '5rem', numeric: true, sort: 'size' },
  { id: 'headers', label: 'Headers', width: '4rem', numeric: true },
];

export const DEFAULT_COLUMNS: ColumnId[] = COLUMNS.map((c) => c.id);
