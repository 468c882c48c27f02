import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeRecordBatch, encodeRecordBatch, splitBatches, stampLogAppendTime } from '../../protocol/record-batch';
import { FdCache } from './fd-cache';
import { PartitionLog, type LogConfig, type RecoveryInfo } from './partition-log';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup(cfg: Partial<LogConfig> = {}, maxOpen = 100) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plog-'));
  dirs.push(dir);
  const config: LogConfig = { segmentBytes: 1 << 30, retentionMs: -1, retentionBytes: -1, indexIntervalBytes: 4096, flushMessages: Infinity, flushMs: Infinity, ...cfg };
  const logs: string[] = [];
  const fds = new FdCache(maxOpen);
  const open = (recovery?: RecoveryInfo) => new PartitionLog(path.join(dir, 't-0'), () => config, fds, (m) => logs.push(m), recovery);
  return { dir: path.join(dir, 't-0'), config, open, logs, fds };
}

async function batch(n: number, ts = 1700000000000, size = 100) {
  return encodeRecordBatch(Array.from({ length: n }, (_, i) => ({ value: Buffer.alloc(size, i % 256), timestamp: ts + i })));
}

async function offsetsIn(parts: Buffer[]): Promise<number[]> {
  const out: number[] = [];
  for (const b of splitBatches(Buffer.concat(parts))) for (const r of await decodeRecordBatch(b)) out.push(r.offset);
  return out;
}

