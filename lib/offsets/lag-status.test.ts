// Table-driven checks of Burrow's lag rules (see lag-status.ts for the order and the deviations).
// Each row is a hand-built window; "Burrow #N" marks a row that carries the numbers of case N in
// Burrow's core/internal/evaluator/caching_test.go, so it can be checked against Burrow's own result.
import { describe, expect, it } from 'vitest';
import {
  type CommitPoint,
  evaluateGroup,
  evaluatePartition,
  formatSpan,
  type PartitionResult,
  type PartitionStatus,
  type PartitionWindow,
  toGroupStatus,
  WINDOW,
} from './lag-status';

const SEC = 1000;
const MIN = 60 * SEC;
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

/** Commits every 10 s starting at T0, given as [offset, lag at commit]. */
function every10s(...points: [number, number][]): CommitPoint[] {
  return points.map(([offset, lag], i) => ({ offset, lag, timestamp: T0 + i * 10 * SEC }));
}

/** Commits at Burrow-test times (seconds), given as [offset, lag, seconds]. */
function atSeconds(...points: [number, number, number][]): CommitPoint[] {
  return points.map(([offset, lag, s]) => ({ offset, lag, timestamp: s * SEC }));
}

/** `ms` after the last commit. */
function after(commits: CommitPoint[], ms: number): number {
  return commits[commits.length - 1]!.timestamp + ms;
}

interface Row {
  why: string;
  w: PartitionWindow;
  status: PartitionStatus;
  reason: string;
}

function table(name: string, rows: Row[]) {
  describe(name, () => {
    for (const r of rows) {
      it(r.why, () => expect(evaluatePartition(r.w)).toEqual({ status: r.status, reason: r.reason }));
    }
  });
}

// ---------------------------------------------------------------------------------------------
// OK

const rising5 = every10s([1000, 50], [2000, 100], [3000, 150], [4000, 200], [5000, 250]); // spans 40 s
const stuck5 = every10s([1000, 100], [1000, 150], [1000, 200], [1000, 250], [1000, 300]);
const burrow7 = atSeconds([1000, 100, 100], [2000, 150, 200], [3000, 200, 300], [2000, 1250, 400], [4000, 300, 500]);

