// Consumer lag status per partition and per group, by LinkedIn Burrow's rules
// (core/internal/evaluator/caching.go: calculatePartitionStatus and its checks, and
// evaluateConsumerStatus for the group). Pure functions: no clock, no I/O — the caller passes
// `now`, the window of recent commits and the recent log-end samples.
//
// Order of the checks (Burrow's; the first match wins):
//   no commits → OK · current lag ≤ allowed → OK · STOP · REWIND ·
//   [only if lag was above allowed at every commit in the window] STALL · WARN · → OK
//
// Where this file deliberately differs from Burrow (each is marked "Burrow:" below):
//   - REWIND looks at every drop in the window, Burrow only at the first one.
//   - STALL and WARN need at least two commits; Burrow applies them to a single commit too.
//   - Burrow's `minimum-complete` (default 0, i.e. off) is not modelled: a short window is simply evaluated.
import { formatCount } from '../format';

export type PartitionStatus = 'OK' | 'WARN' | 'STALL' | 'STOP' | 'REWIND';
export type GroupStatus = 'OK' | 'WARN' | 'ERR';

/** One stored commit. Burrow stores the lag *at commit time*, against the log-end it last polled. */
export interface CommitPoint {
  offset: number;
  /** Epoch ms of the commit. */
  timestamp: number;
  /** Log-end at commit time − offset, floored at 0. */
  lag: number;
}

/** A sampled log-end offset of the partition (Burrow keeps the last `intervals` broker offsets). */
export interface LogEndSample {
  offset: number;
  /** Epoch ms when the log-end was read; used only to say "caught up 20 s ago". */
  timestamp: number;
}

export interface PartitionWindow {
  /**
   * Oldest first. The caller keeps at most WINDOW commits, with commits closer than Burrow's
   * min-distance already merged; if more are passed, only the newest WINDOW are looked at.
   */
  commits: CommitPoint[];
  /** Now: log-end − last committed, floored at 0; null = no commit (or no log-end read yet). */
  currentLag: number | null;
  /**
   * Recent log-end samples (Burrow: the last `intervals` polls, i.e. minutes). What counts as
   * "recent" is the caller's choice; every sample passed is considered.
   */
  recentLogEnds?: LogEndSample[];
  /** Epoch ms. */
  now: number;
  /** Lag at or below this counts as caught up. Burrow's `allowed-lag`, default 0. */
  allowedLag?: number;
}

export interface PartitionEvaluation {
  status: PartitionStatus;
  /** Plain words for the dashboard: what happened, with numbers. */
  reason: string;
}

export interface PartitionResult extends PartitionEvaluation {
  topic: string;
  partition: number;
  /** Current lag; null when the partition has no commit. Breaks ties between equally bad partitions. */
  lag: number | null;
}

export interface GroupEvaluation {
  status: GroupStatus;
  reason: string;
  /** The partition the status comes from; absent when the group is OK. */
  worst?: { topic: string; partition: number };
}

/** Burrow's default `intervals`: how many commits per partition the rules look at. */
export const WINDOW = 10;

export function evaluatePartition(w: PartitionWindow): PartitionEvaluation {
  const commits = w.commits.slice(-WINDOW);
  const allowed = w.allowedLag ?? 0;
  const first = commits[0];
  const last = commits[commits.length - 1];

  if (!first || !last) return ok('no commits yet');
  if (w.currentLag === null) return ok('lag unknown: no log-end offset read yet');
  const lag = w.currentLag;
  // Why this comes first: whatever the history says, a consumer that is caught up now is fine.
  if (lag <= allowed) {
    return ok(lag === 0 ? 'caught up' : `${count(lag)} behind, within the allowed ${count(allowed)}`);
  }
  const behind = `${count(lag)} behind`;
  const notes: string[] = [];

  // STOP. Why before everything else (Burrow #290): a commit history that once had zero lag may be
  // very old, so "was caught up in the window" must not hide a consumer that has since gone quiet.
  // "Quiet" is relative to the window's own pace: silent for longer than the window spans.
  // With one commit the span is 0, so any silence at all counts — that is what Burrow does.
  const silence = w.now - last.timestamp;
  const span = last.timestamp - first.timestamp;
  if (silence > span) {
    // Why the exception (Burrow #303): if a recent log-end was at or below the last commit, the
    // consumer had nothing left to read a moment ago; an idle topic is not a stopped consumer.
    const caughtUp = latestCaughtUp(w.recentLogEnds ?? [], last.offset);
    if (!caughtUp) {
      const window =
        commits.length === 1 ? 'only one commit so far, so any pause counts' : `the window spans ${formatSpan(span)}`;
      return { status: 'STOP', reason: `no commit for ${formatSpan(silence)} while ${behind}; ${window}` };
    }
    notes.push(`no commit for ${formatSpan(silence)}, but it was caught up ${ago(w.now - caughtUp.timestamp)}`);
  }

  // REWIND. Why before the "was lag ever ≤ allowed" gate (Burrow's comment): a consumer that was
  // caught up and then got reset to earliest would otherwise look OK, first because of the old
  // zero lag and later because it is making progress through the backlog.
  // Per Burrow, a drop counts only until some later commit reaches the offset from before the drop
  // again (rebalances often re-commit a slightly older offset; that is not held against the group).
  // Burrow: checks only the first drop in the window, so a recovered early drop hides a later one
  // that never recovered. Here every drop is checked; the earliest unrecovered one is reported.
  let rewindNoted = false;
  for (let i = 1; i < commits.length; i++) {
    const before = commits[i - 1]!.offset;
    const after = commits[i]!.offset;
    if (after >= before) continue;
    let recovered = false;
    for (let j = i + 1; j < commits.length; j++) if (commits[j]!.offset >= before) recovered = true;
    if (!recovered) {
      return {
        status: 'REWIND',
        reason: `offset went back from ${count(before)} to ${count(after)} and has not returned to ${count(before)} since; ${behind}`,
      };
    }
    if (!rewindNoted) notes.push(`offset went back from ${count(before)} to ${count(after)} but climbed back`);
    rewindNoted = true;
  }

  // The gate (Burrow's "rule 1"): lag at or below allowed at any commit in the window means the
  // consumer kept up at some point, so STALL and WARN do not apply.
  for (let i = commits.length - 1; i >= 0; i--) {
    const c = commits[i]!;
    if (c.lag <= allowed) {
      const state = allowed === 0 ? 'caught up' : `within the allowed ${count(allowed)}`;
      return ok(`${behind} now, but was ${state} at the commit ${ago(w.now - c.timestamp)}`, notes);
    }
  }

  // Burrow: with one commit both checks below are vacuously true, so Burrow reports STALL after a
  // single commit (when STOP did not fire). One commit shows no trend, so here it is OK.
  if (commits.length < 2) return ok(`${behind} after a single commit; one commit shows no trend yet`, notes);

  // STALL: committing, but always the same offset, while there is lag — the consumer is stuck
  // (e.g. re-processing a poison message and committing its old position).
  if (commits.every((c) => c.offset === first.offset)) {
    return withNotes(
      'STALL',
      `the same offset ${count(first.offset)} was committed ${commits.length} times while ${behind}`,
      notes,
    );
  }

  // WARN: moving, but the lag never went down from one commit to the next (flat counts as not
  // going down) — the consumer is slower than the producers.
  let lastDrop = -1;
  for (let i = 1; i < commits.length; i++) if (commits[i]!.lag < commits[i - 1]!.lag) lastDrop = i;
  if (lastDrop === -1) {
    const trend =
      first.lag === last.lag
        ? `lag stayed at ${count(last.lag)}`
        : `lag rose from ${count(first.lag)} to ${count(last.lag)}`;
    return withNotes('WARN', `${trend} across the last ${commits.length} commits`, notes);
  }

  const from = commits[lastDrop - 1]!.lag;
  const to = commits[lastDrop]!.lag;
  return ok(
    `${behind} now, but lag fell from ${count(from)} to ${count(to)} at the commit ${ago(w.now - commits[lastDrop]!.timestamp)}`,
    notes,
  );
}

