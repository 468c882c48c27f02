// What a produced batch must satisfy before any byte of it reaches the log (Kafka's
// LogValidator, for the header; the rules and why they suffice are in ./README.md).
// The point is that nothing a client claims can move the log-end further than the
// records it really sent: a header that says 2^31−1 records must be backed by them.
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { ErrorCode } from '../../protocol/errors';
import {
  ATTR_COMPRESSION_MASK,
  ATTR_CONTROL,
  ATTR_TRANSACTIONAL,
  BATCH_HEADER_SIZE,
  BATCH_LOG_OVERHEAD,
  OFF,
  batchCrcValid,
} from '../../protocol/record-batch';

/** The smallest record v2: length, attributes, timestamp delta, offset delta, key length, value length, header count — one byte each. */
export const MIN_RECORD_BYTES = 7;

export interface ValidationLimits {
  /** max.message.bytes of the topic: one batch, as stored. */
  maxMessageBytes: number;
  /** A compressed batch may not inflate past this (a decompression bomb is refused, not expanded). */
  maxDecompressedBytes: number;
}

export interface Validated {
  batches: Buffer[];
  errorCode: number;
  /** Why, for the log and for Produce v8+'s error message. */
  message: string | null;
}

const refuse = (errorCode: number, message: string): Validated => ({ batches: [], errorCode, message });

/** Splits one partition's records into batches and checks each; all or nothing. */
export function validateBatches(data: Buffer, limits: ValidationLimits): Validated {
  const batches: Buffer[] = [];
  if (data.length === 0) return refuse(ErrorCode.CORRUPT_MESSAGE, 'no record batch');
  let at = 0;
  while (at < data.length) {
    // the magic byte first: an old message set (magic 0/1) is shorter than a v2 header
    if (data.length - at <= OFF.magic) return refuse(ErrorCode.CORRUPT_MESSAGE, `${data.length - at} bytes at ${at} are shorter than a batch header`);
    const magic = data.readInt8(at + OFF.magic);
    if (magic !== 2) return refuse(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT, `magic ${magic}: only record batch v2 is stored`);
    if (data.length - at < BATCH_HEADER_SIZE) return refuse(ErrorCode.CORRUPT_MESSAGE, `${data.length - at} bytes at ${at} are shorter than a batch header`);
    const size = data.readInt32BE(at + OFF.length) + BATCH_LOG_OVERHEAD;
    if (size < BATCH_HEADER_SIZE || at + size > data.length) return refuse(ErrorCode.CORRUPT_MESSAGE, `batch at ${at} claims ${size} bytes, ${data.length - at} were sent`);
    const batch = data.subarray(at, at + size);
    const problem = checkBatch(batch, limits);
    if (problem) return problem;
    batches.push(batch);
    at += size;
  }
  return { batches, errorCode: ErrorCode.NONE, message: null };
}

function checkBatch(batch: Buffer, limits: ValidationLimits): Validated | null {
  if (!batchCrcValid(batch)) return refuse(ErrorCode.CORRUPT_MESSAGE, 'the batch fails its CRC-32C');
  if (batch.length > limits.maxMessageBytes) return refuse(ErrorCode.MESSAGE_TOO_LARGE, `the batch is ${batch.length} bytes, max.message.bytes is ${limits.maxMessageBytes}`);
  const attributes = batch.readInt16BE(OFF.attributes);
  const recordCount = batch.readInt32BE(OFF.recordCount);
  const lastOffsetDelta = batch.readInt32BE(OFF.lastOffsetDelta);
  if (recordCount < 1 || lastOffsetDelta !== recordCount - 1) {
    return refuse(ErrorCode.INVALID_RECORD, `record count ${recordCount} and last offset delta ${lastOffsetDelta} disagree`);
  }
  if (attributes & ATTR_CONTROL) return refuse(ErrorCode.INVALID_RECORD, 'control batches are written by the broker, never by a producer');
  if (attributes & ATTR_TRANSACTIONAL) return refuse(ErrorCode.INVALID_TXN_STATE, 'transactional batch: this broker has no transaction coordinator');
  const codec = attributes & ATTR_COMPRESSION_MASK;
  if (codec > 4) return refuse(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `compression codec ${codec} is not one of Kafka's (0–4)`);
  const body = batch.subarray(OFF.records);
  if (codec === 0) {
    // no walk needed: a claim the bytes cannot hold is refused
    if (recordCount > Math.floor(body.length / MIN_RECORD_BYTES)) {
      return refuse(ErrorCode.INVALID_RECORD, `${recordCount} records cannot fit in ${body.length} bytes`);
    }
    return null;
  }
  let plain: Buffer;
  try {
    plain = inflate(codec, body, limits.maxDecompressedBytes);
  } catch (e) {
    if (e instanceof InflateLimitError) return refuse(ErrorCode.MESSAGE_TOO_LARGE, `the compressed records ${e.message}`);
    return refuse(ErrorCode.CORRUPT_MESSAGE, `the compressed records do not decompress: ${(e as Error).message}`);
  }
  const counted = countRecords(plain, recordCount);
  if (counted !== null) return refuse(ErrorCode.INVALID_RECORD, counted);
  return null;
}