table('OK', [
  { why: 'empty window', w: { commits: [], currentLag: null, now: T0 }, status: 'OK', reason: 'no commits yet' },
  {
    why: 'commits but no log-end read yet: no lag, nothing to judge',
    w: { commits: rising5, currentLag: null, now: after(rising5, 5 * SEC) },
    status: 'OK',
    reason: 'lag unknown: no log-end offset read yet',
  },
  {
    why: 'lag 0 now although the history would be STALL: caught up wins',
    w: { commits: stuck5, currentLag: 0, now: after(stuck5, 5 * SEC) },
    status: 'OK',
    reason: 'caught up',
  },
  {
    why: 'lag 0 now although silent for 10 min (would be STOP) — Burrow #8',
    w: { commits: rising5, currentLag: 0, now: after(rising5, 10 * MIN) },
    status: 'OK',
    reason: 'caught up',
  },
  {
    why: 'allowedLag 5: 3 behind counts as caught up',
    w: { commits: stuck5, currentLag: 3, allowedLag: 5, now: after(stuck5, 5 * SEC) },
    status: 'OK',
    reason: '3 behind, within the allowed 5',
  },
  {
    why: 'lag rose at every commit, but was 0 at the first commit in the window — Burrow #0',
    w: {
      commits: every10s([1000, 0], [2000, 50], [3000, 100], [4000, 150], [5000, 200]),
      currentLag: 200,
      now: T0 + 45 * SEC,
    },
    status: 'OK',
    reason: '200 behind now, but was caught up at the commit 45 s ago',
  },
  {
    why: 'silent exactly as long as the window spans is not STOP (needs strictly longer) — Burrow #1',
    w: {
      commits: atSeconds([1000, 0, 100], [2000, 50, 200], [3000, 100, 300], [4000, 150, 400], [5000, 200, 500]),
      recentLogEnds: [{ offset: 5200, timestamp: 890 * SEC }],
      currentLag: 200,
      now: 900 * SEC,
    },
    status: 'OK',
    reason: '200 behind now, but was caught up at the commit 13 min 20 s ago',
  },
  {
    why: 'lag decreased once between two commits: not WARN',
    w: {
      commits: every10s([1000, 100], [2000, 150], [3000, 120], [4000, 200], [5000, 260]),
      currentLag: 260,
      now: T0 + 45 * SEC,
    },
    status: 'OK',
    reason: '260 behind now, but lag fell from 150 to 120 at the commit 25 s ago',
  },
  {
    why: 'rewind that climbed back past the old offset, then lag fell — Burrow #7',
    w: { commits: burrow7, recentLogEnds: [{ offset: 4300, timestamp: 590 * SEC }], currentLag: 300, now: 600 * SEC },
    status: 'OK',
    reason:
      '300 behind now, but lag fell from 1,250 to 300 at the commit 1 min 40 s ago; offset went back from 3,000 to 2,000 but climbed back',
  },
  {
    why: 'same rewind with allowedLag 99 — Burrow #14',
    w: { commits: burrow7, currentLag: 300, allowedLag: 99, now: 600 * SEC },
    status: 'OK',
    reason:
      '300 behind now, but lag fell from 1,250 to 300 at the commit 1 min 40 s ago; offset went back from 3,000 to 2,000 but climbed back',
  },
  {
    why: 'current lag at the allowed lag is OK even though silent — Burrow #12',
    w: {
      commits: atSeconds([1000, 2, 100], [2000, 1, 200], [2000, 1, 300]),
      recentLogEnds: [{ offset: 2001, timestamp: 540 * SEC }],
      currentLag: 1,
      allowedLag: 1,
      now: 550 * SEC,
    },
    status: 'OK',
    reason: '1 behind, within the allowed 1',
  },
  {
    why: 'single commit, no time since it: no trend yet (Burrow would say STALL: its all-equal check is vacuously true)',
    w: { commits: every10s([1000, 57]), currentLag: 57, now: T0 },
    status: 'OK',
    reason: '57 behind after a single commit; one commit shows no trend yet',
  },
  {
    why: 'single commit, silent 30 s, but the log-end sampled 10 s ago was at the committed offset: not STOP',
    w: {
      commits: every10s([1000, 0]),
      recentLogEnds: [
        { offset: 1000, timestamp: T0 + 20 * SEC },
        { offset: 1057, timestamp: T0 + 30 * SEC },
      ],
      currentLag: 57,
      now: T0 + 30 * SEC,
    },
    status: 'OK',
    reason: '57 behind now, but was caught up at the commit 30 s ago; no commit for 30 s, but it was caught up 10 s ago',
  },
  {
    why: 'STOP suppressed: 15 s silent after a 9 s window, but a recent log-end equals the last commit — Burrow #10',
    w: {
      commits: Array.from({ length: 10 }, (_, i) => ({ offset: 792748084 + i, lag: 0, timestamp: T0 + i * SEC })),
      recentLogEnds: [
        { offset: 792748093, timestamp: T0 + 12 * SEC },
        { offset: 792748093, timestamp: T0 + 18 * SEC },
        { offset: 792748094, timestamp: T0 + 24 * SEC },
      ],
      currentLag: 1,
      now: T0 + 24 * SEC,
    },
    status: 'OK',
    reason: '1 behind now, but was caught up at the commit 15 s ago; no commit for 15 s, but it was caught up 6 s ago',
  },
]);

// ---------------------------------------------------------------------------------------------
// STOP: (now − last commit) > (last commit − first commit), and no recent log-end ≤ last commit.

