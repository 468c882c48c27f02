// Lag as DESIGN.md defines it: log-end − committed, never below 0; no commit (or no
// log-end) means no lag value at all — shown as "—", never as 0.
export function partitionLag(committed: number | null, logEnd: number | null): number | null {
  if (committed === null || logEnd === null) return null;
  return Math.max(0, logEnd - committed);
}

/** The sum over partitions that have a lag; null when none has (a group with no commits). */
export function totalLag(lags: (number | null)[]): number | null {
  let total: number | null = null;
  for (const l of lags) if (l !== null) total = (total ?? 0) + l;
  return total;
}

/** A commit below log-start: records between were deleted before the group read them. */
export function lostToRetention(committed: number | null, logStart: number | null): boolean {
  return committed !== null && logStart !== null && committed < logStart;
}
