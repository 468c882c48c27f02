// A search: a filter expression run over a topic's records on the server while it reads
// them, streamed back as NDJSON events (lib/contract/search.ts): a progress event at once
// and every PROGRESS_MS, each match as it is found, and an end event saying why it stopped.
// Everything that can refuse (the expression, the topic, the partitions) does so before the
// stream starts, so a bad request is a plain 400/404 and nothing is scanned.
//
// Partitions are read in turn, one Fetch each, so every partition advances and maxScanned
// cuts them evenly. From "newest" each partition is read backwards in windows (each window
// forwards, its matches sent newest first). Budgets: maxScanned counts every record tested,
// maxMatches every match sent, maxMillis the wall time from the start; the expression is
// tested under a watchdog (filter-expression.ts), at most EVAL_SLICE_MS at a time, so a
// costly expression holds the dashboard's thread no longer than that before others get a turn.
import type { Message } from '../../../lib/contract/messages';
import type { z } from 'zod';
import type { SearchEndReason, SearchEvent, SearchRequest, SearchStart } from '../../../lib/contract/search';
import { ErrorCode } from '../../protocol/errors';
import type { ClusterClient, TopicMeta } from '../connection/cluster-client';
import { KafkaApiError } from '../errors';
import { turn } from '../event-loop-slices';
import { logOffsets, tpKey } from '../routing/offsets';
import { parseTimestamp, startsAtTime, toMessage } from './browse';
import { RecordFilter } from './filter-expression';
import { PartitionReader, type FetchedRecord } from './partition-reader';
import { topicMeta } from './topic-meta';

export type SearchOptions = z.output<typeof SearchRequest>;
type Options = SearchOptions;

const PROGRESS_MS = 250;
/** The longest the expression may hold the thread at a time; a single record that needs longer ends the search (EXPRESSION_TOO_COSTLY). */
export const EVAL_SLICE_MS = 250;
/** Records tested per watchdog call (and between two turns of the event loop). */
const EVAL_BATCH = 256;
/** Records per backwards window, growing to WINDOW_MAX as windows come back with nothing. */
const WINDOW_MIN = 500;
const WINDOW_MAX = 20_000;

interface Range {
  reader: PartitionReader;
  /** Forwards: the next offset to read. Backwards: the end (exclusive) of what is left. */
  pos: number;
  /** Forwards: where to stop (the log end when the search began). Backwards: the log start. */
  limit: number;
  window: number;
  done: boolean;
}

/** What a search keeps for the metrics page: searches running and records tested, per cluster. */
export class SearchStats {
  running = 0;
  scannedTotal = 0;
}

export class SearchStoppedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A checked search, ready to stream: everything that can be refused was refused. */
export class PreparedSearch {
  constructor(
    private readonly filter: RecordFilter,
    private readonly ranges: Range[],
    private readonly backwards: boolean,
    readonly total: number,
    private readonly opts: Options,
    private readonly stats: SearchStats,
  ) {}

  /** Runs the scan, calling `emit` per event, until a budget, the end, or `signal`. Resolves after the last event. */
  async run(emit: (e: SearchEvent) => Promise<void> | void, signal: AbortSignal): Promise<void> {
    const started = performance.now();
    const deadline = started + this.opts.maxMillis;
    let scanned = 0;
    let matches = 0;
    let lastProgress = 0;
    const counts = () => ({ scanned, total: this.total, matches, elapsedMs: Math.round(performance.now() - started) });
    const progress = async (force = false) => {
      if (!force && performance.now() - lastProgress < PROGRESS_MS) return;
      lastProgress = performance.now();
      await emit({ type: 'progress', ...counts() });
    };
    const send = async (found: Message[]) => {
      for (const m of found) {
        matches++;
        await emit({ type: 'match', message: m });
      }
    };
    const addScanned = (n: number) => {
      scanned += n;
      this.stats.scannedTotal += n;
    };
    this.stats.running++;
    try {
      await progress(true);
      let reason: SearchEndReason | null = null;
      while (reason === null) {
        const open = this.ranges.filter((r) => !r.done);
        if (open.length === 0) {
          reason = 'end';
          break;
        }
        for (const range of open) {
          if (signal.aborted) reason = 'cancelled';
          else if (performance.now() >= deadline) reason = 'maxMillis';
          else if (scanned >= this.opts.maxScanned) reason = 'maxScanned';
          else if (matches >= this.opts.maxMatches) reason = 'maxMatches';
          if (reason) break;
          const step = await this.nextStep(range, this.opts.maxScanned - scanned);
          // test in watchdog-sized batches, sending matches (newest first when backwards) as found
          const found: Message[] = [];
          let tested = 0;
          while (tested < step.length && reason === null) {
            const batch = step.slice(tested, tested + EVAL_BATCH);
            const left = deadline - performance.now();
            if (signal.aborted) reason = 'cancelled';
            else if (left <= 0) reason = 'maxMillis';
            if (reason) break;
            const out = this.filter.test(range.reader.partition, batch.map((f) => f.record), Math.min(left, EVAL_SLICE_MS));
            let used = out.tested;
            for (const j of out.matched) {
              if (matches + found.length >= this.opts.maxMatches) {
                if (!this.backwards) used = j; // forwards, the records after the last match sent were not needed
                reason = 'maxMatches';
                break;
              }
              const f = batch[j];
              found.push(toMessage(range.reader.partition, f.record, f.logAppendTime));
            }
            tested += used;
            addScanned(used);
            if (out.problems) this.noteProblems(out.problems, out.firstProblem);
            if (out.interrupted && reason === null) {
              // the watchdog fired: past the deadline, or one slice was not enough
              if (performance.now() >= deadline - 1) reason = 'maxMillis';
              else if (out.tested === 0) {
                throw new SearchStoppedError('EXPRESSION_TOO_COSTLY', `Testing one record (offset ${batch[0].record.offset} of partition ${range.reader.partition}) took over ${EVAL_SLICE_MS} ms; the search was stopped so the dashboard stays responsive. Make the expression cheaper (fewer nested macros over large lists).`);
              }
            }
            if (!this.backwards) await send(found.splice(0));
            await turn(); // other requests get the thread between slices
            await progress();
          }
          await send(found.reverse()); // backwards: the window's matches, newest first
          await progress();
          if (reason) break;
        }
      }
      if (reason === 'maxScanned' && this.ranges.every((r) => r.done)) reason = 'end';
      await emit({ type: 'end', reason, ...counts(), ...this.problemCounts() });
    } catch (e) {
      if (signal.aborted) return;
      const code = e instanceof SearchStoppedError ? e.code : e instanceof KafkaApiError ? e.codeName : 'SEARCH_FAILED';
      await emit({ type: 'error', code, message: (e as Error).message, ...counts() });
    } finally {
      this.stats.running--;
    }
  }

