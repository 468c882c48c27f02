import { describe, expect, it } from 'vitest';
import {
  OFF,
  batchCrcValid,
  computeBatchCrc,
  decodeRecordBatch,
  encodeRecordBatch,
  readBatchHeader,
  setBaseOffset,
  splitBatches,
  stampLogAppendTime,
} from './record-batch';
import type { Compression } from './compression';

const records = [
  { key: 'k1', value: 'hello', timestamp: 1700000000000, headers: [{ key: 'h', value: 'x' }] },
  { key: null, value: Buffer.from([0, 255, 1]), timestamp: 1700000000005 },
  { key: 'k3', value: null, timestamp: 1699999999999 },
];

describe('record batch v2', () => {
  it('lays out the header as Kafka does', async () => {
    const b = await encodeRecordBatch(records, { baseOffset: 42 });
    const h = readBatchHeader(b);
    expect(h.baseOffset).toBe(42);
    expect(h.size).toBe(b.length);
    expect(h.magic).toBe(2);
    expect(h.lastOffsetDelta).toBe(2);
    expect(h.recordCount).toBe(3);
    expect(h.baseTimestamp).toBe(1699999999999);
    expect(h.maxTimestamp).toBe(1700000000005);
    expect(h.producerId).toBe(-1);
    expect(b.readInt8(OFF.magic)).toBe(2);
  });

  it('CRC-32C covers attributes to the end, not baseOffset', async () => {
    const b = await encodeRecordBatch(records);
    expect(batchCrcValid(b)).toBe(true);
    setBaseOffset(b, 123456789);
    expect(batchCrcValid(b)).toBe(true);
    expect(readBatchHeader(b).baseOffset).toBe(123456789);
    b[b.length - 1] ^= 1;
    expect(batchCrcValid(b)).toBe(false);
  });

  it('CRC-32C of a known input (Castagnoli, not IEEE)', () => {
    // "123456789" → 0xE3069283 is the standard CRC-32C check value.
    const fake = Buffer.concat([Buffer.alloc(OFF.attributes), Buffer.from('123456789')]);
    expect(computeBatchCrc(fake)).toBe(0xe3069283);
  });

  for (const c of ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as Compression[]) {
    it(`${c}: records decode back with offsets from baseOffset`, async () => {
      const b = await encodeRecordBatch(records, { baseOffset: 10, compression: c });
      expect(batchCrcValid(b)).toBe(true);
      const got = await decodeRecordBatch(b);
      expect(got.map((r) => r.offset)).toEqual([10, 11, 12]);
      expect(got[0].key?.toString()).toBe('k1');
      expect(got[0].value?.toString()).toBe('hello');
      expect(got[0].headers).toEqual([{ key: 'h', value: Buffer.from('x') }]);
      expect(got[1].key).toBeNull();
      expect(got[1].value).toEqual(Buffer.from([0, 255, 1]));
      expect(got[2].value).toBeNull();
      expect(got.map((r) => r.timestamp)).toEqual([1700000000000, 1700000000005, 1699999999999]);
    });
  }

  it('LogAppendTime stamps every record with the broker time and keeps the CRC valid', async () => {
    const b = await encodeRecordBatch(records);
    stampLogAppendTime(b, 1800000000000);
    expect(batchCrcValid(b)).toBe(true);
    expect((await decodeRecordBatch(b)).map((r) => r.timestamp)).toEqual([1800000000000, 1800000000000, 1800000000000]);
  });

  it('splits concatenated batches and drops a truncated tail', async () => {
    const a = await encodeRecordBatch([{ value: 'a' }]);
    const b = await encodeRecordBatch([{ value: 'b' }, { value: 'c' }]);
    const joined = Buffer.concat([a, b]);
    expect(splitBatches(joined).map((x) => x.length)).toEqual([a.length, b.length]);
    expect(splitBatches(joined.subarray(0, joined.length - 3)).map((x) => x.length)).toEqual([a.length]);
  });

  it('a record whose length runs past the batch is an error, not garbage', async () => {
    const b = await encodeRecordBatch([{ value: 'abc' }]);
    b.writeUInt8(0x7e, OFF.records); // record length 63 > what is there
    await expect(decodeRecordBatch(b)).rejects.toThrow(/outside its batch/);
  });
});
