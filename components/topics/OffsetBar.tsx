// One partition's offsets drawn to the scale of the whole topic (0 → the largest log-end):
// hatched grey for offsets already deleted [0, log-start), solid for the retained ones
// [log-start, log-end), and a thin vertical line at each consumer group's committed offset
// (amber when it is below log-start: records deleted before the group read them).
// Widths and positions animate as the numbers move.
import { formatCount } from '@/lib/format';

export type CommitMarker = { groupId: string; committed: number; lag: number | null };

/** "orders-app: committed 200, lag 300" — the marker's title. */
export function markerTitle(m: CommitMarker, logStart: number | null): string {
  const below = logStart !== null && m.committed < logStart ? ' (below log start: records were deleted before this group read them)' : '';
  return `${m.groupId}: committed ${formatCount(m.committed)}, lag ${formatCount(m.lag)}${below}`;
}

/**
 * Past MERGE_ABOVE markers on a bar, markers closer than MERGE_PCT (of the bar) are drawn as
 * one line whose title lists them all. Below it every group keeps its own line and title.
 */
const MERGE_ABOVE = 20;
const MERGE_PCT = 0.5;
const MAX_NAMED = 10;

type Drawn = { pct: number; markers: CommitMarker[] };

/**
 * Groups markers that would overlap on screen, so a topic with a thousand consumer groups
 * draws at most ~200 lines per bar, and each line's title still names who is there.
 */
function mergeMarkers(markers: CommitMarker[], scale: number): Drawn[] {
  const sorted = [...markers].sort((a, b) => a.committed - b.committed || a.groupId.localeCompare(b.groupId));
  const gap = markers.length > MERGE_ABOVE ? MERGE_PCT : 0;
  const out: Drawn[] = [];
  for (const m of sorted) {
    const pct = (Math.min(Math.max(m.committed, 0), scale) / scale) * 100;
    const last = out[out.length - 1];
    if (last && pct - last.pct < gap) last.markers.push(m);
    else out.push({ pct, markers: [m] });
  }
  return out;
}

function drawnTitle(d: Drawn, logStart: number): string {
  if (d.markers.length === 1) return markerTitle(d.markers[0]!, logStart);
  const named = d.markers.slice(0, MAX_NAMED).map((m) => markerTitle(m, logStart));
  const more = d.markers.length - named.length;
  return `${d.markers.length} groups here:\n${named.join('\n')}${more > 0 ? `\n… and ${more} more` : ''}`;
}

/** The bar's accessible name lists each group while there are few, then summarises. */
function markersLabel(markers: CommitMarker[], logStart: number): string {
  if (markers.length === 0) return '';
  if (markers.length <= 5) return `; ${markers.map((m) => markerTitle(m, logStart)).join('; ')}`;
  const offsets = markers.map((m) => m.committed);
  return `; ${formatCount(markers.length)} consumer groups committed between ${formatCount(Math.min(...offsets))} and ${formatCount(Math.max(...offsets))}`;
}

export function OffsetBar({ logStart, logEnd, max, markers = [] }: { logStart: number | null; logEnd: number | null; max: number; markers?: CommitMarker[] }) {
  if (logStart === null || logEnd === null) {
    return (
      <div role="img" aria-label="offsets unknown" title="offsets unknown" className="h-3 w-full rounded-sm bg-zinc-100 dark:bg-zinc-800" />
    );
  }
  const scale = max > 0 ? max : 1;
  const deletedPct = (Math.min(logStart, scale) / scale) * 100;
  const retainedPct = (Math.max(0, Math.min(logEnd, scale) - Math.min(logStart, scale)) / scale) * 100;
  const retained = Math.max(0, logEnd - logStart);
  const label =
    (logEnd === 0
      ? 'empty: no record written yet (log-end 0)'
      : `log-start ${formatCount(logStart)}, log-end ${formatCount(logEnd)}: ` +
        (logStart > 0 ? `offsets 0–${formatCount(logStart - 1)} deleted, ` : 'nothing deleted, ') +
        (retained > 0 ? `${formatCount(logStart)}–${formatCount(logEnd - 1)} retained (${formatCount(retained)})` : 'nothing retained')) +
    markersLabel(markers, logStart);
  return (
    <div role="img" aria-label={label} title={label} className="relative h-3 w-full overflow-hidden rounded-sm bg-zinc-100 dark:bg-zinc-800">
      <div data-part="deleted" className="offsets-deleted absolute inset-y-0 left-0 transition-[width] duration-500 ease-out" style={{ width: `${deletedPct}%` }} />
      <div
        data-part="retained"
        className="absolute inset-y-0 bg-indigo-500 transition-[left,width] duration-500 ease-out dark:bg-indigo-400"
        style={{ left: `${deletedPct}%`, width: `${retainedPct}%` }}
      />
      {mergeMarkers(markers, scale).map((d) => {
        const lost = d.markers.some((m) => m.committed < logStart);
        return (
          // A 7px hover target centred on a 2px line, kept inside the bar at both ends.
          <span
            key={d.markers[0]!.groupId}
            data-part="committed"
            data-group={d.markers.map((m) => m.groupId).join(' ')}
            title={drawnTitle(d, logStart)}
            className="absolute inset-y-0 flex w-[7px] justify-center transition-[left] duration-500 ease-out"
            style={{ left: `clamp(0px, calc(${d.pct}% - 3.5px), calc(100% - 7px))` }}
          >
            <span className={lost ? 'h-full w-0.5 bg-amber-500' : 'h-full w-0.5 bg-zinc-900 dark:bg-white'} />
          </span>
        );
      })}
    </div>
  );
}