  private problems = 0;
  private firstProblem: string | null = null;
  private noteProblems(n: number, first: string | null): void {
    this.problems += n;
    this.firstProblem ??= first;
  }
  private problemCounts(): { problems?: number; firstProblem?: string } {
    return this.problems ? { problems: this.problems, firstProblem: this.firstProblem ?? undefined } : {};
  }

  /** The next records of a range, at most `allowance` of them (what is left of maxScanned). */
  private async nextStep(range: Range, allowance: number): Promise<FetchedRecord[]> {
    if (!this.backwards) {
      const step = await range.reader.read(range.pos, range.limit);
      let records = step.records;
      range.pos = step.next;
      range.done = step.done;
      if (records.length > allowance) {
        records = records.slice(0, allowance);
        range.pos = records[records.length - 1].record.offset + 1;
        range.done = false;
      }
      if (range.pos >= range.limit) range.done = true;
      return records;
    }
    // backwards: one window [lo, pos), read forwards whole, never more records than the allowance
    const lo = Math.max(range.limit, range.pos - Math.min(range.window, allowance));
    const out: FetchedRecord[] = [];
    let at = lo;
    while (at < range.pos) {
      const step = await range.reader.read(at, range.pos);
      out.push(...step.records);
      if (step.done || step.next <= at) break;
      at = step.next;
    }
    range.pos = lo;
    range.window = Math.min(range.window * 2, WINDOW_MAX);
    if (lo <= range.limit) range.done = true;
    return out;
  }
}

/**
 * Checks a search and works out what it will read: the expression first (nothing is looked
 * up for a bad one), then the topic, the partitions and their offsets.
 */
export async function prepareSearch(client: ClusterClient, topic: string, opts: Options, stats: SearchStats): Promise<PreparedSearch> {
  const filter = new RecordFilter(opts.expression);
  const t = await topicMeta(client, topic);
  let parts = t.partitions;
  if (opts.partitions) {
    const wanted = new Set(opts.partitions);
    const missing = [...wanted].filter((p) => !t.partitions.some((x) => x.partition === p));
    if (missing.length) throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${topic}' has no partition ${missing.slice(0, 5).join(', ')}.`);
    parts = parts.filter((p) => wanted.has(p.partition));
  }
  const offsets = await logOffsets(client, [{ ...t, partitions: parts }]);
  const starts = await startOffsets(client, t, parts, opts.start, offsets);
  const backwards = opts.start === 'newest';
  const ranges: Range[] = [];
  let total = 0;
  for (const p of parts) {
    const o = offsets.get(tpKey(topic, p.partition));
    if (!o || o.start === null || o.end === null) throw new KafkaApiError(ErrorCode.LEADER_NOT_AVAILABLE, `The offsets of ${topic}-${p.partition} cannot be read right now (no leader).`);
    const reader = new PartitionReader(client, topic, p.partition, p.leader);
    if (backwards) {
      ranges.push({ reader, pos: o.end, limit: o.start, window: WINDOW_MIN, done: o.end <= o.start });
      total += o.end - o.start;
    } else {
      const from = Math.min(Math.max(starts.get(p.partition) ?? o.start, o.start), o.end);
      ranges.push({ reader, pos: from, limit: o.end, window: 0, done: from >= o.end });
      total += o.end - from;
    }
  }
  return new PreparedSearch(filter, ranges, backwards, total, opts, stats);
}

async function startOffsets(client: ClusterClient, t: TopicMeta, parts: TopicMeta['partitions'], start: SearchStart, offsets: Awaited<ReturnType<typeof logOffsets>>): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (typeof start === 'object' && 'offset' in start) for (const p of parts) out.set(p.partition, start.offset);
  else if (typeof start === 'object' && 'timestamp' in start) {
    const ts = typeof start.timestamp === 'number' ? start.timestamp : parseTimestamp(start.timestamp);
    return startsAtTime(client, t, parts, ts, offsets);
  }
  return out;
}
