import { describe, expect, it } from 'vitest';
import { ResetRequest } from '../contract/reset';
import {
  lookupKey,
  parseDateTime,
  parseDuration,
  parseResetCsv,
  planReset,
  planToCsv,
  PlanError,
  resolveScope,
  targetTime,
  undoCsv,
  type PartitionFacts,
  type ScopeFacts,
} from './reset-plan';

const req = (r: Record<string, unknown>) => ResetRequest.parse({ dryRun: true, scope: { topics: ['orders'] }, ...r });
// orders: p0 committed 5 of [0, 10); p1 committed 2 of [3, 8) (below log-start); p2 no commit of [0, 4)
const facts: PartitionFacts[] = [
  { topic: 'orders', partition: 0, logStart: 0, logEnd: 10, committed: 5 },
  { topic: 'orders', partition: 1, logStart: 3, logEnd: 8, committed: 2 },
  { topic: 'orders', partition: 2, logStart: 0, logEnd: 4, committed: null },
];
const scopeFacts: ScopeFacts = {
  groupId: 'billing',
  committed: [
    { topic: 'orders', partition: 0 },
    { topic: 'orders', partition: 1 },
    { topic: 'payments', partition: 0 },
  ],
  partitionCounts: new Map([
    ['orders', 3],
    ['payments', 2],
    ['audit', 1],
  ]),
};
const offsets = (rows: { newOffset: number | null }[]) => rows.map((r) => r.newOffset);

describe('strategies', () => {
  it('to-earliest and to-latest go to the log bounds, with lag before and after', () => {
    const e = planReset(req({ strategy: 'to-earliest' }), facts);
    expect(offsets(e)).toEqual([0, 3, 0]);
    expect(e.map((r) => [r.lagBefore, r.lagAfter])).toEqual([
      [5, 10],
      [6, 5],
      [null, 4],
    ]);
    const l = planReset(req({ strategy: 'to-latest' }), facts);
    expect(offsets(l)).toEqual([10, 8, 4]);
    expect(l.every((r) => r.lagAfter === 0 && r.warnings.length === 0 && r.error === null)).toBe(true);
  });

  it('to-current keeps commits (even below log-start) and puts partitions without one at log-end', () => {
    const p = planReset(req({ strategy: 'to-current' }), facts);
    expect(offsets(p)).toEqual([5, 2, 4]);
    expect(p[2].warnings[0]).toContain('no committed offset');
  });

  it('to-offset clamps both ways with the CLI warning text', () => {
    const p = planReset(req({ strategy: 'to-offset', offset: 9 }), facts);
    expect(offsets(p)).toEqual([9, 8, 4]);
    expect(p[0].warnings).toEqual([]);
    expect(p[1].warnings).toEqual(['New offset (9) is higher than latest offset for topic partition orders-1. Value will be set to 8']);
    const low = planReset(req({ strategy: 'to-offset', offset: 1 }), facts);
    expect(offsets(low)).toEqual([1, 3, 1]);
    expect(low[1].warnings).toEqual(['New offset (1) is lower than earliest offset for topic partition orders-1. Value will be set to 3']);
  });

  it('shift-by moves from the commit, clamps, and is an error on a partition without a commit', () => {
    const p = planReset(req({ strategy: 'shift-by', shiftBy: -2 }), facts);
    expect(offsets(p)).toEqual([3, 3, null]);
    expect(p[1].warnings[0]).toBe('New offset (0) is lower than earliest offset for topic partition orders-1. Value will be set to 3');
    expect(p[2].error).toBe('Cannot shift offset for partition orders-2 since there is no current committed offset');
    expect(p[2].lagAfter).toBeNull();
    expect(offsets(planReset(req({ strategy: 'shift-by', shiftBy: 100 }), facts))).toEqual([10, 8, null]);
  });

  it('to-datetime takes the first offset at or after the time, and log-end with a warning when no record is that new', () => {
    const r = req({ strategy: 'to-datetime', datetime: '2026-03-01T10:00:00' });
    const time = targetTime(r, 0);
    expect(time).toBe(Date.UTC(2026, 2, 1, 10));
    const lookups = new Map([
      [lookupKey({ topic: 'orders', partition: 0 }), 7],
      [lookupKey({ topic: 'orders', partition: 1 }), null],
      [lookupKey({ topic: 'orders', partition: 2 }), 0],
    ]);
    const p = planReset(r, facts, { timestampOffsets: lookups, time });
    expect(offsets(p)).toEqual([7, 8, 0]);
    expect(p[1].warnings).toEqual(['No record in orders-1 has a timestamp at or after 2026-03-01T10:00:00.000Z: the offset is set to log-end 8.']);
  });

  it('by-duration looks up now − duration', () => {
    const now = Date.UTC(2026, 0, 2, 12);
    expect(targetTime(req({ strategy: 'by-duration', duration: 'P1DT2H' }), now)).toBe(Date.UTC(2026, 0, 1, 10));
    expect(targetTime(req({ strategy: 'to-earliest' }), now)).toBeNull();
  });

  it('from-file takes each line, clamped', () => {
    const r = ResetRequest.parse({ dryRun: true, strategy: 'from-file', csv: 'orders,0,6\norders,1,99\n' });
    const p = planReset(r, facts.slice(0, 2));
    expect(offsets(p)).toEqual([6, 8]);
    expect(p[1].warnings[0]).toContain('Value will be set to 8');
  });
});

