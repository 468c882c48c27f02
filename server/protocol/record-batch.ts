// Record batch v2 (magic 2): the unit the broker stores and serves. The broker only ever
// reads the fixed 61-byte header and checks the CRC-32C; it never decodes records on the
// produce or fetch path. Encoding and decoding of records is here for clients (our own
// dashboard code and tests) and for the rare broker paths that need a record timestamp.
import { crc32c } from '@node-rs/crc32';
import { ProtocolError, Reader, Writer } from './primitives';
import { compress, decompress, type Compression } from './compression';

export const BATCH_HEADER_SIZE = 61;
/** baseOffset (8) + length (4): `length` counts the bytes after these 12. */
export const BATCH_LOG_OVERHEAD = 12;

export const OFF = {
  baseOffset: 0,
  length: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordCount: 57,
  records: 61,
} as const;

export const ATTR_COMPRESSION_MASK = 0x07;
export const ATTR_LOG_APPEND_TIME = 0x08;
export const ATTR_TRANSACTIONAL = 0x10;
export const ATTR_CONTROL = 0x20;

const TWO_32 = 4294967296;
function readInt64(buf: Buffer, at: number): number {
  return buf.readInt32BE(at) * TWO_32 + buf.readUInt32BE(at + 4);
}
function writeInt64(buf: Buffer, at: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  buf.writeInt32BE(hi, at);
  buf.writeUInt32BE(v - hi * TWO_32, at + 4);
}

export interface BatchHeader {
  baseOffset: number;
  /** Whole batch size in bytes, including baseOffset and length. */
  size: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

export function readBatchHeader(buf: Buffer, at = 0): BatchHeader {
  if (buf.length - at < BATCH_HEADER_SIZE) throw new ProtocolError('record batch shorter than its header');
  return {
    baseOffset: readInt64(buf, at + OFF.baseOffset),
    size: buf.readInt32BE(at + OFF.length) + BATCH_LOG_OVERHEAD,
    magic: buf.readInt8(at + OFF.magic),
    crc: buf.readUInt32BE(at + OFF.crc),
    attributes: buf.readInt16BE(at + OFF.attributes),
    lastOffsetDelta: buf.readInt32BE(at + OFF.lastOffsetDelta),
    baseTimestamp: readInt64(buf, at + OFF.baseTimestamp),
    maxTimestamp: readInt64(buf, at + OFF.maxTimestamp),
    producerId: readInt64(buf, at + OFF.producerId),
    producerEpoch: buf.readInt16BE(at + OFF.producerEpoch),
    baseSequence: buf.readInt32BE(at + OFF.baseSequence),
    recordCount: buf.readInt32BE(at + OFF.recordCount),
  };
}

/** CRC-32C over attributes..end: baseOffset and leader epoch can change without it. */
export function computeBatchCrc(batch: Buffer): number {
  return crc32c(batch.subarray(OFF.attributes)) >>> 0;
}
export function batchCrcValid(batch: Buffer): boolean {
  return batch.length >= BATCH_HEADER_SIZE && computeBatchCrc(batch) === batch.readUInt32BE(OFF.crc);
}
export function setBaseOffset(batch: Buffer, baseOffset: number): void {
  writeInt64(batch, OFF.baseOffset, baseOffset);
}
/** LogAppendTime: the broker's clock becomes every record's timestamp; the CRC covers it. */
export function stampLogAppendTime(batch: Buffer, now: number): void {
  batch.writeInt16BE(batch.readInt16BE(OFF.attributes) | ATTR_LOG_APPEND_TIME, OFF.attributes);
  writeInt64(batch, OFF.maxTimestamp, now);
  batch.writeUInt32BE(computeBatchCrc(batch), OFF.crc);
}

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}
export interface Record {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}
export interface RecordInput {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: { key: string; value: Buffer | string | null }[];
  timestamp?: number;
}

const toBuf = (v: Buffer | string | null | undefined): Buffer | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? Buffer.from(v, 'utf8') : v;

function writeVarBytes(w: Writer, b: Buffer | null): void {
  if (b === null) w.varint(-1);
  else w.varint(b.length).raw(b);
}

export interface BatchOptions {
  baseOffset?: number;
  compression?: Compression;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  logAppendTime?: boolean;
}

/** Builds one magic-2 batch. Used by clients and tests; the broker re-encodes nothing it was sent. */
export async function encodeRecordBatch(records: RecordInput[], opts: BatchOptions = {}): Promise<Buffer> {
  const { body, baseTimestamp, maxTimestamp } = encodeRecords(records);
  const codec = opts.compression ?? 'none';
  return assembleBatch(await compress(codec, body), codecId(codec), records.length, baseTimestamp, maxTimestamp, opts);
}

/**
 * An uncompressed magic-2 batch, built synchronously: what the broker itself writes (the
 * group coordinator's `__consumer_offsets` records), where an await would let another
 * request in between deciding and appending.
 */
export function encodeRecordBatchSync(records: RecordInput[], opts: Omit<BatchOptions, 'compression'> = {}): Buffer {
  const { body, baseTimestamp, maxTimestamp } = encodeRecords(records);
  return assembleBatch(body, 0, records.length, baseTimestamp, maxTimestamp, opts);
}