/**
 * Walks the records as Kafka does for compressed batches: exactly `expected` records
 * whose lengths tile the bytes, each with offset delta equal to its place. Returns a
 * reason, or null when they agree.
 */
export function countRecords(plain: Buffer, expected: number): string | null {
  let at = 0;
  let n = 0;
  while (at < plain.length) {
    const len = readVarint(plain, at);
    if (len === null || len.value < MIN_RECORD_BYTES - 1) return `record ${n} has a bad length`;
    const end = len.next + len.value;
    if (end > plain.length) return `record ${n} runs past the batch`;
    // attributes (1 byte), timestamp delta (varlong), offset delta (varint)
    const ts = skipVarint(plain, len.next + 1);
    const delta = ts === null ? null : readVarint(plain, ts);
    if (delta === null || delta.value !== n) return `record ${n} has offset delta ${delta?.value ?? '?'}`;
    n++;
    if (n > expected) return `the batch holds more records than its count ${expected}`;
    at = end;
  }
  return n === expected ? null : `the batch holds ${n} records, its count says ${expected}`;
}

function readVarint(b: Buffer, at: number): { value: number; next: number } | null {
  let u = 0;
  for (let shift = 0, i = at; shift <= 28 && i < b.length; shift += 7, i++) {
    const byte = b[i];
    u += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value: u % 2 === 0 ? u / 2 : -(u + 1) / 2, next: i + 1 };
  }
  return null;
}

function skipVarint(b: Buffer, at: number): number | null {
  for (let i = at; i < b.length && i < at + 10; i++) if ((b[i] & 0x80) === 0) return i + 1;
  return null;
}

// --- bounded decompression: never more than `max` bytes come out, whatever the input claims

const require = createRequire(import.meta.url);

function inflate(codec: number, body: Buffer, max: number): Buffer {
  switch (codec) {
    case 1:
      try {
        return gunzipSync(body, { maxOutputLength: max });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig(max);
        throw e;
      }
    case 2:
      return unsnappy(body, max);
    case 3:
      return unlz4(body, max);
    default:
      return unzstd(body, max);
  }
}

class InflateLimitError extends Error {}
const tooBig = (max: number) => new InflateLimitError(`would inflate past ${max} bytes (the broker's --max-decompressed-batch-bytes)`);

/** Snappy, raw or in Xerial's framing (Kafka's Java client); every chunk declares its length up front. */
function unsnappy(body: Buffer, max: number): Buffer {
  const snappy = require('snappyjs') as { uncompress(b: Buffer): Buffer };
  const chunks: Buffer[] = [];
  const xerial = body.length >= 16 && body.subarray(0, 8).equals(Buffer.from([130, 83, 78, 65, 80, 80, 89, 0]));
  if (!xerial) chunks.push(body);
  else {
    for (let at = 16; at < body.length; ) {
      if (at + 4 > body.length) throw new Error('a truncated Xerial chunk header');
      const size = body.readUInt32BE(at);
      if (at + 4 + size > body.length) throw new Error('a truncated Xerial chunk');
      chunks.push(body.subarray(at + 4, at + 4 + size));
      at += 4 + size;
    }
  }
  let total = 0;
  for (const c of chunks) {
    let declared = 0;
    for (let i = 0, shift = 0; ; i++, shift += 7) {
      if (i >= c.length || i > 4) throw new Error('a bad snappy length');
      declared += (c[i] & 0x7f) * 2 ** shift;
      if ((c[i] & 0x80) === 0) break;
    }
    total += declared;
    if (total > max) throw tooBig(max);
  }
  return Buffer.concat(chunks.map((c) => Buffer.from(snappy.uncompress(c))));
}

