// Forged produce requests (server/broker/log/batch-validation.ts, rules in
// server/broker/log/README.md): each rule's batch is refused with its error code over real
// TCP, and the log, its log-end and a restart are exactly as before. Then a hundred forged
// batches in a row, a kill -9 and a restart: every earlier record is still served.
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Produce } from '../../server/protocol/00-produce';
import { ErrorCode } from '../../server/protocol/errors';
import { OFF, computeBatchCrc, encodeRecordBatch, encodeRecordBatchSync } from '../../server/protocol/record-batch';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { listOffset, readAllBatches, readAllRecords } from '../helpers/read';

let broker: TestBroker;
beforeEach(async () => {
  broker = await startTestBroker({ maxDecompressedBatchBytes: 1 << 20 });
  broker.state.createTopic('t', 1, 1);
});
afterEach(async () => {
  await broker.destroy();
});

async function produce(records: Buffer, port = broker.port) {
  const conn = await WireConnection.connect('127.0.0.1', port);
  try {
    const res = await conn.request(Produce, 7, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: 't', partitionData: [{ index: 0, records: [records] }] }] });
    return res.responses[0].partitionResponses[0];
  } finally {
    conn.close();
  }
}

async function logEnd(port = broker.port): Promise<number> {
  const conn = await WireConnection.connect('127.0.0.1', port);
  try {
    return await listOffset(conn, 't', 0, -1);
  } finally {
    conn.close();
  }
}

/** A batch with header fields changed and its CRC made valid again: only the broker's rules can refuse it. */
function forge(batch: Buffer, edit: (b: Buffer) => void): Buffer {
  const b = Buffer.from(batch);
  edit(b);
  b.writeUInt32BE(computeBatchCrc(b), OFF.crc);
  return b;
}

const setCount = (n: number, lastDelta = n - 1) => (b: Buffer) => {
  b.writeInt32BE(n, OFF.recordCount);
  b.writeInt32BE(lastDelta, OFF.lastOffsetDelta);
};
const setAttributes = (or: number) => (b: Buffer) => b.writeInt16BE(b.readInt16BE(OFF.attributes) | or, OFF.attributes);

/** A gzip batch whose header says `count` records over the given record bytes. */
function gzipBatch(plainRecords: Buffer, count: number): Buffer {
  const body = gzipSync(plainRecords);
  const template = encodeRecordBatchSync([{ value: 'x' }]);
  const b = Buffer.concat([template.subarray(0, OFF.records), body]);
  b.writeInt32BE(b.length - 12, OFF.length);
  return forge(b, (x) => {
    x.writeInt16BE((x.readInt16BE(OFF.attributes) & ~7) | 1, OFF.attributes);
    setCount(count)(x);
  });
}

/** The record bytes of an uncompressed batch of n records. */
const plainRecords = (n: number) => encodeRecordBatchSync(Array.from({ length: n }, (_, i) => ({ value: `r${i}` }))).subarray(OFF.records);