function encodeRecords(records: RecordInput[]): { body: Buffer; baseTimestamp: number; maxTimestamp: number } {
  if (records.length === 0) throw new ProtocolError('a record batch needs at least one record');
  const now = Date.now();
  const stamps = records.map((r) => r.timestamp ?? now);
  const baseTimestamp = Math.min(...stamps);
  const maxTimestamp = Math.max(...stamps);
  const body = new Writer(1024);
  records.forEach((r, i) => {
    const rec = new Writer(64);
    rec.int8(0).varlong(stamps[i] - baseTimestamp).varint(i);
    writeVarBytes(rec, toBuf(r.key));
    writeVarBytes(rec, toBuf(r.value));
    const headers = r.headers ?? [];
    rec.varint(headers.length);
    for (const h of headers) {
      const k = Buffer.from(h.key, 'utf8');
      rec.varint(k.length).raw(k);
      writeVarBytes(rec, toBuf(h.value));
    }
    const recBuf = rec.toBuffer();
    body.varint(recBuf.length).raw(recBuf);
  });
  return { body: body.toBuffer(), baseTimestamp, maxTimestamp };
}

function assembleBatch(
  payload: Buffer,
  codec: number,
  count: number,
  baseTimestamp: number,
  maxTimestamp: number,
  opts: Omit<BatchOptions, 'compression'>,
): Buffer {
  const attrs = codec | (opts.logAppendTime ? ATTR_LOG_APPEND_TIME : 0);
  const w = new Writer(BATCH_HEADER_SIZE + payload.length);
  w.int64(opts.baseOffset ?? 0)
    .int32(BATCH_HEADER_SIZE - BATCH_LOG_OVERHEAD + payload.length)
    .int32(0) // partition leader epoch
    .int8(2)
    .uint32(0) // crc, filled below
    .int16(attrs)
    .int32(count - 1)
    .int64(baseTimestamp)
    .int64(maxTimestamp)
    .int64(opts.producerId ?? -1)
    .int16(opts.producerEpoch ?? -1)
    .int32(opts.baseSequence ?? -1)
    .int32(count)
    .raw(payload);
  const batch = w.toBuffer();
  batch.writeUInt32BE(computeBatchCrc(batch), OFF.crc);
  return batch;
}

const CODECS: Compression[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];
export function codecId(c: Compression): number {
  return CODECS.indexOf(c);
}
export function codecName(attributes: number): Compression {
  const c = CODECS[attributes & ATTR_COMPRESSION_MASK];
  if (!c) throw new ProtocolError(`unknown compression codec ${attributes & ATTR_COMPRESSION_MASK}`);
  return c;
}

/** Decodes every record of one batch (decompressing if needed). Contents are untrusted. */
export async function decodeRecordBatch(batch: Buffer): Promise<Record[]> {
  const h = readBatchHeader(batch);
  if (h.magic !== 2) throw new ProtocolError(`unsupported magic ${h.magic}`);
  if (batch.length < h.size) throw new ProtocolError('record batch is truncated');
  const raw = batch.subarray(OFF.records, h.size);
  const body = await decompress(codecName(h.attributes), raw);
  const logAppend = (h.attributes & ATTR_LOG_APPEND_TIME) !== 0;
  const r = new Reader(body);
  const out: Record[] = [];
  for (let i = 0; i < h.recordCount; i++) {
    const len = r.varint();
    const end = r.pos + len;
    if (len < 0 || end > body.length) throw new ProtocolError('record length outside its batch');
    r.int8(); // record attributes: unused by magic 2
    const tsDelta = r.varlong();
    const offsetDelta = r.varint();
    const key = readVarBytes(r);
    const value = readVarBytes(r);
    const nHeaders = r.varint();
    if (nHeaders < 0 || nHeaders > len) throw new ProtocolError('bad header count');
    const headers: RecordHeader[] = [];
    for (let j = 0; j < nHeaders; j++) {
      const kLen = r.varint();
      if (kLen < 0) throw new ProtocolError('null header key');
      const key = r.raw(kLen).toString('utf8');
      headers.push({ key, value: readVarBytes(r) });
    }
    r.pos = end;
    out.push({
      offset: h.baseOffset + offsetDelta,
      timestamp: logAppend ? h.maxTimestamp : h.baseTimestamp + tsDelta,
      key,
      value,
      headers,
    });
  }
  return out;
}

function readVarBytes(r: Reader): Buffer | null {
  const n = r.varint();
  return n < 0 ? null : r.raw(n);
}

/** Splits concatenated batches; a truncated last batch (allowed in Fetch answers) is dropped. */
export function splitBatches(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (data.length - at >= BATCH_LOG_OVERHEAD) {
    const size = data.readInt32BE(at + OFF.length) + BATCH_LOG_OVERHEAD;
    if (size < BATCH_HEADER_SIZE || at + size > data.length) break;
    out.push(data.subarray(at, at + size));
    at += size;
  }
  return out;
}
