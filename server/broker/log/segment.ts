// One log segment: `<baseOffset>.log` holding record batches back to back, a sparse offset
// index (`.index`: int32 relative offset, int32 position; one entry per index interval) and
// a sparse time index (`.timeindex`: int64 max timestamp so far, int32 relative offset),
// the same layout Kafka uses. Indexes live in memory too; their files let a restart skip
// re-reading closed segments.
import fs from 'node:fs';
import path from 'node:path';
import {
  BATCH_HEADER_SIZE,
  BATCH_LOG_OVERHEAD,
  OFF,
  batchCrcValid,
} from '../../protocol/record-batch';
import type { FdCache } from './fd-cache';

const TWO_32 = 4294967296;
const readInt64 = (b: Buffer, at: number) => b.readInt32BE(at) * TWO_32 + b.readUInt32BE(at + 4);

export function segmentName(baseOffset: number, ext: string): string {
  return String(baseOffset).padStart(20, '0') + ext;
}

/** The few header fields the log needs, read at a file position. */
export interface BatchSpan {
  position: number;
  baseOffset: number;
  lastOffset: number;
  size: number;
  maxTimestamp: number;
}

function spanAt(buf: Buffer, at: number, position: number): BatchSpan {
  const baseOffset = readInt64(buf, at + OFF.baseOffset);
  return {
    position,
    baseOffset,
    lastOffset: baseOffset + buf.readInt32BE(at + OFF.lastOffsetDelta),
    size: buf.readInt32BE(at + OFF.length) + BATCH_LOG_OVERHEAD,
    maxTimestamp: readInt64(buf, at + OFF.maxTimestamp),
  };
}

const SCAN_CHUNK = 256 * 1024;

export class Segment {
  readonly logPath: string;
  readonly indexPath: string;
  readonly timeIndexPath: string;
  size = 0;
  /** Offset after the last batch held here (= baseOffset while empty). */
  nextOffset: number;
  maxTimestamp = -1;
  /** Wall-clock time of the last append (or file mtime): retention falls back to it. */
  lastModified = Date.now();

  private idxOffsets: number[] = [];
  private idxPositions: number[] = [];
  private tsValues: number[] = [];
  private tsOffsets: number[] = [];
  private bytesSinceIndex = 0;
  private lastTimeIndexed = -1;

  constructor(
    readonly dir: string,
    readonly baseOffset: number,
    private readonly fds: FdCache,
    private readonly indexInterval: number,
  ) {
    this.logPath = path.join(dir, segmentName(baseOffset, '.log'));
    this.indexPath = path.join(dir, segmentName(baseOffset, '.index'));
    this.timeIndexPath = path.join(dir, segmentName(baseOffset, '.timeindex'));
    this.nextOffset = baseOffset;
  }

  private get fd(): number {
    return this.fds.fd(this.logPath);
  }

