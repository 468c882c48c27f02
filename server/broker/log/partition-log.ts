// One partition's log: an ordered list of segments under `<dataDir>/<topic>-<partition>/`,
// the log-start offset (moved by retention and DeleteRecords, kept in `log-start-offset`)
// and the log-end offset. Produce appends stored bytes; Fetch reads stored bytes; neither
// decodes records. Everything is loaded on first use, so a broker with thousands of
// partitions starts at once. The recovery point is the offset below which everything was
// fsynced (a roll, a flush, a clean stop): after an unclean stop every segment from it on
// is re-read with CRCs, and the log is cut at the first damage (see ./README.md).
import fs from 'node:fs';
import path from 'node:path';
import { BATCH_HEADER_SIZE, BATCH_LOG_OVERHEAD, OFF, decodeRecordBatch, readBatchHeader, setBaseOffset, type BatchHeader, type Record as StoredRecord } from '../../protocol/record-batch';
import { crc32c } from '@node-rs/crc32';
import { Wakeups } from '../wakeups';
import { fsyncDir, writeFileDurably } from './durable-file';
import type { FdCache } from './fd-cache';
import { Segment, type BatchSpan, type SegmentMark } from './segment';

export interface LogConfig {
  segmentBytes: number;
  retentionMs: number;
  retentionBytes: number;
  indexIntervalBytes: number;
  /** fsync after this many records (Kafka's flush.messages; Infinity = leave it to the OS). */
  flushMessages: number;
  /** fsync when the oldest unflushed record is this old (flush.ms; Infinity = never). */
  flushMs: number;
}

/** What the last stop left behind, fixed at start: it decides how much is checked on first use. */
export interface RecoveryInfo {
  cleanShutdown: boolean;
  /** From the checkpoint; null = none known (every segment is checked after an unclean stop). */
  recoveryPoint: number | null;
}

export interface ReadResult {
  /** Whole stored batches, first one containing the asked offset. */
  parts: Buffer[];
  bytes: number;
}

const START_FILE = 'log-start-offset';
const INT32_MAX = 0x7fffffff;

export class PartitionLog {
  private segments: Segment[] = [];
  private loaded = false;
  private startOffset = 0;
  /** Fetches long-polling this partition, woken by the next append. */
  private readonly appended = new Wakeups();
  /** Every offset below it is on disk (fsynced). */
  private recoveryPointOffset = 0;
  private unflushedRecords = 0;
  private oldestUnflushedAt = 0;

  constructor(
    readonly dir: string,
    private readonly config: () => LogConfig,
    private readonly fds: FdCache,
    private readonly log: (msg: string) => void,
    private readonly recovery: RecoveryInfo = { cleanShutdown: true, recoveryPoint: null },
  ) {}

  private segment(base: number): Segment {
    return new Segment(this.dir, base, this.fds, this.config().indexIntervalBytes, this.log);
  }