table('STOP', [
  {
    why: 'silent 8 min 20 s after a window spanning 6 min 40 s, lag at every commit — Burrow #3',
    w: {
      commits: atSeconds([1000, 50, 100], [2000, 100, 200], [3000, 150, 300], [4000, 200, 400], [5000, 250, 500]),
      recentLogEnds: [{ offset: 5250, timestamp: 990 * SEC }],
      currentLag: 250,
      now: 1000 * SEC,
    },
    status: 'STOP',
    reason: 'no commit for 8 min 20 s while 250 behind; the window spans 6 min 40 s',
  },
  {
    why: 'lag 0 at an old commit does not hide a stop (STOP comes before that check) — Burrow #2',
    w: {
      commits: atSeconds([1000, 0, 100], [2000, 50, 200], [3000, 100, 300], [4000, 150, 400], [5000, 200, 500]),
      recentLogEnds: [{ offset: 5200, timestamp: 990 * SEC }],
      currentLag: 200,
      now: 1000 * SEC,
    },
    status: 'STOP',
    reason: 'no commit for 8 min 20 s while 200 behind; the window spans 6 min 40 s',
  },
  {
    why: 'commits every 10 s, then 2 min 30 s of silence',
    w: { commits: rising5, currentLag: 88, now: after(rising5, 150 * SEC) },
    status: 'STOP',
    reason: 'no commit for 2 min 30 s while 88 behind; the window spans 40 s',
  },
  {
    why: 'recent log-ends all above the last commit: no exception — Burrow #9',
    w: {
      commits: Array.from({ length: 10 }, (_, i) => ({ offset: 792748084 + i, lag: 0, timestamp: T0 + i * SEC })),
      recentLogEnds: [792748500, 792748600, 792748800, 792749000, 792749024].map((offset, i) => ({
        offset,
        timestamp: T0 + (10 + i) * SEC,
      })),
      currentLag: 931,
      now: T0 + 24 * SEC,
    },
    status: 'STOP',
    reason: 'no commit for 15 s while 931 behind; the window spans 9 s',
  },
  {
    why: 'single commit: the window spans 0 s, so 5 s of silence is already STOP (what Burrow does)',
    w: { commits: every10s([1000, 88]), currentLag: 88, now: T0 + 5 * SEC },
    status: 'STOP',
    reason: 'no commit for 5 s while 88 behind; only one commit so far, so any pause counts',
  },
  {
    why: 'STOP beats REWIND: an unrecovered rewind, then silence',
    w: {
      commits: every10s([500, 10], [900, 20], [120, 800], [300, 620]),
      currentLag: 650,
      now: T0 + 2 * MIN,
    },
    status: 'STOP',
    reason: 'no commit for 1 min 30 s while 650 behind; the window spans 30 s',
  },
]);

// ---------------------------------------------------------------------------------------------
// REWIND: a commit lower than the one before it, and no later commit back at the old offset.

