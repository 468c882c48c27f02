// Burrow's rules fed the windows a sampler builds: the last WINDOW polls of the log-end at
// the sample interval (PollWindow) and the last WINDOW commits. The cases the window of
// log-end *changes* got wrong, and the same windows after a round trip through a restart.
import { describe, expect, it } from 'vitest';
import { evaluatePartition, WINDOW, type CommitPoint } from './lag-status';
import { PollWindow } from './poll-window';

const SAMPLE = 5000;
const MIN = 60_000;
const HOUR = 3600_000;
const T0 = Date.UTC(2026, 0, 1);

/** Commits every `every` ms from `from` for `n` commits, each at `offset(i)` with the lag at that time. */
function commits(from: number, every: number, n: number, offset: (i: number) => number, logEnd: (t: number) => number): CommitPoint[] {
  return Array.from({ length: n }, (_, i) => {
    const t = from + i * every;
    return { offset: offset(i), timestamp: t, lag: Math.max(0, logEnd(t) - offset(i)) };
  });
}

/** A sampler's polls of the log-end from `from` to `to`, every SAMPLE ms. */
function polls(from: number, to: number, logEnd: (t: number) => number): PollWindow {
  const w = new PollWindow();
  for (let t = from; t <= to; t += SAMPLE) w.push(logEnd(t), t);
  return w;
}

describe('evaluatePartition on windows of polls (Burrow: the last `intervals` broker offsets)', () => {
  it('a consumer silent for 9 h on a slow topic is STOP, though the topic was idle when it stopped', () => {
    // 1,000 records, consumed and committed every minute until 09:00 (caught up); one record
    // arrives at 17:00; now is 18:00 and the consumer has not committed since 09:00
    const stoppedAt = T0 + 9 * HOUR;
    const now = T0 + 18 * HOUR;
    const logEnd = (t: number) => (t >= T0 + 17 * HOUR ? 1001 : 1000);
    const window = commits(stoppedAt - 9 * MIN, MIN, WINDOW, () => 1000, logEnd);
    const pollWindow = polls(T0, now, logEnd);
    expect(pollWindow.samples().every((s) => s.offset === 1001)).toBe(true); // the idle hours are out of the window
    const r = evaluatePartition({ commits: window, currentLag: 1, recentLogEnds: pollWindow.samples(), now });
    expect(r.status).toBe('STOP');
    expect(r.reason).toMatch(/^no commit for 9 h while 1 behind/);

    // what a window of log-end *changes* passed: the change to 1000 from hours ago, which
    // made a stopped consumer look like one on an idle topic
    const changes = [
      { offset: 1000, timestamp: T0 + 8 * HOUR },
      { offset: 1001, timestamp: T0 + 17 * HOUR },
    ];
    expect(evaluatePartition({ commits: window, currentLag: 1, recentLogEnds: changes, now }).status).toBe('OK');
  });

  it('a consumer keeping up on an idle topic is OK: silent for an hour, but the polls show it caught up until a record arrived 10 s ago', () => {
    // ten commits a minute apart ending an hour ago, all caught up at 100; nothing arrived
    // since, until one record 10 s ago: silent far longer than the window spans, which is
    // STOP unless a recent poll had nothing left to read (Burrow #303)
    const now = T0 + 12 * HOUR;
    const logEnd = (t: number) => (t >= now - 10_000 ? 101 : 100);
    const window = commits(now - HOUR - 9 * MIN, MIN, WINDOW, () => 100, logEnd);
    const pollWindow = polls(now - 45_000, now, logEnd);
    const r = evaluatePartition({ commits: window, currentLag: 1, recentLogEnds: pollWindow.samples(), now });
    expect(r.status).toBe('OK');
    expect(r.reason).toMatch(/no commit for 1 h, but it was caught up 1\d s ago/);
    // ten polls later, still not read: now it has stopped
    const later = now + WINDOW * SAMPLE;
    const stale = polls(now - 45_000, later, logEnd);
    expect(evaluatePartition({ commits: window, currentLag: 1, recentLogEnds: stale.samples(), now: later }).status).toBe('STOP');
  });

  it('a consumer that keeps committing the same offset while the log grows is STALL; one falling behind is WARN', () => {
    const now = T0 + HOUR;
    const logEnd = (t: number) => Math.floor((t - T0) / 1000);
    const stuck = commits(now - 10 * MIN, MIN, WINDOW, () => 500, logEnd);
    expect(evaluatePartition({ commits: stuck, currentLag: logEnd(now) - 500, recentLogEnds: polls(now - 50_000, now, logEnd).samples(), now }).status).toBe('STALL');
    const slow = commits(now - 10 * MIN, MIN, WINDOW, (i) => 2000 + i * 30, logEnd);
    expect(evaluatePartition({ commits: slow, currentLag: logEnd(now) - (2000 + 9 * 30), recentLogEnds: polls(now - 50_000, now, logEnd).samples(), now }).status).toBe('WARN');
  });

  it('the same windows give the same status after a restart (the poll window round-trips through JSON)', () => {
    const now = T0 + 18 * HOUR;
    const logEnd = (t: number) => (t >= T0 + 17 * HOUR ? 1001 : 1000);
    const window = commits(T0 + 9 * HOUR - 9 * MIN, MIN, WINDOW, () => 1000, logEnd);
    const before = polls(T0, now, logEnd);
    const stored = JSON.parse(JSON.stringify({ commits: window, polls: before }));
    const after = PollWindow.from(stored.polls);
    expect(after.samples()).toEqual(before.samples());
    const a = evaluatePartition({ commits: window, currentLag: 1, recentLogEnds: before.samples(), now });
    const b = evaluatePartition({ commits: stored.commits, currentLag: 1, recentLogEnds: after.samples(), now });
    expect(b).toEqual(a);
  });
});

describe('PollWindow', () => {
  it('keeps the last WINDOW polls, oldest first, changed or not', () => {
    const w = new PollWindow();
    for (let i = 0; i < 25; i++) w.push(i < 20 ? 7 : 8, i);
    expect(w.length).toBe(WINDOW);
    expect(w.samples().map((s) => s.timestamp)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(w.samples().map((s) => s.offset)).toEqual([7, 7, 7, 7, 7, 8, 8, 8, 8, 8]);
    expect(PollWindow.from(w.toJSON()).samples()).toEqual(w.samples());
  });
});