  private ensure(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!fs.existsSync(this.dir)) {
      // Never written: an empty log in memory only. Files appear with the first append, so
      // looking at thousands of new partitions creates nothing on disk.
      this.segments = [this.segment(0)];
      this.startOffset = 0;
      return;
    }
    const bases = fs
      .readdirSync(this.dir)
      .filter((f) => /^\d{20}\.log$/.test(f))
      .map((f) => Number(f.slice(0, 20)))
      .sort((a, b) => a - b);
    this.segments = bases.map((b) => this.segment(b));
    const { cleanShutdown, recoveryPoint } = this.recovery;
    for (let i = 0; i < this.segments.length; i++) {
      const s = this.segments[i];
      const next = this.segments[i + 1];
      // after an unclean stop, everything from the segment holding the recovery point on may be
      // torn; after a clean one every segment, the active one too, was flushed with its indexes
      // (Kafka's rule: re-reading a 1 GB active segment with CRCs held the first fetch for seconds)
      const unsafe = !cleanShutdown && (recoveryPoint === null || next === undefined || next.baseOffset > recoveryPoint);
      const { cut } = s.load(unsafe ? 'check-all' : 'trust-indexes');
      const gap = next !== undefined && s.nextOffset !== next.baseOffset;
      if ((cut || gap) && next) {
        // the log is cut at the first damage: later segments would leave a hole in the offsets
        const dropped = this.segments.splice(i + 1);
        this.log(`${this.dir}: ${cut ? 'damage' : `a gap (${s.nextOffset} then ${next.baseOffset})`} in ${s.logPath}; dropping ${dropped.length} later segment(s) from offset ${next.baseOffset}, the log ends at ${s.nextOffset}`);
        for (const d of dropped) d.delete();
        fsyncDir(this.dir);
        break;
      }
    }
    let start = this.segments.length ? this.segments[0].baseOffset : 0;
    const saved = this.readStart();
    if (saved !== null) start = Math.max(start, saved);
    if (this.segments.length === 0) this.segments.push(this.segment(start));
    this.startOffset = Math.min(start, this.logEndOffset);
    // A clean stop flushed everything. After an unclean one the checked segments may still be
    // only in the page cache (fsyncing gigabytes here would make the start slow): the recovery
    // point stays where it was, so another crash checks them again.
    this.recoveryPointOffset = cleanShutdown ? this.logEndOffset : Math.min(recoveryPoint ?? this.segments[0].baseOffset, this.logEndOffset);
  }

  /** The saved log-start offset, or null when there is none or it does not pass its checksum. */
  private readStart(): number | null {
    let text: string;
    try {
      text = fs.readFileSync(path.join(this.dir, START_FILE), 'utf8');
    } catch {
      return null; // no DeleteRecords or retention yet
    }
    const m = /^(\d+) ([0-9a-f]{8})\n?$/.exec(text);
    if (m && crc32c(m[1]).toString(16).padStart(8, '0') === m[2]) return Number(m[1]);
    this.log(`${path.join(this.dir, START_FILE)}: unreadable (${JSON.stringify(text.slice(0, 40))}); the log starts at its first segment instead`);
    return null;
  }

  private newSegment(base: number): Segment {
    const created = !fs.existsSync(this.dir);
    fs.mkdirSync(this.dir, { recursive: true });
    if (created) fsyncDir(path.dirname(this.dir));
    const s = this.segment(base);
    fs.writeFileSync(s.logPath, '');
    fs.writeFileSync(s.indexPath, '');
    fs.writeFileSync(s.timeIndexPath, '');
    fsyncDir(this.dir);
    return s;
  }

  private get active(): Segment {
    return this.segments[this.segments.length - 1];
  }

  get logStartOffset(): number {
    this.ensure();
    return this.startOffset;
  }
  get logEndOffset(): number {
    this.ensure();
    return this.active.nextOffset;
  }
  get sizeBytes(): number {
    this.ensure();
    let n = 0;
    for (const s of this.segments) n += s.size;
    return n;
  }

  /**
   * Appends validated batches (each a whole magic-2 batch), rewriting baseOffset in place.
   * Returns the first offset written. The batches are placed first (offsets, positions,
   * index entries), then written with one writev per segment they landed in — one system
   * call for a produce, however many batches it carries. All or nothing: when a write fails
   * the segments, their indexes and the log-end are put back as they were and the error is
   * thrown.
   */
  append(batches: Buffer[]): number {
    this.ensure();
    const first = this.logEndOffset;
    const segmentsBefore = this.segments.length;
    let mark: SegmentMark | null = null;
    try {
      if (this.active.size === 0 && !fs.existsSync(this.active.logPath)) {
        // First write to a log that so far lived only in memory.
        this.segments[this.segments.length - 1] = this.newSegment(this.active.baseOffset);
      }
      mark = this.active.mark();
      const segmentBytes = Math.min(this.config().segmentBytes, INT32_MAX);
      let run: { seg: Segment; position: number; bufs: Buffer[] } | null = null;
      for (const batch of batches) {
        const h = readBatchHeader(batch);
        const base = this.active.nextOffset;
        const lastOffset = base + h.lastOffsetDelta;
        // roll before the file, a position or a relative offset would pass what the segment can hold
        const full =
          this.active.size + batch.length > segmentBytes ||
          this.active.size + batch.length > Segment.MAX_POSITION ||
          lastOffset - this.active.baseOffset > Segment.MAX_RELATIVE_OFFSET;
        if (this.active.size > 0 && full) {
          if (run) run.seg.write(run.bufs, run.position); // the old segment's share, before it is sealed
          run = null;
          this.roll(base);
        }
        setBaseOffset(batch, base);
        const position = this.active.place({ baseOffset: base, lastOffset, size: batch.length, maxTimestamp: h.maxTimestamp });
        if (run) run.bufs.push(batch);
        else run = { seg: this.active, position, bufs: [batch] };
        this.unflushedRecords += h.lastOffsetDelta + 1;
      }
      if (run) run.seg.write(run.bufs, run.position);
    } catch (e) {
      this.undoAppend(segmentsBefore, mark);
      throw e;
    }
    if (this.unflushedRecords > 0 && this.oldestUnflushedAt === 0) this.oldestUnflushedAt = Date.now();
    this.flushIfDue(Date.now());
    this.appended.wake();
    return first;
  }

  private undoAppend(segmentsBefore: number, mark: SegmentMark | null): void {
    try {
      for (const added of this.segments.splice(segmentsBefore)) added.delete();
      if (mark) this.active.rollback(mark);
    } catch (e) {
      // the disk refuses even the undo: this partition cannot be trusted to take writes now
      this.log(`${this.dir}: could not undo a failed append: ${(e as Error).message}`);
    }
  }

  private roll(base: number): void {
    this.active.seal(); // fsyncs the closed segment
    this.segments.push(this.newSegment(base));
    this.recoveryPointOffset = Math.max(this.recoveryPointOffset, base);
  }

  /** flush.messages / flush.ms: fsync once either says so. */
  flushIfDue(now: number): void {
    if (this.unflushedRecords === 0) return;
    const { flushMessages, flushMs } = this.config();
    if (this.unflushedRecords >= flushMessages || now - this.oldestUnflushedAt >= flushMs) this.flush();
  }

  /** fsync the active segment: everything appended so far is on disk. */
  flush(): void {
    if (!this.loaded) return;
    this.active.flush();
    this.recoveryPointOffset = this.logEndOffset;
    this.unflushedRecords = 0;
    this.oldestUnflushedAt = 0;
  }

  /** The offset below which everything is on disk (for the recovery checkpoint); null while never loaded. */
  get recoveryPoint(): number | null {
    return this.loaded ? this.recoveryPointOffset : null;
  }

  /** Called once, the next time data is appended (fetch long-polls). */
  onAppend(fn: () => void): () => void {
    return this.appended.once(fn);
  }

  private segmentFor(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.segments[mid].baseOffset <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /**
   * Stored batches from the one containing `offset`, only whole ones, while they fit in
   * maxBytes — except that with `minOne` the first goes whole whatever its size (Kafka's
   * KIP-74 rule, for the first non-empty partition of a fetch). 'out-of-range' outside
   * [log-start, log-end].
   */
  read(offset: number, maxBytes: number, minOne = true): ReadResult | 'out-of-range' {
    this.ensure();
    if (offset < this.startOffset || offset > this.logEndOffset) return 'out-of-range';
    // a consumer caught up asks for the log-end over and over (and a parked fetch on every
    // wake): nothing to read there, so no read of the file's tail to find that out
    if (offset === this.logEndOffset) return { parts: [], bytes: 0 };
    for (let i = this.segmentFor(offset); i < this.segments.length; i++) {
      const seg = this.segments[i];
      // the read that finds the batch is made long enough to hold the answer: one read, not two
      const first = seg.findBatch(offset, true, maxBytes);
      if (!first) continue;
      if (!minOne && first.size > maxBytes) return { parts: [], bytes: 0 };
      const want = Math.max(first.size, Math.min(maxBytes, seg.size - first.position));
      const buf = first.bytes && first.bytes.length >= want ? first.bytes.subarray(0, want) : seg.read(first.position, want);
      let end = first.size;
      while (end + BATCH_HEADER_SIZE <= buf.length) {
        const size = buf.readInt32BE(end + OFF.length) + BATCH_LOG_OVERHEAD;
        if (end + size > buf.length) break;
        end += size;
      }
      const data = buf.subarray(0, end);
      return { parts: [data], bytes: data.length };
    }
    return { parts: [], bytes: 0 };
  }

  /** First offset whose record timestamp is ≥ ts (Kafka's ListOffsets by time), or null. */
  async offsetForTimestamp(ts: number): Promise<{ offset: number; timestamp: number } | null> {
    this.ensure();
    for (const seg of this.segments) {
      if (seg.maxTimestamp < ts || seg.nextOffset <= this.startOffset) continue;
      const found = await this.firstBatchWhere(seg, Math.max(seg.timeSearchStart(ts), this.startOffset), (s) => s.maxTimestamp >= ts && s.lastOffset >= this.startOffset);
      if (!found) continue;
      if ('undecodable' in found) return { offset: Math.max(found.undecodable.baseOffset, this.startOffset), timestamp: found.undecodable.maxTimestamp };
      for (const r of found.records) {
        if (r.timestamp >= ts && r.offset >= this.startOffset) return { offset: r.offset, timestamp: r.timestamp };
      }
    }
    return null;
  }

  /**
   * The record with the largest timestamp (ListOffsets −3, KIP-734), found as Kafka 3.9
   * finds it: the first segment with the largest max timestamp, in it the first batch
   * reaching that timestamp, in that batch the first record carrying it (with
   * LogAppendTime every record carries the batch's). Null for an empty log.
   */
  async offsetOfMaxTimestamp(): Promise<{ offset: number; timestamp: number } | null> {
    this.ensure();
    let seg: Segment | null = null;
    for (const s of this.segments) if (s.size > 0 && (seg === null || s.maxTimestamp > seg.maxTimestamp)) seg = s;
    if (!seg) return null;
    const ts = seg.maxTimestamp;
    const found = await this.firstBatchWhere(seg, seg.timeSearchStart(ts), (s) => s.maxTimestamp === ts);
    if (!found) return null;
    if ('undecodable' in found) return { offset: found.undecodable.baseOffset, timestamp: ts };
    const r = found.records.find((x) => x.timestamp === ts);
    return r ? { offset: r.offset, timestamp: ts } : null;
  }

  /**
   * In `seg`, from the batch holding `fromOffset`, the first batch `matches` accepts, decoded;
   * null when there is none. A batch that cannot be decoded (stored before validation
   * existed, or damaged since) is logged and given by its header, for an answer at batch level.
   */
  private async firstBatchWhere(seg: Segment, fromOffset: number, matches: (span: BatchSpan) => boolean): Promise<{ records: StoredRecord[] } | { undecodable: BatchHeader } | null> {
    const span = seg.findBatch(fromOffset);
    if (!span) return null;
    let hit: { position: number; size: number } | null = null;
    seg.scan(span.position, (s) => {
      if (!matches(s)) return true;
      hit = { position: s.position, size: s.size };
      return false;
    });
    if (!hit) return null;
    const { position, size } = hit;
    try {
      return { records: await decodeRecordBatch(seg.read(position, size)) };
    } catch (e) {
      this.log(`${seg.logPath}: the batch at position ${position} cannot be decoded (${(e as Error).message}); answering its first offset`);
      return { undecodable: readBatchHeader(seg.read(position, BATCH_HEADER_SIZE)) };
    }
  }

  /** DeleteRecords: everything before `offset` goes; whole segments below it are removed. */
  deleteRecordsBefore(offset: number): number {
    this.ensure();
    if (offset > this.startOffset) {
      this.startOffset = offset;
      this.saveStart(offset);
      this.dropSegmentsBelowStart();
    }
    return this.startOffset;
  }

  private dropSegmentsBelowStart(): void {
    while (this.segments.length > 1 && this.segments[1].baseOffset <= this.startOffset) {
      this.segments.shift()!.delete();
    }
    if (this.segments.length === 1 && this.active.nextOffset <= this.startOffset && this.active.size > 0) {
      // The whole log is below log-start: start a fresh segment there.
      const old = this.active;
      old.seal();
      this.segments.push(this.newSegment(this.startOffset));
      this.segments.shift();
      old.delete();
      this.recoveryPointOffset = Math.max(this.recoveryPointOffset, this.startOffset);
    }
  }

  /**
   * retention.ms: segments whose newest record is older than now − retention go;
   * retention.bytes: oldest segments go while the log stays at or above the limit without
   * them. The active segment is rolled first when it too has expired, as Kafka does.
   */
  enforceRetention(now: number): number {
    this.ensure();
    const { retentionMs, retentionBytes } = this.config();
    let removed = 0;
    const expired = (s: Segment) =>
      retentionMs >= 0 && s.size > 0 && (s.maxTimestamp >= 0 ? s.maxTimestamp : s.lastModified) < now - retentionMs;
    if (this.active.size > 0 && expired(this.active)) this.roll(this.active.nextOffset);
    let total = this.sizeBytes;
    while (this.segments.length > 1) {
      const oldest = this.segments[0];
      const overSize = retentionBytes >= 0 && total - oldest.size >= retentionBytes;
      if (!expired(oldest) && !overSize) break;
      this.segments.shift();
      total -= oldest.size;
      oldest.delete();
      removed++;
    }
    const newStart = this.segments[0].baseOffset;
    if (newStart > this.startOffset) {
      this.startOffset = newStart;
      this.saveStart(newStart);
    }
    return removed;
  }

  /** The log-start offset with a checksum, replaced whole: a torn or damaged file is recognised as such. */
  private saveStart(offset: number): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const text = String(offset);
    writeFileDurably(path.join(this.dir, START_FILE), `${text} ${crc32c(text).toString(16).padStart(8, '0')}\n`);
  }

  /** A clean stop: everything on disk, then the files closed. */
  close(): void {
    this.flush();
    this.fds.closeUnder(this.dir + path.sep);
  }

  /** Closes without flushing (the process is going away as if killed; tests use it). */
  abandon(): void {
    this.fds.closeUnder(this.dir + path.sep);
  }

  /**
   * Removes the log's files (onDisk: whether its directory exists, when the caller knows) and
   * wakes its waiting fetches. The caller fsyncs the data dir once for all the partitions it
   * destroys (one fsync each made deleting 100000 partitions take minutes).
   */
  destroy(onDisk = true): void {
    if (this.loaded) this.fds.closeUnder(this.dir + path.sep); // a log never opened holds no descriptors
    if (onDisk) fs.rmSync(this.dir, { recursive: true, force: true });
    this.appended.wake();
  }
}
