// What the time charts share: thinning long histories, and the grid and axis settings
// (given as props, because recharts wants its axes as the chart's direct children).
export const MAX_POINTS = 600;

/** Keeps at most MAX_POINTS samples (evenly spaced, always the newest). */
export function thin<T>(points: T[], max = MAX_POINTS): T[] {
  if (points.length <= max) return points;
  const step = points.length / max;
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) out.push(points[Math.floor(i * step)]!);
  out.push(points[points.length - 1]!);
  return out;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
export const clockTime = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export const gridProps = { vertical: false, stroke: 'currentColor', strokeOpacity: 0.2, strokeDasharray: '3 3' } as const;

/** A time X axis; minutes alone repeat on the axis while the history spans under 15 minutes. */
export function timeAxisProps(firstT: number, lastT: number) {
  const withSeconds = lastT - firstT < 15 * 60_000;
  return {
    dataKey: 't',
    type: 'number' as const,
    scale: 'time' as const,
    domain: ['dataMin', 'dataMax'] as [string, string],
    tickFormatter: (t: number) => new Date(t).toLocaleTimeString([], withSeconds ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' }),
    stroke: 'currentColor',
    fontSize: 12,
    minTickGap: 48,
  };
}

/** A count Y axis (1.2K, 3M). */
export function countAxisProps(fromZero: boolean) {
  return {
    tickFormatter: (v: number) => compact.format(v),
    stroke: 'currentColor',
    fontSize: 12,
    width: 52,
    allowDecimals: false,
    domain: (fromZero ? [0, 'auto'] : ['auto', 'auto']) as [number | string, string],
  };
}

export const tooltipStyle = {
  background: 'var(--chart-tooltip-bg)',
  border: '1px solid var(--chart-tooltip-border)',
  borderRadius: 6,
  fontSize: 12,
} as const;