/** STOP, STALL and REWIND all show as ERR at group level (Burrow caps the group at StatusError). */
export function toGroupStatus(status: PartitionStatus): GroupStatus {
  return status === 'OK' ? 'OK' : status === 'WARN' ? 'WARN' : 'ERR';
}

const SEVERITY: Record<GroupStatus, number> = { OK: 0, WARN: 1, ERR: 2 };

/**
 * The group is as bad as its worst partition. Among equally bad partitions (Burrow does not pick
 * one) the one with the most lag is named, then the first in input order.
 */
export function evaluateGroup(parts: readonly PartitionResult[]): GroupEvaluation {
  if (parts.length === 0) return { status: 'OK', reason: 'no partitions' };
  let worst = parts[0]!;
  for (const p of parts) {
    const d = SEVERITY[toGroupStatus(p.status)] - SEVERITY[toGroupStatus(worst.status)];
    if (d > 0 || (d === 0 && (p.lag ?? -1) > (worst.lag ?? -1))) worst = p;
  }
  const status = toGroupStatus(worst.status);
  if (status === 'OK') {
    return { status, reason: parts.length === 1 ? 'its one partition is OK' : `all ${parts.length} partitions are OK` };
  }
  const others = parts.filter((p) => p !== worst && toGroupStatus(p.status) === status).length;
  const more = others === 0 ? '' : `; ${others} other ${others === 1 ? 'partition' : 'partitions'} in ${status}`;
  return {
    status,
    reason: `${worst.topic}-${worst.partition} ${worst.status}: ${worst.reason}${more}`,
    worst: { topic: worst.topic, partition: worst.partition },
  };
}

// --- helpers -----------------------------------------------------------------------------------

function ok(reason: string, notes: string[] = []): PartitionEvaluation {
  return withNotes('OK', reason, notes);
}

function withNotes(status: PartitionStatus, reason: string, notes: string[]): PartitionEvaluation {
  return { status, reason: [reason, ...notes].join('; ') };
}

/** The newest log-end sample at or below the committed offset: the last time the consumer had nothing left to read. */
function latestCaughtUp(samples: readonly LogEndSample[], committed: number): LogEndSample | undefined {
  let found: LogEndSample | undefined;
  for (const s of samples) if (s.offset <= committed && (!found || s.timestamp > found.timestamp)) found = s;
  return found;
}

const count = (n: number): string => formatCount(n);

function ago(ms: number): string {
  return ms < 1000 ? 'just now' : `${formatSpan(ms)} ago`;
}

/**
 * "40 s", "2 min 30 s", "1 h 5 min", "3 d 4 h" — two units at most, rounded down to whole seconds.
 * Why not formatDuration from lib/format: its "2.5 minutes" reads worse in a sentence about a pause.
 */
export function formatSpan(ms: number): string {
  if (ms <= 0) return '0 s';
  if (ms < 1000) return 'under 1 s';
  const s = Math.floor(ms / 1000);
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
  if (s < 60) return `${s} s`;
  if (s < 3600) return pair(Math.floor(s / 60), 'min', s % 60, 's');
  if (s < 86_400) return pair(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'min');
  return pair(Math.floor(s / 86_400), 'd', Math.floor((s % 86_400) / 3600), 'h');
}