  read(position: number, length: number): Buffer {
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    const fd = this.fd;
    while (done < length) {
      const n = fs.readSync(fd, buf, done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done === length ? buf : buf.subarray(0, done);
  }

  /** Appends one batch whose baseOffset is already set. */
  append(batch: Buffer, span: Omit<BatchSpan, 'position'>): void {
    const position = this.size;
    fs.writeSync(this.fd, batch, 0, batch.length, position);
    this.size += batch.length;
    this.noteBatch({ ...span, position }, true);
    this.lastModified = Date.now();
  }

  private noteBatch(span: BatchSpan, persist: boolean): void {
    if (this.idxOffsets.length === 0 || this.bytesSinceIndex >= this.indexInterval) {
      this.idxOffsets.push(span.baseOffset - this.baseOffset);
      this.idxPositions.push(span.position);
      this.bytesSinceIndex = 0;
      if (persist) this.appendIndexEntry(span.baseOffset - this.baseOffset, span.position);
    }
    this.bytesSinceIndex += span.size;
    if (span.maxTimestamp > this.maxTimestamp) {
      this.maxTimestamp = span.maxTimestamp;
      if (this.tsValues.length === 0 || this.bytesSinceIndex === span.size) {
        this.addTimeEntry(span.maxTimestamp, span.baseOffset, persist);
      }
    }
    this.nextOffset = span.lastOffset + 1;
  }

  private addTimeEntry(ts: number, offset: number, persist: boolean): void {
    this.tsValues.push(ts);
    this.tsOffsets.push(offset - this.baseOffset);
    this.lastTimeIndexed = ts;
    if (persist) {
      const b = Buffer.allocUnsafe(12);
      b.writeBigInt64BE(BigInt(ts), 0);
      b.writeInt32BE(offset - this.baseOffset, 8);
      fs.appendFileSync(this.timeIndexPath, b);
    }
  }

  private appendIndexEntry(rel: number, position: number): void {
    const b = Buffer.allocUnsafe(8);
    b.writeInt32BE(rel, 0);
    b.writeInt32BE(position, 4);
    fs.appendFileSync(this.indexPath, b);
  }

  /**
   * Records the segment's final max timestamp in the time index when it stops being
   * active, so a restart knows it without reading the log.
   */
  seal(): void {
    if (this.maxTimestamp > this.lastTimeIndexed) this.addTimeEntry(this.maxTimestamp, this.nextOffset - 1, true);
    this.fds.close(this.logPath);
  }

  /** Walks batch headers from `from`, reading the file in large chunks. Stops when fn returns false. */
  scan(from: number, fn: (span: BatchSpan, chunk: Buffer, at: number) => boolean): void {
    let position = from;
    while (position + BATCH_HEADER_SIZE <= this.size) {
      const chunk = this.read(position, Math.min(SCAN_CHUNK, this.size - position));
      let at = 0;
      while (at + BATCH_HEADER_SIZE <= chunk.length) {
        const span = spanAt(chunk, at, position + at);
        if (span.size < BATCH_HEADER_SIZE) return;
        if (!fn(span, chunk, at)) return;
        at += span.size;
      }
      if (at === 0) return; // cannot happen for valid logs: a chunk always holds one header
      position += at;
    }
  }

  /** The batch that contains `offset`, or the first batch after it; null past the end. */
  findBatch(offset: number): BatchSpan | null {
    let start = 0;
    const rel = offset - this.baseOffset;
    let lo = 0;
    let hi = this.idxOffsets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.idxOffsets[mid] <= rel) {
        start = this.idxPositions[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let found: BatchSpan | null = null;
    this.scan(start, (span) => {
      if (span.lastOffset >= offset) {
        found = span;
        return false;
      }
      return true;
    });
    return found;
  }

  /** Offset to start a timestamp search from: the last indexed offset whose max timestamp < ts. */
  timeSearchStart(ts: number): number {
    let start = this.baseOffset;
    for (let i = 0; i < this.tsValues.length && this.tsValues[i] < ts; i++) start = this.baseOffset + this.tsOffsets[i];
    return start;
  }

  /**
   * Opens an existing segment. The active (last) segment is fully re-read with CRC checks:
   * a torn or corrupt tail is cut off and reported. Closed segments trust their index files
   * and are re-read only when those are missing or damaged.
   */
  load(isActive: boolean, log: (msg: string) => void): void {
    const st = fs.statSync(this.logPath, { throwIfNoEntry: false });
    this.size = st?.size ?? 0;
    this.lastModified = st?.mtimeMs ?? Date.now();
    if (!isActive && this.loadIndexes()) return;
    this.rebuild(isActive, log);
  }

  private loadIndexes(): boolean {
    let idx: Buffer;
    let tix: Buffer;
    try {
      idx = fs.readFileSync(this.indexPath);
      tix = fs.readFileSync(this.timeIndexPath);
    } catch {
      return false;
    }
    if (idx.length === 0 || idx.length % 8 !== 0 || tix.length % 12 !== 0) return false;
    for (let at = 0; at < idx.length; at += 8) {
      this.idxOffsets.push(idx.readInt32BE(at));
      this.idxPositions.push(idx.readInt32BE(at + 4));
    }
    for (let at = 0; at < tix.length; at += 12) {
      this.tsValues.push(Number(tix.readBigInt64BE(at)));
      this.tsOffsets.push(tix.readInt32BE(at + 8));
    }
    this.maxTimestamp = this.tsValues.length ? this.tsValues[this.tsValues.length - 1] : -1;
    this.lastTimeIndexed = this.maxTimestamp;
    // nextOffset: the last batch after the last index entry.
    const lastPos = this.idxPositions[this.idxPositions.length - 1];
    this.scan(lastPos, (span) => {
      this.nextOffset = span.lastOffset + 1;
      return true;
    });
    return true;
  }

  private rebuild(verify: boolean, log: (msg: string) => void): void {
    this.idxOffsets = [];
    this.idxPositions = [];
    this.tsValues = [];
    this.tsOffsets = [];
    this.bytesSinceIndex = 0;
    this.maxTimestamp = -1;
    this.lastTimeIndexed = -1;
    this.nextOffset = this.baseOffset;
    let good = 0;
    let problem: string | null = null;
    let position = 0;
    while (position < this.size) {
      if (this.size - position < BATCH_HEADER_SIZE) {
        problem = `${this.size - position} trailing bytes shorter than a batch header`;
        break;
      }
      const head = this.read(position, BATCH_HEADER_SIZE);
      const span = spanAt(head, 0, position);
      if (span.size < BATCH_HEADER_SIZE || position + span.size > this.size) {
        problem = `batch at position ${position} claims ${span.size} bytes, ${this.size - position} remain`;
        break;
      }
      if (head.readInt8(OFF.magic) !== 2 || span.lastOffset < span.baseOffset) {
        problem = `batch at position ${position} has a bad header`;
        break;
      }
      if (verify && !batchCrcValid(this.read(position, span.size))) {
        problem = `batch at position ${position} (offset ${span.baseOffset}) fails its CRC`;
        break;
      }
      this.noteBatch(span, false);
      position += span.size;
      good = position;
    }
    if (problem) {
      log(`${this.logPath}: ${problem}; truncating from ${this.size} to ${good} bytes`);
      fs.truncateSync(this.logPath, good);
      this.size = good;
    }
    this.writeIndexes();
  }

  private writeIndexes(): void {
    const idx = Buffer.allocUnsafe(this.idxOffsets.length * 8);
    this.idxOffsets.forEach((o, i) => {
      idx.writeInt32BE(o, i * 8);
      idx.writeInt32BE(this.idxPositions[i], i * 8 + 4);
    });
    const tix = Buffer.allocUnsafe(this.tsValues.length * 12);
    this.tsValues.forEach((t, i) => {
      tix.writeBigInt64BE(BigInt(t), i * 12);
      tix.writeInt32BE(this.tsOffsets[i], i * 12 + 8);
    });
    fs.writeFileSync(this.indexPath, idx);
    fs.writeFileSync(this.timeIndexPath, tix);
  }

  delete(): void {
    this.fds.close(this.logPath);
    for (const p of [this.logPath, this.indexPath, this.timeIndexPath]) fs.rmSync(p, { force: true });
  }
}
