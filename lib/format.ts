// Human-readable numbers for the screen. Pure functions, unit-tested in format.test.ts.
const UNITS: [number, string][] = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

/** 1728000 → "28.8 minutes"; 604800000 → "7 days"; −1 → "forever". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 0) return 'forever';
  if (ms < 1000) return `${ms} ms`;
  for (const [size, unit] of UNITS) {
    if (ms >= size) {
      const v = ms / size;
      const shown = Number.isInteger(v) ? String(v) : v < 10 ? v.toFixed(2).replace(/0$/, '') : v.toFixed(1);
      const text = shown.replace(/\.0+$/, '');
      return `${text} ${unit}${text === '1' ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function formatCount(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US');
}

/**
 * A short duration for table cells: "0 s", "45 s", "2 min", "3 h", "4 d" (one unit,
 * rounded). Why not formatDuration: "28.8 minutes" is too wide for a column of lags.
 */
export function formatShortDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms <= 0) return '0 s';
  if (ms < 1000) return '< 1 s';
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min`;
  const h = Math.round(m / 60);
  if (h < 36) return `${h} h`;
  return `${Math.round(h / 24)} d`;
}

/** "just now", "5s ago", "3 min ago". */
export function formatAgo(thenMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (s < 2) return 'just now';
  if (s < 90) return `${s}s ago`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min ago`;
  return `${Math.round(m / 60)} h ago`;
}