describe('scope', () => {
  it('"all" is every partition the group has commits for', () => {
    expect(resolveScope(req({ strategy: 'to-earliest', scope: { topics: 'all' } }), scopeFacts)).toEqual([
      { topic: 'orders', partition: 0 },
      { topic: 'orders', partition: 1 },
      { topic: 'payments', partition: 0 },
    ]);
  });
  it('a topic is all of its partitions; several topics; chosen partitions', () => {
    expect(resolveScope(req({ strategy: 'to-earliest' }), scopeFacts).map((t) => t.partition)).toEqual([0, 1, 2]);
    expect(resolveScope(req({ strategy: 'to-earliest', scope: { topics: ['payments', 'audit'] } }), scopeFacts)).toEqual([
      { topic: 'audit', partition: 0 },
      { topic: 'payments', partition: 0 },
      { topic: 'payments', partition: 1 },
    ]);
    expect(resolveScope(req({ strategy: 'to-earliest', scope: { topics: ['orders', 'audit'], partitions: { orders: [2, 0, 2] } } }), scopeFacts)).toEqual([
      { topic: 'audit', partition: 0 },
      { topic: 'orders', partition: 0 },
      { topic: 'orders', partition: 2 },
    ]);
  });
  it('from-file takes the scope from the file', () => {
    const r = ResetRequest.parse({ dryRun: true, strategy: 'from-file', csv: 'payments,1,0\norders,0,3', scope: { topics: ['audit'] } });
    expect(resolveScope(r, scopeFacts)).toEqual([
      { topic: 'orders', partition: 0 },
      { topic: 'payments', partition: 1 },
    ]);
  });
  it('refuses what cannot be reset, saying why', () => {
    const bad = (r: Record<string, unknown>, facts2: ScopeFacts = scopeFacts) => () => resolveScope(req(r), facts2);
    expect(bad({ strategy: 'to-earliest', scope: { topics: 'all' } }, { ...scopeFacts, committed: [] })).toThrow(/has no committed offsets/);
    expect(bad({ strategy: 'to-earliest', scope: { topics: [] } })).toThrow(/scope is empty/);
    expect(bad({ strategy: 'to-earliest', scope: { topics: ['nope'] } })).toThrow(/Topic 'nope' does not exist/);
    expect(bad({ strategy: 'to-earliest', scope: { topics: ['orders'], partitions: { payments: [0] } } })).toThrow(/'payments' is not among the topics/);
    expect(bad({ strategy: 'to-earliest', scope: { topics: ['orders'], partitions: { orders: [3] } } })).toThrow(/has no partition 3 \(it has 3: 0–2\)/);
    expect(() => resolveScope(ResetRequest.parse({ dryRun: true, strategy: 'from-file', csv: 'orders,9,0' }), scopeFacts)).toThrow(/In the file: Topic 'orders' has no partition 9/);
    expect(bad({ strategy: 'to-earliest' })).not.toThrow();
    try {
      bad({ strategy: 'to-earliest', scope: { topics: [] } })();
    } catch (e) {
      expect(e).toBeInstanceOf(PlanError);
    }
  });
});

