// Planning an offset reset with the semantics of kafka-consumer-groups.sh --reset-offsets:
// which partitions a scope names, where each strategy puts each of them, and the CLI's
// warnings when an explicit offset falls outside [log-start, log-end]. Pure: the server
// looks up the log bounds, committed offsets and timestamp offsets, and applies the plan.
import type { PlanRow, ResetRequest } from '../contract/reset';
import { partitionLag } from './lag';

/** A request that cannot be planned: answered 400 with this message, nothing committed. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

export interface TopicPartition {
  topic: string;
  partition: number;
}
export interface PartitionFacts extends TopicPartition {
  logStart: number;
  logEnd: number;
  committed: number | null;
}
export interface FileOffset extends TopicPartition {
  offset: number;
}

export const tpName = (tp: TopicPartition) => `${tp.topic}-${tp.partition}`; // as Kafka prints a TopicPartition
const tpKey = (tp: TopicPartition) => `${tp.topic}\u0000${tp.partition}`;

// ---- parsing what a person types --------------------------------------------------------

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/i;

/** ISO-8601 `PnDTnHnMnS` (as Java's Duration, which the CLI's --by-duration takes) → ms. */
export function parseDuration(text: string): number {
  const s = text.trim();
  const m = DURATION.exec(s);
  if (!m || s.toUpperCase() === 'P' || /T$/i.test(s) || m.slice(1).every((x) => x === undefined)) {
    throw new PlanError(`'${text}' is not an ISO-8601 duration like PT30M, PT2H or P1DT12H (days, hours, minutes, seconds).`);
  }
  const [d, h, min, sec] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const ms = Math.round((((d * 24 + h) * 60 + min) * 60 + sec) * 1000);
  if (!Number.isSafeInteger(ms)) throw new PlanError(`The duration '${text}' is too long.`);
  return ms;
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** ISO-8601 date-time (seconds, fraction and zone optional; no zone = UTC) → epoch ms. */
export function parseDateTime(text: string): number {
  const s = text.trim();
  const m = DATETIME.exec(s);
  if (!m) throw new PlanError(`'${text}' is not an ISO-8601 date-time like 2026-03-01T12:00:00Z (a time without a zone is UTC).`);
  const [, y, mo, d, h = '00', mi = '00', sec = '00', frac = '', zone = 'Z'] = m;
  const z = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${sec}${frac ? frac.slice(0, 4).padEnd(4, '0') : ''}${z}`;
  const t = Date.parse(iso);
  // Date.parse rolls 2026-02-31 over to March: a date that does not exist is refused.
  if (Number.isNaN(t) || new Date(Date.UTC(+y, +mo - 1, +d)).getUTCDate() !== +d || +h > 23 || +mi > 59 || +sec > 59) {
    throw new PlanError(`'${text}' is not a valid date-time.`);
  }
  return t;
}

/**
 * The CLI's reset file: `topic,partition,offset` per line (its --export writes the same).
 * A header line, blank lines and `#` comments are skipped; errors name the line.
 */
export function parseResetCsv(text: string): FileOffset[] {
  const out: FileOffset[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const n = i + 1;
    if (line === '' || line.startsWith('#')) return;
    if (out.length === 0 && /^topic\s*,\s*partition\s*,\s*offset$/i.test(line)) return;
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length !== 3) throw new PlanError(`line ${n}: expected topic,partition,offset but got '${line.slice(0, 80)}'.`);
    const [topic, p, o] = fields;
    if (!/^[A-Za-z0-9._-]{1,249}$/.test(topic)) throw new PlanError(`line ${n}: '${topic.slice(0, 80)}' is not a topic name.`);
    if (!/^\d+$/.test(p) || !Number.isSafeInteger(Number(p))) throw new PlanError(`line ${n}: partition '${p.slice(0, 40)}' is not a whole number 0 or more.`);
    if (!/^-?\d+$/.test(o) || !Number.isSafeInteger(Number(o))) throw new PlanError(`line ${n}: offset '${o.slice(0, 40)}' is not a whole number below 2^53.`);
    const row = { topic, partition: Number(p), offset: Number(o) };
    const first = seen.get(tpKey(row));
    if (first !== undefined) throw new PlanError(`line ${n}: ${tpName(row)} is already on line ${first}.`);
    seen.set(tpKey(row), n);
    out.push(row);
  });
  if (out.length === 0) throw new PlanError('The file names no partitions: expected lines of topic,partition,offset.');
  return out;
}

/** A plan as the reset file the CLI reads (and `parseResetCsv` reads back). */
export function planToCsv(rows: readonly { topic: string; partition: number; newOffset: number | null }[]): string {
  return rows
    .filter((r) => r.newOffset !== null)
    .map((r) => `${r.topic},${r.partition},${r.newOffset}\n`)
    .join('');
}

// ---- scope ----------------------------------------------------------------------------

export interface ScopeFacts {
  groupId: string;
  /** Partitions the group has committed offsets for. */
  committed: TopicPartition[];
  /** Every existing topic's partition count. */
  partitionCounts: ReadonlyMap<string, number>;
}

function checkPartition(tp: TopicPartition, counts: ReadonlyMap<string, number>, where = ''): void {
  const n = counts.get(tp.topic);
  if (n === undefined) throw new PlanError(`${where}Topic '${tp.topic}' does not exist.`);
  if (tp.partition >= n) throw new PlanError(`${where}Topic '${tp.topic}' has no partition ${tp.partition} (it has ${n}: 0–${n - 1}).`);
}