const RULES: [string, () => Promise<Buffer> | Buffer, number][] = [
  ['a 69-byte batch claiming 2^31−1 records (valid CRC)', () => forge(encodeRecordBatchSync([{ value: null }]), setCount(0x7fffffff)), ErrorCode.INVALID_RECORD],
  ['record count 0', () => forge(encodeRecordBatchSync([{ value: 'a' }]), setCount(0, -1)), ErrorCode.INVALID_RECORD],
  ['last offset delta ≠ count − 1', () => forge(encodeRecordBatchSync([{ value: 'a' }, { value: 'b' }]), setCount(2, 5)), ErrorCode.INVALID_RECORD],
  ['100 records claimed over the bytes of 2', () => forge(encodeRecordBatchSync([{ value: 'a' }, { value: 'b' }]), setCount(100)), ErrorCode.INVALID_RECORD],
  ['a control batch', () => forge(encodeRecordBatchSync([{ value: 'a' }]), setAttributes(0x20)), ErrorCode.INVALID_RECORD],
  ['a transactional batch', () => forge(encodeRecordBatchSync([{ value: 'a' }]), setAttributes(0x10)), ErrorCode.INVALID_TXN_STATE],
  ['codec 5', () => forge(encodeRecordBatchSync([{ value: 'a' }]), setAttributes(5)), ErrorCode.UNSUPPORTED_COMPRESSION_TYPE],
  ['codec 6', () => forge(encodeRecordBatchSync([{ value: 'a' }]), setAttributes(6)), ErrorCode.UNSUPPORTED_COMPRESSION_TYPE],
  ['codec 7', () => forge(encodeRecordBatchSync([{ value: 'a' }]), setAttributes(7)), ErrorCode.UNSUPPORTED_COMPRESSION_TYPE],
  ['magic 1', () => forge(encodeRecordBatchSync([{ value: 'a' }]), (b) => b.writeInt8(1, OFF.magic)), ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT],
  ['a bad CRC', () => {
    const b = encodeRecordBatchSync([{ value: 'a' }]);
    b[b.length - 1] ^= 0xff;
    return b;
  }, ErrorCode.CORRUPT_MESSAGE],
  ['a batch length past the request', () => forge(encodeRecordBatchSync([{ value: 'a' }]), (b) => b.writeInt32BE(b.readInt32BE(OFF.length) + 10, OFF.length)), ErrorCode.CORRUPT_MESSAGE],
  ['a good batch followed by a torn one', () => {
    const good = encodeRecordBatchSync([{ value: 'a' }]);
    return Buffer.concat([good, good.subarray(0, 40)]);
  }, ErrorCode.CORRUPT_MESSAGE],
  ['gzip: 3 records inside, 5 claimed', () => gzipBatch(plainRecords(3), 5), ErrorCode.INVALID_RECORD],
  ['gzip: 3 records inside, 2 claimed', () => gzipBatch(plainRecords(3), 2), ErrorCode.INVALID_RECORD],
  ['gzip: not gzip at all', () => forge(encodeRecordBatchSync([{ value: 'abcdefgh' }]), setAttributes(1)), ErrorCode.CORRUPT_MESSAGE],
  ['gzip: a bomb past --max-decompressed-batch-bytes', () => gzipBatch(Buffer.alloc(8 << 20), 1), ErrorCode.MESSAGE_TOO_LARGE],
  ['zstd: 4 records inside, 40 claimed', async () => forge(await encodeRecordBatch(Array.from({ length: 4 }, (_, i) => ({ value: `z${i}` })), { compression: 'zstd' }), setCount(40)), ErrorCode.INVALID_RECORD],
  ['lz4: 4 records inside, 1 claimed', async () => forge(await encodeRecordBatch(Array.from({ length: 4 }, (_, i) => ({ value: `l${i}` })), { compression: 'lz4' }), setCount(1)), ErrorCode.INVALID_RECORD],
  ['snappy: 4 records inside, 9 claimed', async () => forge(await encodeRecordBatch(Array.from({ length: 4 }, (_, i) => ({ value: `s${i}` })), { compression: 'snappy' }), setCount(9)), ErrorCode.INVALID_RECORD],
];

describe('each rule refuses its forged batch and changes nothing', () => {
  it.each(RULES)('%s', async (_what, make, code) => {
    expect((await produce(encodeRecordBatchSync([{ value: 'before-0' }, { value: 'before-1' }]))).errorCode).toBe(0);
    const stored = Buffer.concat(await readAllBatches(broker.port, 't', 0));
    const res = await produce(await make());
    expect(res).toMatchObject({ errorCode: code, baseOffset: -1 });
    expect(await logEnd()).toBe(2);
    expect(Buffer.concat(await readAllBatches(broker.port, 't', 0)).equals(stored)).toBe(true);
    broker = await broker.restart();
    expect(await logEnd()).toBe(2);
    expect(Buffer.concat(await readAllBatches(broker.port, 't', 0)).equals(stored)).toBe(true);
    // the next good batch gets the next offset: the refused one took none
    expect(await produce(encodeRecordBatchSync([{ value: 'after' }]))).toMatchObject({ errorCode: 0, baseOffset: 2 });
  });
});

it('honest compressed batches of every codec are accepted with their counts', async () => {
  let next = 0;
  for (const compression of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
    const batch = await encodeRecordBatch(Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `${compression}-${i}`.repeat(20) })), { compression });
    expect(await produce(batch)).toMatchObject({ errorCode: 0, baseOffset: next });
    next += 50;
  }
  expect(await logEnd()).toBe(200);
});

it('100 forged batches in a row, then kill -9 and a restart: the broker starts and serves every earlier record', async () => {
  const values: string[] = [];
  for (let i = 0; i < 20; i++) {
    const batch = encodeRecordBatchSync(Array.from({ length: 5 }, (_, j) => ({ value: `ok-${i * 5 + j}` })));
    values.push(...Array.from({ length: 5 }, (_, j) => `ok-${i * 5 + j}`));
    expect((await produce(batch)).errorCode).toBe(0);
  }
  const forgedRules = RULES.filter(([what]) => !what.includes('bomb'));
  for (let i = 0; i < 100; i++) {
    const [, make, code] = forgedRules[i % forgedRules.length];
    expect((await produce(await make())).errorCode).toBe(code);
  }
  expect(await logEnd()).toBe(100);
  await broker.crash();
  broker = await broker.restart();
  expect(broker.logs.join('\n')).toMatch(/no clean-shutdown marker/);
  const records = await readAllRecords(broker.port, 't', 0);
  expect(records.map((r) => r.offset)).toEqual(values.map((_, i) => i));
  expect(records.map((r) => r.value?.toString())).toEqual(values);
  expect(await produce(encodeRecordBatchSync([{ value: 'after' }]))).toMatchObject({ errorCode: 0, baseOffset: 100 });
});