describe('the request schema', () => {
  it('asks for what each strategy needs and refuses numbers past 2^53', () => {
    const fails = (r: Record<string, unknown>) => ResetRequest.safeParse({ dryRun: true, scope: { topics: ['t'] }, ...r }).success === false;
    expect(fails({ strategy: 'to-offset' })).toBe(true);
    expect(fails({ strategy: 'to-offset', offset: 'ten' })).toBe(true);
    expect(fails({ strategy: 'shift-by', shiftBy: 2 ** 63 })).toBe(true);
    expect(fails({ strategy: 'to-datetime' })).toBe(true);
    expect(fails({ strategy: 'from-file' })).toBe(true);
    expect(fails({ strategy: 'to-earliest', scope: undefined })).toBe(true);
    expect(fails({ strategy: 'to-the-moon' })).toBe(true);
    expect(fails({ strategy: 'shift-by', shiftBy: -3 })).toBe(false);
  });
});

describe('durations and date-times', () => {
  it('parses PnDTnHnMnS', () => {
    expect(parseDuration('PT30M')).toBe(30 * 60_000);
    expect(parseDuration('P1DT12H')).toBe(36 * 3600_000);
    expect(parseDuration('pt1.5s')).toBe(1500);
    expect(parseDuration('P2D')).toBe(2 * 86_400_000);
  });
  it.each(['', 'P', 'PT', 'P1DT', '30m', 'P1Y', 'P1M', 'PT-5M', '-PT5M', 'PT5M junk'])('refuses %j', (s) => {
    expect(() => parseDuration(s)).toThrow(/not an ISO-8601 duration/);
  });
  it('parses date-times; no zone is UTC', () => {
    expect(parseDateTime('2026-03-01T10:00:00Z')).toBe(Date.UTC(2026, 2, 1, 10));
    expect(parseDateTime('2026-03-01T10:00')).toBe(Date.UTC(2026, 2, 1, 10));
    expect(parseDateTime('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(parseDateTime('2026-03-01T10:00:00.250+02:00')).toBe(Date.UTC(2026, 2, 1, 8, 0, 0, 250));
    expect(parseDateTime('2026-03-01T10:00:00+0200')).toBe(Date.UTC(2026, 2, 1, 8));
  });
  it.each(['yesterday', '2026-02-31T00:00:00', '2026-13-01', '2026-03-01T25:00', '1700000000000', 'March 1, 2026'])('refuses %j', (s) => {
    expect(() => parseDateTime(s)).toThrow(/date-time/);
  });
});

describe('reset files', () => {
  it('round-trips a plan through CSV (errors left out)', () => {
    const plan = planReset(req({ strategy: 'shift-by', shiftBy: 1 }), facts);
    const csv = planToCsv(plan);
    expect(csv).toBe('orders,0,6\norders,1,3\n');
    expect(parseResetCsv(csv)).toEqual([
      { topic: 'orders', partition: 0, offset: 6 },
      { topic: 'orders', partition: 1, offset: 3 },
    ]);
  });
  it('skips a header, blank lines and comments; takes CRLF', () => {
    expect(parseResetCsv('topic,partition,offset\r\n# replay\r\n\r\norders, 2 ,7\r\n')).toEqual([{ topic: 'orders', partition: 2, offset: 7 }]);
  });
  it.each([
    ['orders,0', /line 1: expected topic,partition,offset/],
    ['orders,0,1\norders,x,1', /line 2: partition 'x' is not a whole number/],
    ['orders,0,1\n\norders,1,1.5', /line 3: offset '1.5' is not a whole number/],
    ['orders,0,99999999999999999999', /line 1: offset .* below 2\^53/],
    ['bad topic!,0,1', /line 1: 'bad topic!' is not a topic name/],
    ['orders,0,1\norders,0,2', /line 2: orders-0 is already on line 1/],
    ['\n# nothing\n', /names no partitions/],
  ])('refuses %j with the line number', (csv, msg) => {
    expect(() => parseResetCsv(csv)).toThrow(msg);
  });
  it('undo is the offsets from before, leaving out partitions that had none', () => {
    expect(
      undoCsv([
        { topic: 'orders', partition: 0, offset: 5 },
        { topic: 'orders', partition: 2, offset: null },
      ]),
    ).toBe('orders,0,5\n');
  });
});