/** The partitions a request names, in topic then partition order. */
export function resolveScope(req: ResetRequest, facts: ScopeFacts): TopicPartition[] {
  let out: TopicPartition[];
  if (req.strategy === 'from-file') {
    out = parseResetCsv(req.csv ?? '').map(({ topic, partition }) => ({ topic, partition }));
    out.forEach((tp) => checkPartition(tp, facts.partitionCounts, 'In the file: '));
  } else {
    const scope = req.scope;
    if (!scope) throw new PlanError('The scope is missing: {"topics": "all"} or a list of topics.');
    const all = scope.topics === 'all';
    const topics = all ? [...new Set(facts.committed.map((c) => c.topic))] : [...new Set(scope.topics as string[])];
    if (all && topics.length === 0) throw new PlanError(`Group '${facts.groupId}' has no committed offsets, so "all" names no topics: list the topics to reset.`);
    if (topics.length === 0) throw new PlanError('The scope is empty: name at least one topic.');
    for (const t of topics) if (!facts.partitionCounts.has(t)) throw new PlanError(`Topic '${t}' does not exist.`);
    const narrowed = scope.partitions ?? {};
    for (const t of Object.keys(narrowed)) {
      if (!topics.includes(t)) throw new PlanError(`The scope narrows topic '${t}' to some partitions, but '${t}' is not among the topics to reset.`);
      for (const p of narrowed[t]) checkPartition({ topic: t, partition: p }, facts.partitionCounts);
    }
    out = [];
    for (const t of topics) {
      const ps = narrowed[t]
        ? [...new Set(narrowed[t])]
        : all // as the CLI's --all-topics: the partitions the group has commits for
          ? facts.committed.filter((c) => c.topic === t).map((c) => c.partition)
          : [...Array(facts.partitionCounts.get(t)!).keys()];
      for (const p of ps) out.push({ topic: t, partition: p });
    }
  }
  return out.sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
}

/** The time to-datetime and by-duration look offsets up for; null for other strategies. */
export function targetTime(req: ResetRequest, now: number): number | null {
  if (req.strategy === 'to-datetime') return parseDateTime(req.datetime ?? '');
  if (req.strategy === 'by-duration') return now - parseDuration(req.duration ?? '');
  return null;
}

// ---- the plan -------------------------------------------------------------------------

/** The CLI's range check for explicit offsets, with its warning text. */
function clamp(offset: number, f: PartitionFacts, warnings: string[]): number {
  if (offset > f.logEnd) {
    warnings.push(`New offset (${offset}) is higher than latest offset for topic partition ${tpName(f)}. Value will be set to ${f.logEnd}`);
    return f.logEnd;
  }
  if (offset < f.logStart) {
    warnings.push(`New offset (${offset}) is lower than earliest offset for topic partition ${tpName(f)}. Value will be set to ${f.logStart}`);
    return f.logStart;
  }
  return offset;
}

export interface PlanLookups {
  /** For to-datetime / by-duration: the first offset with a timestamp ≥ the target time, null if none. */
  timestampOffsets?: ReadonlyMap<string, number | null>;
  /** The target time, for the warning when no record is that new. */
  time?: number | null;
}

export const lookupKey = tpKey;

export function planReset(req: ResetRequest, facts: readonly PartitionFacts[], lookups: PlanLookups = {}): PlanRow[] {
  const file = req.strategy === 'from-file' ? new Map(parseResetCsv(req.csv ?? '').map((r) => [tpKey(r), r.offset])) : null;
  return facts.map((f) => {
    const warnings: string[] = [];
    let error: string | null = null;
    let next: number | null = null;
    switch (req.strategy) {
      case 'to-earliest':
        next = f.logStart;
        break;
      case 'to-latest':
        next = f.logEnd;
        break;
      case 'to-current':
        next = f.committed ?? f.logEnd;
        if (f.committed === null) warnings.push(`${tpName(f)} has no committed offset: it is set to log-end ${f.logEnd}, as the CLI does.`);
        break;
      case 'to-offset':
        next = clamp(req.offset!, f, warnings);
        break;
      case 'shift-by':
        if (f.committed === null) error = `Cannot shift offset for partition ${tpName(f)} since there is no current committed offset`;
        else next = clamp(f.committed + req.shiftBy!, f, warnings);
        break;
      case 'to-datetime':
      case 'by-duration': {
        const found = lookups.timestampOffsets?.get(tpKey(f));
        if (found === undefined || found === null) {
          next = f.logEnd;
          const when = lookups.time != null ? new Date(lookups.time).toISOString() : 'that time';
          warnings.push(`No record in ${tpName(f)} has a timestamp at or after ${when}: the offset is set to log-end ${f.logEnd}.`);
        } else next = clamp(found, f, warnings);
        break;
      }
      case 'from-file':
        next = clamp(file!.get(tpKey(f))!, f, warnings);
        break;
    }
    return {
      topic: f.topic,
      partition: f.partition,
      currentOffset: f.committed,
      newOffset: next,
      lagBefore: partitionLag(f.committed, f.logEnd),
      lagAfter: partitionLag(next, f.logEnd),
      logStartOffset: f.logStart,
      logEndOffset: f.logEnd,
      warnings,
      error,
    };
  });
}

/** The reset that puts back what a recorded reset replaced (partitions that had a commit). */
export function undoCsv(before: readonly { topic: string; partition: number; offset: number | null }[]): string {
  return planToCsv(before.map((b) => ({ topic: b.topic, partition: b.partition, newOffset: b.offset })));
}
