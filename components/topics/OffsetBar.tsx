// One partition's offsets drawn to the scale of the whole topic (0 → the largest log-end):
// hatched grey for offsets already deleted [0, log-start), solid for the retained ones
// [log-start, log-end). Widths animate as the numbers move.
import { formatCount } from '@/lib/format';

export function OffsetBar({ logStart, logEnd, max }: { logStart: number | null; logEnd: number | null; max: number }) {
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
    logEnd === 0
      ? 'empty: no record written yet (log-end 0)'
      : `log-start ${formatCount(logStart)}, log-end ${formatCount(logEnd)}: ` +
        (logStart > 0 ? `offsets 0–${formatCount(logStart - 1)} deleted, ` : 'nothing deleted, ') +
        (retained > 0 ? `${formatCount(logStart)}–${formatCount(logEnd - 1)} retained (${formatCount(retained)})` : 'nothing retained');
  return (
    <div role="img" aria-label={label} title={label} className="relative h-3 w-full overflow-hidden rounded-sm bg-zinc-100 dark:bg-zinc-800">
      <div data-part="deleted" className="offsets-deleted absolute inset-y-0 left-0 transition-[width] duration-500 ease-out" style={{ width: `${deletedPct}%` }} />
      <div
        data-part="retained"
        className="absolute inset-y-0 bg-indigo-500 transition-[left,width] duration-500 ease-out dark:bg-indigo-400"
        style={{ left: `${deletedPct}%`, width: `${retainedPct}%` }}
      />
    </div>
  );
}