/** An LZ4 frame, block by block into buffers of the frame's declared block size. */
function unlz4(body: Buffer, max: number): Buffer {
  const lz4 = require('lz4') as { decodeBlock(input: Buffer, output: Buffer): number };
  if (body.length < 7 || body.readUInt32LE(0) !== 0x184d2204) throw new Error('not an LZ4 frame');
  const flg = body[4];
  const bd = body[5];
  const blockMax = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20][(bd >> 4) & 7];
  if (!blockMax) throw new Error('a bad LZ4 block size');
  let at = 6 + (flg & 0x08 ? 8 : 0) + (flg & 0x01 ? 4 : 0) + 1; // content size, dictionary id, header checksum
  const blockChecksum = (flg & 0x10) !== 0;
  const out: Buffer[] = [];
  let total = 0;
  for (;;) {
    if (at + 4 > body.length) throw new Error('a truncated LZ4 frame');
    const word = body.readUInt32LE(at);
    at += 4;
    if (word === 0) break; // end mark
    const size = word & 0x7fffffff;
    if (size > blockMax || at + size > body.length) throw new Error('a bad LZ4 block');
    const block = body.subarray(at, at + size);
    at += size + (blockChecksum ? 4 : 0);
    let piece: Buffer;
    if (word & 0x80000000) piece = block; // stored uncompressed
    else {
      const buf = Buffer.allocUnsafe(blockMax);
      const n = lz4.decodeBlock(block, buf);
      if (n < 0) throw new Error('a corrupt LZ4 block');
      piece = buf.subarray(0, n);
    }
    total += piece.length;
    if (total > max) throw tooBig(max);
    out.push(piece);
  }
  return Buffer.concat(out);
}

/**
 * Zstandard: the frames' block headers bound what they can produce (raw and RLE blocks
 * state their size, a compressed block makes at most 128 KiB), so a bomb is refused
 * before anything is inflated.
 */
function unzstd(body: Buffer, max: number): Buffer {
  let bound = 0;
  for (let at = 0; at < body.length; ) {
    if (at + 4 > body.length) throw new Error('a truncated zstd frame');
    const magic = body.readUInt32LE(at);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      // skippable frame
      if (at + 8 > body.length) throw new Error('a truncated zstd frame');
      at += 8 + body.readUInt32LE(at + 4);
      continue;
    }
    if (magic !== 0xfd2fb528) throw new Error('not a zstd frame');
    if (at + 5 > body.length) throw new Error('a truncated zstd frame');
    const fhd = body[at + 4];
    const singleSegment = (fhd >> 5) & 1;
    const fcsSize = [singleSegment ? 1 : 0, 2, 4, 8][fhd >> 6];
    const dictSize = [0, 1, 2, 4][fhd & 3];
    at += 5 + (singleSegment ? 0 : 1) + dictSize + fcsSize;
    for (let last = false; !last; ) {
      if (at + 3 > body.length) throw new Error('a truncated zstd block');
      const header = body[at] | (body[at + 1] << 8) | (body[at + 2] << 16);
      at += 3;
      last = (header & 1) === 1;
      const type = (header >> 1) & 3;
      const size = header >>> 3;
      if (type === 3) throw new Error('a reserved zstd block type');
      bound += type === 2 ? 128 << 10 : size;
      at += type === 1 ? 1 : size;
      if (bound > max) throw tooBig(max);
    }
    if (fhd & 0x04) at += 4; // content checksum
  }
  const zstd = require('zstd-napi') as { decompress(b: Buffer): Buffer };
  const plain = zstd.decompress(body);
  if (plain.length > max) throw tooBig(max);
  return plain;
}