table('REWIND', [
  {
    why: 'went back from 3,000 to 2,000, only got to 2,500 since — Burrow #15',
    w: {
      commits: atSeconds([1000, 100, 100], [2000, 150, 200], [3000, 200, 300], [2000, 1250, 400], [2500, 300, 500]),
      recentLogEnds: [{ offset: 4300, timestamp: 590 * SEC }],
      currentLag: 300,
      now: 600 * SEC,
    },
    status: 'REWIND',
    reason: 'offset went back from 3,000 to 2,000 and has not returned to 3,000 since; 300 behind',
  },
  {
    why: 'went back from 900 to 120',
    w: { commits: every10s([500, 10], [900, 20], [120, 800], [300, 620]), currentLag: 650, now: T0 + 35 * SEC },
    status: 'REWIND',
    reason: 'offset went back from 900 to 120 and has not returned to 900 since; 650 behind',
  },
  {
    why: 'REWIND comes before the lag-0 check: caught up, then reset to earliest',
    w: { commits: every10s([5000, 0], [5100, 0], [0, 5200], [100, 5150]), currentLag: 5150, now: T0 + 35 * SEC },
    status: 'REWIND',
    reason: 'offset went back from 5,100 to 0 and has not returned to 5,100 since; 5,150 behind',
  },
  {
    why: 'REWIND vs STALL: the tail commits the same offset, but the drop before it is checked first',
    w: {
      commits: every10s([500, 40], [500, 40], [120, 420], [120, 420], [120, 420]),
      currentLag: 420,
      now: T0 + 45 * SEC,
    },
    status: 'REWIND',
    reason: 'offset went back from 500 to 120 and has not returned to 500 since; 420 behind',
  },
  {
    why: 'every drop is checked: an early recovered drop does not hide a later one (Burrow checks only the first and would say OK)',
    w: { commits: every10s([1000, 10], [500, 600], [1200, 20], [1100, 300]), currentLag: 300, now: T0 + 35 * SEC },
    status: 'REWIND',
    reason: 'offset went back from 1,200 to 1,100 and has not returned to 1,200 since; 300 behind',
  },
  {
    why: 'not REWIND: climbing back to exactly the old offset counts as recovered',
    w: { commits: every10s([1000, 50], [800, 250], [1000, 60]), currentLag: 60, now: T0 + 25 * SEC },
    status: 'OK',
    reason:
      '60 behind now, but lag fell from 250 to 60 at the commit 5 s ago; offset went back from 1,000 to 800 but climbed back',
  },
]);

// ---------------------------------------------------------------------------------------------
// STALL: lag above allowed at every commit, and every committed offset the same (≥ 2 commits).

table('STALL', [
  {
    why: 'offset 1,000 five times while lag grows — Burrow #5',
    w: {
      commits: atSeconds([1000, 100, 100], [1000, 150, 200], [1000, 200, 300], [1000, 250, 400], [1000, 300, 500]),
      recentLogEnds: [{ offset: 1300, timestamp: 590 * SEC }],
      currentLag: 300,
      now: 600 * SEC,
    },
    status: 'STALL',
    reason: 'the same offset 1,000 was committed 5 times while 300 behind',
  },
  {
    why: 'the same offset ten times with flat lag is still STALL, not WARN — Burrow #6',
    w: {
      commits: Array.from({ length: 10 }, (_, i) => ({ offset: 4321, lag: 57, timestamp: T0 + i * 10 * SEC })),
      currentLag: 57,
      now: T0 + 95 * SEC,
    },
    status: 'STALL',
    reason: 'the same offset 4,321 was committed 10 times while 57 behind',
  },
  {
    why: 'allowedLag 99, every commit lag above it — Burrow #13',
    w: { commits: stuck5, currentLag: 300, allowedLag: 99, now: after(stuck5, 5 * SEC) },
    status: 'STALL',
    reason: 'the same offset 1,000 was committed 5 times while 300 behind',
  },
  {
    why: 'two commits are enough',
    w: { commits: every10s([700, 5], [700, 9]), currentLag: 9, now: T0 + 15 * SEC },
    status: 'STALL',
    reason: 'the same offset 700 was committed 2 times while 9 behind',
  },
  {
    why: 'not STALL: lag was 0 at the first commit of the window — Burrow #4',
    w: {
      commits: atSeconds([1000, 0, 100], [1000, 50, 200], [1000, 100, 300], [1000, 150, 400], [1000, 200, 500]),
      currentLag: 200,
      now: 600 * SEC,
    },
    status: 'OK',
    reason: '200 behind now, but was caught up at the commit 8 min 20 s ago',
  },
  {
    why: 'not STALL: allowedLag 150 and the second commit had lag exactly 150',
    w: { commits: stuck5, currentLag: 300, allowedLag: 150, now: after(stuck5, 5 * SEC) },
    status: 'OK',
    reason: '300 behind now, but was within the allowed 150 at the commit 35 s ago',
  },
]);

// ---------------------------------------------------------------------------------------------
// WARN: lag above allowed at every commit, offsets moving, lag never lower than at the commit before.

