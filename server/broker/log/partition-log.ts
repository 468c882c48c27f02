// One partition's log: an ordered list of segments under `<dataDir>/<topic>-<partition>/`,
// the log-start offset (moved by retention and DeleteRecords, kept in `log-start-offset`)
// and the log-end offset. Produce appends stored bytes; Fetch reads stored bytes; neither
// decodes records. Everything is loaded on first use, so a broker with thousands of
// partitions starts at once.
import fs from 'node:fs';
import path from 'node:path';
import { BATCH_HEADER_SIZE, BATCH_LOG_OVERHEAD, OFF, decodeRecordBatch, readBatchHeader, setBaseOffset } from '../../protocol/record-batch';
import type { FdCache } from './fd-cache';
import { Segment } from './segment';

export interface LogConfig {
  segmentBytes: number;
  retentionMs: number;
  retentionBytes: number;
  indexIntervalBytes: number;
}

export interface ReadResult {
  /** Whole stored batches, first one containing the asked offset. */
  parts: Buffer[];
  bytes: number;
}

const START_FILE = 'log-start-offset';

export class PartitionLog {
  private segments: Segment[] = [];
  private loaded = false;
  private startOffset = 0;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly dir: string,
    private readonly config: () => LogConfig,
    private readonly fds: FdCache,
    private readonly log: (msg: string) => void,
  ) {}

  private ensure(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!fs.existsSync(this.dir)) {
      // Never written: an empty log in memory only. Files appear with the first append, so
      // looking at thousands of new partitions creates nothing on disk.
      this.segments = [new Segment(this.dir, 0, this.fds, this.config().indexIntervalBytes)];
      this.startOffset = 0;
      return;
    }
    const bases = fs
      .readdirSync(this.dir)
      .filter((f) => /^\d{20}\.log$/.test(f))
      .map((f) => Number(f.slice(0, 20)))
      .sort((a, b) => a - b);
    const { indexIntervalBytes } = this.config();
    this.segments = bases.map((b) => new Segment(this.dir, b, this.fds, indexIntervalBytes));
    this.segments.forEach((s, i) => {
      const active = i === this.segments.length - 1;
      s.load(active, this.log);
      if (!active) s.nextOffset = this.segments[i + 1].baseOffset;
    });
    let start = this.segments.length ? this.segments[0].baseOffset : 0;
    try {
      start = Math.max(start, Number(fs.readFileSync(path.join(this.dir, START_FILE), 'utf8').trim()) || 0);
    } catch {
      // no DeleteRecords or retention yet
    }
    if (this.segments.length === 0) this.segments.push(new Segment(this.dir, start, this.fds, this.config().indexIntervalBytes));
    this.startOffset = Math.min(start, this.logEndOffset);
  }

  private newSegment(base: number): Segment {
    fs.mkdirSync(this.dir, { recursive: true });
    const s = new Segment(this.dir, base, this.fds, this.config().indexIntervalBytes);
    fs.writeFileSync(s.logPath, '');
    fs.writeFileSync(s.indexPath, '');
    fs.writeFileSync(s.timeIndexPath, '');
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
   * Returns the first offset written.
   */
  append(batches: Buffer[]): number {
    this.ensure();
    if (this.active.size === 0 && !fs.existsSync(this.active.logPath)) {
      // First write to a log that so far lived only in memory.
      this.segments[this.segments.length - 1] = this.newSegment(this.active.baseOffset);
    }
    const first = this.logEndOffset;
    for (const batch of batches) {
      const h = readBatchHeader(batch);
      const base = this.active.nextOffset;
      if (this.active.size > 0 && this.active.size + batch.length > this.config().segmentBytes) this.roll(base);
      setBaseOffset(batch, base);
      this.active.append(batch, {
        baseOffset: base,
        lastOffset: base + h.lastOffsetDelta,
        size: batch.length,
        maxTimestamp: h.maxTimestamp,
      });
    }
    for (const wake of [...this.waiters]) wake();
    return first;
  }

  private roll(base: number): void {
    this.active.seal();
    this.segments.push(this.newSegment(base));
  }

  /** Called once, the next time data is appended (fetch long-polls). */
  onAppend(fn: () => void): () => void {
    const once = () => {
      this.waiters.delete(once);
      fn();
    };
    this.waiters.add(once);
    return () => this.waiters.delete(once);
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
   * Stored batches from the one containing `offset`: the first whole whatever its size,
   * then more while they fit in maxBytes. 'out-of-range' outside [log-start, log-end].
   */
  read(offset: number, maxBytes: number): ReadResult | 'out-of-range' {
    this.ensure();
    if (offset < this.startOffset || offset > this.logEndOffset) return 'out-of-range';
    for (let i = this.segmentFor(offset); i < this.segments.length; i++) {
      const seg = this.segments[i];
      const first = seg.findBatch(offset);
      if (!first) continue;
      const want = Math.max(first.size, Math.min(maxBytes, seg.size - first.position));
      const buf = seg.read(first.position, want);
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
      const from = Math.max(seg.timeSearchStart(ts), this.startOffset);
      const span = seg.findBatch(from);
      if (!span) continue;
      let hit: { position: number; size: number } | null = null;
      seg.scan(span.position, (s) => {
        if (s.maxTimestamp >= ts && s.lastOffset >= this.startOffset) {
          hit = { position: s.position, size: s.size };
          return false;
        }
        return true;
      });
      if (!hit) continue;
      const { position, size } = hit;
      const records = await decodeRecordBatch(seg.read(position, size));
      for (const r of records) {
        if (r.timestamp >= ts && r.offset >= this.startOffset) return { offset: r.offset, timestamp: r.timestamp };
      }
    }
    return null;
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

  private saveStart(offset: number): void {
    fs.mkdirSync(this.dir, { recursive: true });
    fs.writeFileSync(path.join(this.dir, START_FILE), String(offset));
  }

  close(): void {
    this.fds.closeUnder(this.dir + path.sep);
  }

  destroy(): void {
    this.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
    for (const wake of [...this.waiters]) wake();
  }
}