describe('partition log', () => {
  it('assigns offsets by rewriting baseOffset and reads from the batch containing the offset', async () => {
    const { open } = setup();
    const log = open();
    expect(log.append([await batch(3)])).toBe(0);
    expect(log.append([await batch(2), await batch(4)])).toBe(3);
    expect(log.logEndOffset).toBe(9);
    const r = log.read(4, 1 << 20);
    if (r === 'out-of-range') throw new Error('unexpected');
    // The batch holding 4 starts at 3: the client skips 3 itself.
    expect((await offsetsIn(r.parts))[0]).toBe(3);
    expect(await offsetsIn(r.parts)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(log.read(9, 100)).toEqual({ parts: [], bytes: 0 });
    expect(log.read(10, 100)).toBe('out-of-range');
  });

  it('sends the first batch whole even above maxBytes, then only whole batches', async () => {
    const { open } = setup();
    const log = open();
    const b1 = await batch(10);
    const b2 = await batch(10);
    log.append([b1, b2]);
    const r = log.read(0, 10);
    if (r === 'out-of-range') throw new Error('unexpected');
    expect(r.bytes).toBe(b1.length);
    const r2 = log.read(0, b1.length + b2.length - 1);
    if (r2 === 'out-of-range') throw new Error('unexpected');
    expect(r2.bytes).toBe(b1.length);
  });

  it('rolls segments at segment.bytes and finds offsets through the sparse index', async () => {
    const { open, dir } = setup({ segmentBytes: 20_000, indexIntervalBytes: 1000 });
    const log = open();
    for (let i = 0; i < 300; i++) log.append([await batch(1 + (i % 3), 1700000000000 + i * 10)]);
    const segs = fs.readdirSync(dir).filter((f) => f.endsWith('.log'));
    expect(segs.length).toBeGreaterThan(3);
    const end = log.logEndOffset;
    expect(end).toBe(600);
    for (const o of [0, 1, 57, 299, 300, 451, 599]) {
      const r = log.read(o, 1);
      if (r === 'out-of-range') throw new Error('unexpected');
      const got = await offsetsIn(r.parts);
      expect(got.includes(o)).toBe(true);
    }
  });

  it('finds the first offset at or after a timestamp, inside a batch and across segments', async () => {
    const { open } = setup({ segmentBytes: 5_000, indexIntervalBytes: 500 });
    const log = open();
    for (let i = 0; i < 100; i++) log.append([await batch(5, 1000 + i * 100)]); // offsets 5i..5i+4, ts 1000+100i+j
    expect(await log.offsetForTimestamp(0)).toEqual({ offset: 0, timestamp: 1000 });
    expect(await log.offsetForTimestamp(1000 + 37 * 100 + 3)).toEqual({ offset: 37 * 5 + 3, timestamp: 1000 + 37 * 100 + 3 });
    expect(await log.offsetForTimestamp(1000 + 37 * 100 + 50)).toEqual({ offset: 38 * 5, timestamp: 1000 + 38 * 100 });
    expect(await log.offsetForTimestamp(10_000_000)).toBeNull();
  });

  it('finds the record with the largest timestamp (ListOffsets −3): the first one carrying it, in the first segment reaching it', async () => {
    const { open } = setup({ segmentBytes: 5_000, indexIntervalBytes: 500 });
    const log = open();
    expect(await log.offsetOfMaxTimestamp()).toBeNull();
    for (let i = 0; i < 100; i++) log.append([await batch(5, 1000 + i * 100)]); // offsets 5i..5i+4, ts 1000+100i+j
    expect(await log.offsetOfMaxTimestamp()).toEqual({ offset: 499, timestamp: 1000 + 99 * 100 + 4 });
    // a record in the middle of a batch in an early segment goes past them all
    const mid = (t: number) => encodeRecordBatch([1, t, 2].map((ts) => ({ value: 'x', timestamp: ts })));
    const peak = 1_000_000;
    log.append([await mid(peak)]); // offsets 500..502, the peak at 501
    for (let i = 0; i < 50; i++) log.append([await batch(5, 2000 + i)]);
    log.append([await mid(peak)]); // the same peak again, later: the first one counts, as on Kafka
    expect(await log.offsetOfMaxTimestamp()).toEqual({ offset: 501, timestamp: peak });
    // with LogAppendTime every record carries the batch's time: its first record
    const stamped = await encodeRecordBatch([{ value: 'a', timestamp: 1 }, { value: 'b', timestamp: 2 }]);
    stampLogAppendTime(stamped, peak + 1); // as Produce does for a LogAppendTime topic
    const at = log.append([stamped]);
    expect(await log.offsetOfMaxTimestamp()).toEqual({ offset: at, timestamp: peak + 1 });
  });

  it('restarts with the same offsets and bytes', async () => {
    const { open } = setup({ segmentBytes: 10_000 });
    const log = open();
    for (let i = 0; i < 50; i++) log.append([await batch(4)]);
    const before = log.read(0, 1 << 30);
    log.close();
    const again = open();
    expect(again.logEndOffset).toBe(200);
    expect(again.read(0, 1 << 30)).toEqual(before);
    expect(again.append([await batch(1)])).toBe(200);
  });

  it('cuts a torn tail on start, keeps every whole batch, and continues from the right offset', async () => {
    const { open, dir, logs } = setup();
    const log = open();
    const batches = [await batch(3), await batch(3), await batch(3)];
    log.append(batches);
    log.close();
    const file = path.join(dir, '00000000000000000000.log');
    const size = fs.statSync(file).size;
    fs.truncateSync(file, size - 20); // power cut in the middle of the third batch
    const again = open();
    expect(again.logEndOffset).toBe(6);
    expect(logs.join('\n')).toMatch(/truncating/);
    expect(fs.statSync(file).size).toBe(batches[0].length + batches[1].length);
    expect(again.append([await batch(2)])).toBe(6);
    const r = again.read(0, 1 << 30);
    if (r === 'out-of-range') throw new Error('unexpected');
    expect(await offsetsIn(r.parts)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('cuts a tail whose bytes are corrupt (CRC) rather than serving it, after an unclean stop', async () => {
    const { open, dir, logs } = setup();
    const log = open();
    log.append([await batch(2), await batch(2)]);
    log.abandon(); // as kill -9: no flush, no clean-shutdown marker
    const file = path.join(dir, '00000000000000000000.log');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 5] ^= 0xff;
    fs.writeFileSync(file, bytes);
    expect(open({ cleanShutdown: false, recoveryPoint: 0 }).logEndOffset).toBe(2);
    expect(logs.join('\n')).toMatch(/CRC/);
  });

  it('after a clean stop opens the active segment from its indexes, without a CRC pass over it', async () => {
    // Kafka's rule too: what a clean stop flushed is not re-read; a consumer checks each batch's CRC
    const { open, dir, logs } = setup({ indexIntervalBytes: 1 });
    const log = open();
    log.append([await batch(2), await batch(2)]);
    log.close();
    const file = path.join(dir, '00000000000000000000.log');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 5] ^= 0xff; // inside the last batch's records: its header still chains
    fs.writeFileSync(file, bytes);
    const again = open({ cleanShutdown: true, recoveryPoint: 4 });
    expect(again.logEndOffset).toBe(4);
    expect(logs.join('\n')).not.toMatch(/CRC|rebuilding/);
    // the index written at the clean stop is what was loaded: both entries, in order
    expect(fs.statSync(path.join(dir, '00000000000000000000.index')).size).toBe(16);
  });

  it('DeleteRecords moves log-start, survives restart, and makes older offsets out of range', async () => {
    const { open, dir } = setup({ segmentBytes: 2_000 });
    const log = open();
    for (let i = 0; i < 40; i++) log.append([await batch(2)]);
    const segsBefore = fs.readdirSync(dir).filter((f) => f.endsWith('.log')).length;
    expect(log.deleteRecordsBefore(51)).toBe(51);
    expect(log.read(50, 100)).toBe('out-of-range');
    expect(log.read(51, 100)).not.toBe('out-of-range');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.log')).length).toBeLessThan(segsBefore);
    log.close();
    const again = open();
    expect(again.logStartOffset).toBe(51);
    expect(again.logEndOffset).toBe(80);
  });

  it('retention.ms deletes expired segments (the active one too) and moves log-start', async () => {
    const { open, config } = setup({ segmentBytes: 2_000 });
    const log = open();
    const old = Date.now() - 3_600_000;
    for (let i = 0; i < 20; i++) log.append([await batch(2, old)]);
    config.retentionMs = 60_000;
    log.enforceRetention(Date.now());
    expect(log.logStartOffset).toBe(40);
    expect(log.logEndOffset).toBe(40);
    expect(log.append([await batch(1)])).toBe(40);
  });

  it('retention.bytes keeps the log under the limit by whole segments', async () => {
    const { open, config } = setup({ segmentBytes: 2_000 });
    const log = open();
    for (let i = 0; i < 40; i++) log.append([await batch(2, Date.now())]);
    config.retentionBytes = 5_000;
    log.enforceRetention(Date.now());
    expect(log.sizeBytes).toBeLessThan(5_000 + 2_000);
    expect(log.logStartOffset).toBeGreaterThan(0);
    expect(log.logEndOffset).toBe(80);
  });

  it('keeps working with far more segment files than open handles allowed', async () => {
    const { open, fds } = setup({ segmentBytes: 600 }, 3);
    const log = open();
    for (let i = 0; i < 30; i++) log.append([await batch(2)]);
    expect(fds.size).toBeLessThanOrEqual(3);
    for (const o of [0, 17, 59]) {
      const r = log.read(o, 1);
      if (r === 'out-of-range') throw new Error('unexpected');
      expect((await offsetsIn(r.parts)).includes(o)).toBe(true);
    }
  });
});

describe('a partition never written to', () => {
  it('answers offsets and reads without creating any file, and materializes on the first append', async () => {
    const { open, dir } = setup();
    const log = open();
    expect([log.logStartOffset, log.logEndOffset, log.sizeBytes]).toEqual([0, 0, 0]);
    expect(log.read(0, 100)).toEqual({ parts: [], bytes: 0 });
    expect(await log.offsetForTimestamp(0)).toBeNull();
    log.enforceRetention(Date.now());
    expect(fs.existsSync(dir)).toBe(false);
    expect(log.append([await batch(2)])).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['00000000000000000000.index', '00000000000000000000.log', '00000000000000000000.timeindex']);
    log.close();
    expect(open().logEndOffset).toBe(2);
  });
});

describe('appends keep the log whole', () => {
  it('a batch whose offsets would overflow the segment’s int32 relative offsets rolls to a new segment first', async () => {
    const { open, dir } = setup();
    const log = open();
    // The log layer trusts validated batches; a forged header (never past validation) shows the roll.
    const wide = (await batch(1)).subarray(0);
    wide.writeInt32BE(0x7ffffff0, 23); // lastOffsetDelta: the batch spans 2^31 − 15 offsets
    expect(log.append([Buffer.from(wide)])).toBe(0);
    expect(log.append([Buffer.from(wide)])).toBe(0x7ffffff1);
    expect(log.logEndOffset).toBe(2 * 0x7ffffff1);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.log'))).toEqual(['00000000000000000000.log', '00000000002147483633.log']);
  });

  it('a write that fails leaves the segment, its indexes and the log-end as they were', async () => {
    const { open, dir, fds } = setup({ indexIntervalBytes: 1 });
    const log = open();
    log.append([await batch(3)]);
    const seg = path.join(dir, '00000000000000000000');
    const before = { log: fs.readFileSync(`${seg}.log`), end: log.logEndOffset };
    // the log cannot be written (a directory stands in its place, and its kept descriptor
    // was evicted from the cache): offsets, index entries and size placed for it go back
    fs.rmSync(`${seg}.log`);
    fs.mkdirSync(`${seg}.log`);
    fds.close(`${seg}.log`);
    const two = [await batch(2), await batch(2)];
    expect(() => log.append(two)).toThrow();
    expect(log.logEndOffset).toBe(before.end);
    fs.rmdirSync(`${seg}.log`);
    fs.writeFileSync(`${seg}.log`, before.log);
    expect(log.append([await batch(2)])).toBe(3);
    // the index entry placed for the failed batch was taken back: offset 3 is found where it is now
    expect(await offsetsIn((log.read(3, 1 << 20) as { parts: Buffer[] }).parts)).toEqual([3, 4]);
    expect(await offsetsIn((log.read(0, 1 << 20) as { parts: Buffer[] }).parts)).toEqual([0, 1, 2, 3, 4]);
  });

  it('a roll that fails undoes the batches before it in the same append', async () => {
    const big = await batch(2, 1700000000000, 200);
    const { open, dir } = setup({ segmentBytes: big.length + 100 });
    const log = open();
    log.append([big]);
    const seg = path.join(dir, '00000000000000000000.log');
    const size = fs.statSync(seg).size;
    // the tiny batch fits and takes offset 2; the next needs a new segment at 3, whose file cannot be made
    fs.mkdirSync(path.join(dir, '00000000000000000003.log'));
    const pair = [await batch(1, 1700000000000, 1), await batch(2, 1700000000000, 200)];
    expect(() => log.append(pair)).toThrow();
    expect(log.logEndOffset).toBe(2);
    expect(fs.statSync(seg).size).toBe(size);
    fs.rmdirSync(path.join(dir, '00000000000000000003.log'));
    expect(log.append([await batch(1, 1700000000000, 1)])).toBe(2);
  });
});

describe('flush.messages', () => {
  it('moves the recovery point with every flush', async () => {
    const { open } = setup({ flushMessages: 3 });
    const log = open();
    log.append([await batch(2)]);
    expect(log.recoveryPoint).toBe(0);
    log.append([await batch(1)]);
    expect(log.recoveryPoint).toBe(3);
  });
});