table('WARN', [
  {
    why: 'lag rose at every commit',
    w: {
      commits: every10s([100, 10], [200, 40], [300, 90], [400, 130], [500, 200], [600, 250]),
      currentLag: 250,
      now: T0 + 55 * SEC,
    },
    status: 'WARN',
    reason: 'lag rose from 10 to 250 across the last 6 commits',
  },
  {
    why: 'flat lag while moving counts as not decreasing',
    w: { commits: every10s([100, 40], [200, 40], [300, 40], [400, 40]), currentLag: 40, now: T0 + 35 * SEC },
    status: 'WARN',
    reason: 'lag stayed at 40 across the last 4 commits',
  },
  {
    why: 'rises with a flat step in between',
    w: { commits: every10s([100, 10], [200, 30], [300, 30], [400, 70]), currentLag: 70, now: T0 + 35 * SEC },
    status: 'WARN',
    reason: 'lag rose from 10 to 70 across the last 4 commits',
  },
  {
    why: 'allowedLag 5, every commit above it',
    w: { commits: every10s([100, 6], [200, 8], [300, 9]), currentLag: 9, allowedLag: 5, now: T0 + 25 * SEC },
    status: 'WARN',
    reason: 'lag rose from 6 to 9 across the last 3 commits',
  },
  {
    why: 'not WARN: allowedLag 5 and the first commit had lag 5',
    w: { commits: every10s([100, 5], [200, 8], [300, 9]), currentLag: 9, allowedLag: 5, now: T0 + 25 * SEC },
    status: 'OK',
    reason: '9 behind now, but was within the allowed 5 at the commit 25 s ago',
  },
  {
    why: 'only the newest WINDOW commits count: the drop 500 → 100 is the 11th commit back',
    w: {
      commits: every10s(...[500, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190].map((lag, i): [number, number] => [i * 100, lag])),
      currentLag: 190,
      now: T0 + 105 * SEC,
    },
    status: 'WARN',
    reason: 'lag rose from 100 to 190 across the last 10 commits',
  },
  {
    why: 'STOP suppressed by a recent log-end at the last commit, then WARN',
    w: {
      commits: every10s([100, 10], [200, 40], [300, 90]),
      recentLogEnds: [{ offset: 300, timestamp: T0 + 110 * SEC }],
      currentLag: 90,
      now: T0 + 140 * SEC,
    },
    status: 'WARN',
    reason: 'lag rose from 10 to 90 across the last 3 commits; no commit for 2 min, but it was caught up 30 s ago',
  },
]);

describe('WINDOW', () => it("is Burrow's default `intervals`", () => expect(WINDOW).toBe(10)));

describe('formatSpan', () => {
  const rows: [number, string][] = [
    [0, '0 s'],
    [400, 'under 1 s'],
    [40 * SEC, '40 s'],
    [60 * SEC, '1 min'],
    [150 * SEC, '2 min 30 s'],
    [65 * MIN, '1 h 5 min'],
    [76 * 60 * MIN, '3 d 4 h'],
  ];
  for (const [ms, text] of rows) it(`${ms} ms → ${text}`, () => expect(formatSpan(ms)).toBe(text));
});

// ---------------------------------------------------------------------------------------------
// Group: the worst partition; STOP, STALL and REWIND show as ERR.

function part(topic: string, partition: number, status: PartitionStatus, lag: number | null, reason = 'r'): PartitionResult {
  return { topic, partition, status, lag, reason };
}

describe('toGroupStatus', () => {
  const rows: [PartitionStatus, string][] = [
    ['OK', 'OK'],
    ['WARN', 'WARN'],
    ['STOP', 'ERR'],
    ['STALL', 'ERR'],
    ['REWIND', 'ERR'],
  ];
  for (const [p, g] of rows) it(`${p} → ${g}`, () => expect(toGroupStatus(p)).toBe(g));
});

