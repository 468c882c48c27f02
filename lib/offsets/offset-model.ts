// The numbers of one partition as the lab explains them: where the log starts and ends,
// what the group has committed, and where one consumer is reading (its position). From
// these follow the lag the group's dashboards show, the records read but not committed
// (delivered again if the consumer dies now), and the records nobody has read yet.
import { partitionLag } from './lag';

export interface OffsetPoints {
  logStart: number | null;
  logEnd: number | null;
  committed: number | null;
  /** The next offset the consumer will fetch; null for a partition nobody reads now. */
  position: number | null;
}

export interface OffsetModel {
  /** log-end − committed (never below 0); null without a commit. */
  lag: number | null;
  /** position − committed: polled, not committed. */
  uncommitted: number | null;
  /** log-end − position: not polled yet. */
  unread: number | null;
  /** A commit below log-start: the records between were deleted before anyone read them. */
  lostToRetention: number | null;
  /** Where each point sits along the bar, 0–1 of [min, max] of the known points. */
  at: { logStart: number; logEnd: number; committed: number | null; position: number | null } | null;
}

export function offsetModel(p: OffsetPoints): OffsetModel {
  const lag = partitionLag(p.committed, p.logEnd);
  const uncommitted = p.position !== null && p.committed !== null ? Math.max(0, p.position - p.committed) : null;
  const unread = p.position !== null && p.logEnd !== null ? Math.max(0, p.logEnd - p.position) : null;
  const lost = p.committed !== null && p.logStart !== null && p.committed < p.logStart ? p.logStart - p.committed : null;
  if (p.logStart === null || p.logEnd === null) return { lag, uncommitted, unread, lostToRetention: lost, at: null };
  const known = [p.logStart, p.logEnd, p.committed, p.position].filter((x): x is number => x !== null);
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  const span = hi - lo;
  const place = (x: number) => (span === 0 ? 0 : (x - lo) / span);
  return {
    lag,
    uncommitted,
    unread,
    lostToRetention: lost,
    at: {
      logStart: place(p.logStart),
      logEnd: place(p.logEnd),
      committed: p.committed === null ? null : place(p.committed),
      position: p.position === null ? null : place(p.position),
    },
  };
}