describe('evaluateGroup', () => {
  const rows: { why: string; parts: PartitionResult[]; expected: ReturnType<typeof evaluateGroup> }[] = [
    { why: 'no partitions', parts: [], expected: { status: 'OK', reason: 'no partitions' } },
    {
      why: 'all OK',
      parts: [part('orders', 0, 'OK', 0), part('orders', 1, 'OK', 3), part('orders', 2, 'OK', null)],
      expected: { status: 'OK', reason: 'all 3 partitions are OK' },
    },
    { why: 'one OK partition', parts: [part('orders', 0, 'OK', 0)], expected: { status: 'OK', reason: 'its one partition is OK' } },
    {
      why: 'one WARN among OKs names it',
      parts: [
        part('orders', 0, 'OK', 9000),
        part('orders', 1, 'WARN', 250, 'lag rose from 10 to 250 across the last 6 commits'),
        part('orders', 2, 'OK', 0),
      ],
      expected: {
        status: 'WARN',
        reason: 'orders-1 WARN: lag rose from 10 to 250 across the last 6 commits',
        worst: { topic: 'orders', partition: 1 },
      },
    },
    {
      why: 'STOP makes the group ERR',
      parts: [
        part('orders', 0, 'OK', 0),
        part('orders', 3, 'STOP', 1204, 'no commit for 5 min while 1,204 behind; the window spans 40 s'),
      ],
      expected: {
        status: 'ERR',
        reason: 'orders-3 STOP: no commit for 5 min while 1,204 behind; the window spans 40 s',
        worst: { topic: 'orders', partition: 3 },
      },
    },
    {
      why: 'STALL is ERR and outranks a WARN with far more lag',
      parts: [part('orders', 0, 'WARN', 99_999), part('orders', 1, 'STALL', 5, 'stuck')],
      expected: { status: 'ERR', reason: 'orders-1 STALL: stuck', worst: { topic: 'orders', partition: 1 } },
    },
    {
      why: 'REWIND is ERR',
      parts: [part('payments', 7, 'REWIND', 40, 'went back')],
      expected: { status: 'ERR', reason: 'payments-7 REWIND: went back', worst: { topic: 'payments', partition: 7 } },
    },
    {
      why: 'mixed with null lags: among two WARNs the one with a lag is named, null counts as least',
      parts: [part('a', 0, 'OK', null), part('a', 1, 'WARN', null, 'w1'), part('a', 2, 'WARN', 40, 'w2')],
      expected: { status: 'WARN', reason: 'a-2 WARN: w2; 1 other partition in WARN', worst: { topic: 'a', partition: 2 } },
    },
    {
      why: 'equally bad: STOP, STALL and REWIND are one severity; the most lag is named, the rest counted',
      parts: [part('a', 0, 'REWIND', 10, 'x'), part('a', 1, 'STOP', 20, 'y'), part('a', 2, 'STALL', 15, 'z'), part('a', 3, 'WARN', 500)],
      expected: { status: 'ERR', reason: 'a-1 STOP: y; 2 other partitions in ERR', worst: { topic: 'a', partition: 1 } },
    },
    {
      why: 'equally bad and no lags at all: the first in input order',
      parts: [part('a', 4, 'STALL', null, 'first'), part('a', 5, 'STOP', null, 'second')],
      expected: { status: 'ERR', reason: 'a-4 STALL: first; 1 other partition in ERR', worst: { topic: 'a', partition: 4 } },
    },
  ];
  for (const r of rows) it(r.why, () => expect(evaluateGroup(r.parts)).toEqual(r.expected));

  it('evaluates partitions end to end', () => {
    const stopped = evaluatePartition({ commits: rising5, currentLag: 1204, now: after(rising5, 5 * MIN) });
    const g = evaluateGroup([part('orders', 0, 'OK', 0), { topic: 'orders', partition: 3, lag: 1204, ...stopped }]);
    expect(g).toEqual({
      status: 'ERR',
      reason: 'orders-3 STOP: no commit for 5 min while 1,204 behind; the window spans 40 s',
      worst: { topic: 'orders', partition: 3 },
    });
  });
});
