// Protocol fuzzer for the broker's front door: the request decoder (connection.ts framing,
// header, each API's request codec) and every handler behind it. Shared by the short run in
// `npm test` (test/integration/fuzz.test.ts) and the long one (`npm run fuzz`, scripts/fuzz.ts).
//
// Frames are made by fast-check from one seed (frame i is the same for the same seed, whatever
// the timing), round-robin over every (API key, version) the broker advertises plus a few it
// does not, each with a valid request header:
//   random     — random bytes after the header;
//   generated  — a request made by the API's own codec reading from a generator instead of a
//                buffer (GenReader): every array count, string, bytes field and integer is drawn
//                as it is read, so each API and version gets well-formed bodies with no schema
//                written here; strings and bytes come from pools that matter to the broker (topic
//                and group names, config keys, record batches — some forged with a valid CRC —,
//                consumer-protocol blobs, SASL tokens, decompression bombs);
//   encoded    — a generated request, nudged to valid-ish values (short fetch waits, small
//                partition counts …) and written back with `api.request.write`;
//   mutated    — a generated or encoded frame with bit flips, truncation, its length fields
//                (array counts, string and bytes lengths) set to 0x7fffffff / -1 / -2 / one past
//                the end, interesting int32s, duplicated tails, insertions, another API's key …
// and then framed normally, split into several writes, sent twice, or with a size prefix that is
// too small, too large, out of bounds, or a 100 MB claim that never completes.
//
// Each frame goes over real TCP to a broker running as its own process (startBrokerProcess), on
// one of several connections, followed by an ApiVersions request (the sentinel): its answer
// means the broker has dealt with the frame and the connection is reused; a connection the
// broker closes is reopened; a frame still unanswered after roundTimeoutMs (a parked Fetch, a
// JoinGroup waiting for a rebalance) has its connection dropped. Throughout, a second
// connection in its own thread sends ApiVersions v0 / Metadata and must be answered within
// probeLimitMs every time; the broker process must stay alive; its RSS (/proc/<pid>/status)
// must not grow by more than rssLimitMb. The broker's log is read too: an internal error in a
// handler, or an answer that cannot be encoded, is a violation; so is an answer that does not
// decode with the API's own response codec, carries a correlation id that was not sent, or is
// missing (only Produce with acks=0 goes unanswered). Large frames (bombs, big bodies) are sent
// one at a time. A violation names the frames in flight (index, kind, wire hex): replay one with
// `npm run fuzz -- --seed S --only i`.
//
// Broker defects this fuzzer found are listed in KNOWN_DEFECTS below: by default each frame
// that would hit one is changed so that it does not (and counted), so that a run looks for new
// ones; `--include-known-defects` / FUZZ_INCLUDE_KNOWN=1 sends them as drawn.
import fs from 'node:fs';
import net from 'node:net';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { DEFAULTS } from '../../server/broker/config';
import { handlers, advertised } from '../../server/broker/handlers/index';
import { encodeConsumerAssignment, encodeConsumerSubscription } from '../../server/protocol/consumer-protocol';
import { readRequestHeader, responseHeaderHasTags } from '../../server/protocol/header';
import { Reader, Writer } from '../../server/protocol/primitives';
import { isFlexible } from '../../server/protocol/codec';
import { computeBatchCrc, encodeRecordBatch, OFF } from '../../server/protocol/record-batch';
import { startBrokerProcess } from './dashboard';

// ---------------------------------------------------------------------------------------------
// Targets

export interface Target {
  apiKey: number;
  version: number;
  advertised: boolean;
}

/** Every advertised (key, version), then keys and versions the broker must refuse. */
export function fuzzTargets(): Target[] {
  const out: Target[] = [];
  for (const a of advertised) for (let v = a.minVersion; v <= a.maxVersion; v++) out.push({ apiKey: a.apiKey, version: v, advertised: true });
  const extra: [number, number][] = [
    [-1, 0],
    [4, 0],
    [7, 0],
    [23, 0],
    [68, 0],
    [0x7fff, 0x7fff],
    [-0x8000, -1],
    [0, 8],
    [1, 12],
    [3, -1],
    [3, 7],
    [18, 3],
    // ApiVersions newer than ours: answered UNSUPPORTED_VERSION with a v0 body
    [18, 4],
    [18, 0x7fff],
    [36, 2],
    [47, 1],
  ];
  for (const [apiKey, version] of extra) {
    if (!out.some((t) => t.apiKey === apiKey && t.version === version)) out.push({ apiKey, version, advertised: false });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Drawing from fast-check

type Gen = fc.GeneratorValue;

/** Unbiased integers, for choosing among kinds: fast-check's bias towards the bounds would skew the mix. */
const uniform = (c: { min: number; max: number }) => fc.noBias(fc.integer(c));

/** Draws from one fast-check generator value (fc.gen()), so a frame is a function of the seed. */
class Draw {
  constructor(private readonly g: Gen) {}
  int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }
  /** Evenly spread over min..max (choices of kind; `int` leans to the bounds, as fuzzing values should). */
  uniform(min: number, max: number): number {
    return this.g(uniform, { min, max });
  }
  /** A percentage roll: 0..99, evenly spread. */
  roll(): number {
    return this.uniform(0, 99);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.uniform(0, xs.length - 1)];
  }
  bytes(maxLength: number): Buffer {
    return Buffer.from(this.g(fc.uint8Array, { maxLength }));
  }
  string(maxLength: number): string {
    return this.g(fc.string, { unit: 'binary', maxLength });
  }
  /** Many bytes at once: a fast-check-drawn seed expanded by a small PRNG (drawing each byte would be slow). */
  bulk(n: number): Buffer {
    const kind = this.uniform(0, 3);
    if (kind === 0) return Buffer.alloc(n); // zeros: every count and length reads as 0
    if (kind === 1) return Buffer.alloc(n, 0xff); // -1 everywhere
    let s = this.int(-0x80000000, 0x7fffffff) >>> 0;
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = Math.imul(s ^ (s >>> 15), s | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[i] = (t ^ (t >>> 14)) & 0xff;
    }
    if (kind === 2) return out;
    // a pattern repeated: a run of one small element
    const unit = out.subarray(0, 1 + (out[0] % 12));
    for (let i = unit.length; i < n; i++) out[i] = unit[i % unit.length];
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Pools: what strings and bytes fields are drawn from

const NAMES = [
  'fuzz-0',
  'fuzz-1',
  'fuzz-2',
  'fuzz.x',
  'fuzz_x',
  '__consumer_offsets',
  'g0',
  'g1',
  '',
  'consumer',
  'range',
  'roundrobin',
  'PLAIN',
  'SCRAM-SHA-256',
  'SCRAM-SHA-512',
  'GSSAPI',
  'cleanup.policy',
  'compact',
  'delete',
  'compact,delete',
  'retention.ms',
  'retention.bytes',
  'segment.bytes',
  'segment.ms',
  'max.message.bytes',
  'min.insync.replicas',
  'compression.type',
  'zstd',
  'message.timestamp.type',
  'LogAppendTime',
  'unclean.leader.election.enable',
  'no.such.config',
  '-1',
  '0',
  '1',
  '14',
  '2147483648',
  '9223372036854775807',
  '99999999999999999999',
  '1e3',
  ' 1',
  'NaN',
  'true',
  '0',
  '.',
  '..',
  'a/b',
  'a\u0000b',
  'ü',
  'a'.repeat(249),
  'a'.repeat(250),
  'member-1',
  'fuzz-client',
  'rack-a',
];

export interface Pools {
  batches: Buffer[];
  /** Decompression bombs: heavy, one in flight at a time. */
  bombs: Buffer[];
  blobs: Buffer[];
}

/** Record batches of every compression, a few flags, and two bombs; consumer-protocol and SASL blobs. */
export async function makePools(): Promise<Pools> {
  const batches: Buffer[] = [];
  const recs = (n: number, size: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: Buffer.alloc(size, 0x61 + (i % 26)), headers: i % 2 ? [{ key: 'h', value: 'v' }] : [] }));
  for (const compression of ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const) {
    batches.push(await encodeRecordBatch(recs(1, 8), { compression }));
    batches.push(await encodeRecordBatch(recs(5, 100), { compression }));
  }
  batches.push(await encodeRecordBatch(recs(3, 10), { producerId: 1000, producerEpoch: 0, baseSequence: 0 }));
  batches.push(await encodeRecordBatch(recs(2, 10), { logAppendTime: true, baseOffset: 1234 }));
  batches.push(await encodeRecordBatch([{ key: null, value: null }]));
  batches.push(await encodeRecordBatch(recs(1, 2000), { compression: 'gzip' }));
  const bombs = [
    await encodeRecordBatch([{ value: Buffer.alloc(70 * 2 ** 20) }], { compression: 'gzip' }), // past max.decompressed (64 MiB)
    await encodeRecordBatch([{ value: Buffer.alloc(16 * 2 ** 20) }], { compression: 'zstd' }), // under it
  ];
  const blobs = [
    encodeConsumerSubscription(['fuzz-0', 'fuzz-1']),
    encodeConsumerSubscription([]),
    encodeConsumerAssignment([{ topic: 'fuzz-0', partitions: [0, 1, 2] }]),
    encodeConsumerAssignment([{ topic: 'fuzz-1', partitions: [-1, 0x7fffffff] }]),
    Buffer.from('\u0000user\u0000pass'),
    Buffer.from('\u0000\u0000'),
    Buffer.from('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL'),
    Buffer.from('c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts='),
    Buffer.from([0xff, 0xff, 0xff, 0xff]),
  ];
  return { batches, bombs, blobs };
}

// ---------------------------------------------------------------------------------------------
// GenReader: a request codec reading from a generator

const I8 = [0, 1, -1, 2, 3, 4, 0x7f, -0x80];
const I16 = [0, 1, -1, -2, 2, 3, 0x7fff, -0x8000];
const I32 = [0, 1, 2, 3, -1, -2, 7, 100, 1000, 6000, 30000, 100000, 100001, 0x10000, 0x7fffffff, -0x80000000];
const I64 = [0n, 1n, 2n, -1n, -2n, 100n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), 1_700_000_000_000n];

class GenOverflow extends Error {}

/**
 * A Reader whose bytes are made as they are read: at the end of what has been made, each
 * primitive read first writes a drawn value of its type, then reads it back. Reading a request
 * with an API's codec therefore makes a well-formed random request of that API and version.
 * (nullableArray reads its count twice; the second read finds it already made.)
 */
class GenReader extends Reader {
  filled = 0;
  heavy = false;
  private nonNull = false;
  constructor(
    private readonly d: Draw,
    private readonly pools: Pools,
    scratch: Buffer,
  ) {
    super(scratch, 0, scratch.length);
  }

  /** Where to write n bytes if this read is at the end of what was made; null if re-reading. */
  private frontier(n: number): number | null {
    if (this.pos < this.filled) return null;
    if (this.pos + n > this.buf.length) throw new GenOverflow('request too large to generate');
    this.filled = this.pos + n;
    return this.pos;
  }

  override int8(): number {
    const at = this.frontier(1);
    if (at !== null) this.buf.writeInt8(this.d.roll() < 60 ? this.d.pick(I8) : this.d.int(-0x80, 0x7f), at);
    return super.int8();
  }
  override uint8(): number {
    const at = this.frontier(1);
    if (at !== null) this.buf[at] = this.d.int(0, 255);
    return super.uint8();
  }
  override bool(): boolean {
    const at = this.frontier(1);
    if (at !== null) this.buf[at] = this.d.roll() < 90 ? this.d.int(0, 1) : this.d.int(0, 255);
    return super.bool();
  }
  override int16(): number {
    const at = this.frontier(2);
    if (at !== null) {
      const r = this.d.roll();
      this.buf.writeInt16BE(r < 50 ? this.d.pick(I16) : r < 80 ? this.d.int(-1, 10) : this.d.int(-0x8000, 0x7fff), at);
    }
    return super.int16();
  }
  override int32(): number {
    const at = this.frontier(4);
    if (at !== null) {
      const r = this.d.roll();
      this.buf.writeInt32BE(r < 45 ? this.d.pick(I32) : r < 80 ? this.d.int(-1, 1000) : this.d.int(-0x80000000, 0x7fffffff), at);
    }
    return super.int32();
  }
  override uint32(): number {
    const at = this.frontier(4);
    if (at !== null) this.buf.writeInt32BE(this.d.int(-0x80000000, 0x7fffffff), at);
    return super.uint32();
  }
  private int64at(at: number): void {
    if (this.d.roll() < 60) this.buf.writeBigInt64BE(BigInt.asIntN(64, this.d.pick(I64)), at);
    else if (this.d.roll() < 50) this.buf.writeBigInt64BE(BigInt(this.d.int(-1, 100000)), at);
    else this.d.bulk(8).copy(this.buf, at);
  }
  override int64(): number {
    const at = this.frontier(8);
    if (at !== null) this.int64at(at);
    return super.int64();
  }
  override int64n(): bigint {
    const at = this.frontier(8);
    if (at !== null) this.int64at(at);
    return super.int64n();
  }
  override raw(n: number): Buffer {
    if (this.pos >= this.filled && n >= 0) {
      const at = this.frontier(n)!;
      this.d.bulk(n).copy(this.buf, at);
    }
    return super.raw(n);
  }

  override string(): string {
    this.nonNull = true;
    try {
      return super.string();
    } finally {
      this.nonNull = false;
    }
  }
  override nullableString(): string | null {
    if (this.pos >= this.filled) {
      const d = this.d;
      const r = d.roll();
      let content: Buffer | null;
      if (!this.nonNull && r < 12) content = null;
      else if (r < 70) content = Buffer.from(d.pick(NAMES));
      else if (r < 84) content = Buffer.from(Array.from({ length: d.int(1, 3) }, () => d.pick(['a', 'b', '.', '-', '_', '0'])).join(''));
      else if (r < 94) content = Buffer.from(d.string(24));
      else if (r < 98) content = d.bytes(24); // not UTF-8
      else content = Buffer.alloc(d.int(250, 32767), 0x61 + d.int(0, 25));
      const at = this.frontier(2 + (content?.length ?? 0))!;
      this.buf.writeInt16BE(content === null ? -1 : content.length, at);
      content?.copy(this.buf, at + 2);
    }
    return super.nullableString();
  }
  override nullableBytes(): Buffer | null {
    if (this.pos >= this.filled) {
      const content = this.blob();
      const at = this.frontier(4 + (content?.length ?? 0))!;
      this.buf.writeInt32BE(content === null ? -1 : content.length, at);
      content?.copy(this.buf, at + 4);
    }
    return super.nullableBytes();
  }
  private blob(): Buffer | null {
    const { d, pools } = this;
    const r = d.uniform(0, 999);
    if (r < 80) return null;
    if (r < 420) {
      let b = Buffer.from(d.pick(pools.batches));
      if (d.roll() < 15) b = Buffer.concat([b, d.pick(pools.batches)]);
      if (d.roll() < 40) {
        // forged: changed after the CRC field, and the CRC made to match, so validation goes past it
        for (let i = d.int(1, 3); i > 0; i--) {
          const at = d.int(OFF.attributes, b.length - 1);
          if (d.roll() < 50) b[at] = d.int(0, 255);
          else if (at + 4 <= b.length) b.writeInt32BE(d.pick(I32), at);
        }
        if (d.roll() < 20) b.writeInt32BE(d.pick(I32), OFF.length);
        if (d.roll() < 10) b[OFF.magic] = d.pick([0, 1, 3, 0xff]);
        if (b.length >= OFF.records) b.writeUInt32BE(computeBatchCrc(b), OFF.crc);
      }
      return b;
    }
    if (r < 500) return d.pick(pools.blobs);
    if (r < 920) return d.bytes(64);
    if (r < 990) return d.bulk(d.int(1024, 65536));
    if (r < 999) return d.bulk(d.int(65536, 200_000));
    // one blob in 1000 is large, or a decompression bomb
    this.heavy = true;
    return d.roll() < 60 ? d.bulk(d.int(256 * 1024, 1_200_000)) : d.pick(pools.bombs);
  }

  // Flexible versions: compact lengths (uvarint + 1) and tag sections, drawn the same way.
  private static uv(n: number): Buffer {
    return new Writer(8).uvarint(n).toBuffer();
  }
  /** A count or compact length reached at the frontier (a nullable array's first read, a compact array): small, sometimes null or empty. */
  override uvarint(): number {
    if (this.pos >= this.filled) {
      const r = this.d.roll();
      const at = this.frontier(1)!;
      this.buf[at] = r < 8 ? 0 : r < 30 ? 1 : r < 80 ? this.d.int(2, 3) : this.d.int(4, 7);
    }
    return super.uvarint();
  }
  /** A non-nullable compact array's count: never null (a nullable one draws its count through uvarint first). */
  override compactArrayLength(): number {
    if (this.pos >= this.filled) {
      const r = this.d.roll();
      const at = this.frontier(1)!;
      this.buf[at] = r < 25 ? 1 : r < 80 ? this.d.int(2, 3) : this.d.int(4, 7);
    }
    return super.compactArrayLength();
  }
  override compactString(): string {
    this.nonNull = true;
    try {
      return super.compactString();
    } finally {
      this.nonNull = false;
    }
  }
  override compactNullableString(): string | null {
    if (this.pos >= this.filled) {
      const d = this.d;
      const r = d.roll();
      let content: Buffer | null;
      if (!this.nonNull && r < 12) content = null;
      else if (r < 75) content = Buffer.from(d.pick(NAMES));
      else if (r < 94) content = Buffer.from(d.string(24));
      else if (r < 98) content = d.bytes(24); // not UTF-8
      else content = Buffer.alloc(d.int(250, 32767), 0x61 + d.int(0, 25));
      const len = GenReader.uv(content === null ? 0 : content.length + 1);
      const at = this.frontier(len.length + (content?.length ?? 0))!;
      len.copy(this.buf, at);
      content?.copy(this.buf, at + len.length);
    }
    return super.compactNullableString();
  }
  override compactNullableBytes(): Buffer | null {
    if (this.pos >= this.filled) {
      const content = this.blob();
      const len = GenReader.uv(content === null ? 0 : content.length + 1);
      const at = this.frontier(len.length + (content?.length ?? 0))!;
      len.copy(this.buf, at);
      content?.copy(this.buf, at + len.length);
    }
    return super.compactNullableBytes();
  }
  /** Mostly no tagged fields; sometimes one with a tag nobody declares (to be skipped). */
  override readTags(each: (tag: number, field: Reader) => void): void {
    if (this.pos >= this.filled) {
      const section =
        this.d.roll() < 85
          ? Buffer.from([0])
          : (() => {
              const body = this.d.bytes(this.d.int(0, 8));
              return Buffer.concat([Buffer.from([1]), GenReader.uv(this.d.int(100, 20000)), GenReader.uv(body.length), body]);
            })();
      const at = this.frontier(section.length)!;
      section.copy(this.buf, at);
    }
    super.readTags(each);
  }

  override arrayLength(): number {
    if (this.pos >= this.filled) {
      const r = this.d.roll();
      const at = this.frontier(4)!;
      this.buf.writeInt32BE(r < 8 ? -1 : r < 30 ? 0 : r < 80 ? this.d.int(1, 2) : this.d.int(3, 6), at);
    } else if (this.pos + 4 <= this.filled) {
      // a nullable array's count, drawn as a plain int32 on its first read: keep it small
      const n = this.buf.readInt32BE(this.pos);
      if (n > 6) this.buf.writeInt32BE(n % 4, this.pos);
    }
    return super.arrayLength();
  }
}

/** Where the length fields of a request are: array counts, string and bytes lengths. */
interface LengthField {
  at: number;
  width: 2 | 4;
}

class FieldRecorder extends Reader {
  fields: LengthField[] = [];
  override arrayLength(): number {
    this.fields.push({ at: this.pos, width: 4 });
    return super.arrayLength();
  }
  override nullableString(): string | null {
    this.fields.push({ at: this.pos, width: 2 });
    return super.nullableString();
  }
  override nullableBytes(): Buffer | null {
    this.fields.push({ at: this.pos, width: 4 });
    return super.nullableBytes();
  }
}

function lengthFields(message: Buffer, apiKey: number, version: number): LengthField[] {
  const r = new FieldRecorder(message);
  try {
    readRequestHeader(r, flexibleAt(apiKey, version));
    r.flexible = flexibleAt(apiKey, version);
    handlers.get(apiKey)?.api.request.read(r, version);
  } catch {
    // whatever was found before the failure
  }
  return r.fields;
}

// ---------------------------------------------------------------------------------------------
// Frames

export interface FuzzFrame {
  index: number;
  target: Target;
  /** random | generated | encoded | mutated:<ops> (with its base) */
  kind: string;
  /** The request (what follows the size prefix, when the framing is normal). */
  message: Buffer;
  /** Everything written, size prefix included. */
  wire: Buffer;
  /** normal | split | twice | short-size | long-size | bad-size | huge-claim */
  framing: string;
  /** Offsets at which the wire bytes are cut into separate writes. */
  splits: number[];
  /** The client ends its side after writing (the frame is incomplete or leaves the stream out of step). */
  endAfterWrite: boolean;
  /** Large or costly to decode (a bomb, a big body): one such frame in flight at a time. */
  heavy: boolean;
  /** Well-formed as generated: the broker should decode it (unmutated, normal framing). */
  wellFormed: boolean;
  /** Known defects this frame would have hit, and was changed to miss (KNOWN_DEFECTS). */
  steered: string[];
}

const SCRATCH = Buffer.alloc(4 * 2 ** 20);
const MAX_BODY = SCRATCH.length;

/** Whether requests of this API and version are flexible (request header v2, compact body). */
function flexibleAt(apiKey: number, version: number): boolean {
  const h = handlers.get(apiKey);
  return h ? isFlexible(h.api, version) : false;
}

function header(apiKey: number, version: number, correlationId: number, clientId: string | null): Buffer {
  const w = new Writer(64).int16(apiKey).int16(version).int32(correlationId).nullableString(clientId);
  if (flexibleAt(apiKey, version)) w.uvarint(0); // request header v2: no tagged fields
  return w.toBuffer();
}

/** A request of this API and version drawn through its codec; null request if the draw ran out of room. */
function generate(d: Draw, pools: Pools, apiKey: number, version: number): { body: Buffer; req: unknown; heavy: boolean } | null {
  const h = handlers.get(apiKey);
  if (!h) return null;
  const r = new GenReader(d, pools, SCRATCH);
  r.flexible = flexibleAt(apiKey, version);
  let req: unknown = null;
  try {
    req = h.api.request.read(r, version);
  } catch (e) {
    if (!(e instanceof GenOverflow)) throw e;
  }
  return { body: Buffer.from(SCRATCH.subarray(0, r.filled)), req, heavy: r.heavy };
}

/** Valid-ish values where a random one would park the request or cost a lot. */
function tweak(d: Draw, apiKey: number, req: Record<string, unknown>): void {
  const small = () => d.int(-1, 4);
  switch (apiKey) {
    case 0:
      if (d.roll() < 80) req.acks = d.pick([-1, 0, 1]);
      req.timeoutMs = d.int(0, 1000);
      break;
    case 1:
      req.maxWaitMs = d.roll() < 95 ? d.int(0, 100) : d.int(0, 2000);
      break;
    case 11:
      if (d.roll() < 70) req.sessionTimeoutMs = d.pick([6000, 10000, 0, -1]);
      if (d.roll() < 70) req.rebalanceTimeoutMs = d.int(0, 200);
      if (d.roll() < 70) req.protocolType = 'consumer';
      break;
    case 19:
      for (const t of (req.topics as { numPartitions: number; replicationFactor: number }[]) ?? []) {
        if (d.roll() < 80) t.numPartitions = small();
        if (d.roll() < 80) t.replicationFactor = small();
      }
      req.timeoutMs = d.int(0, 1000);
      break;
    case 37:
      for (const t of (req.topics as { count: number }[]) ?? []) if (d.roll() < 80) t.count = d.int(0, 8);
      break;
  }
}

const MUTATIONS = ['bitflip', 'byte', 'length', 'length', 'length', 'int32', 'int16', 'truncate', 'duptail', 'insert', 'delete', 'append', 'rekey', 'zeroflood'] as const;

function mutate(d: Draw, message: Buffer, fields: LengthField[], ops: string[]): { message: Buffer; heavy: boolean } {
  let m = Buffer.from(message);
  let heavy = false;
  for (let n = d.int(1, 4); n > 0; n--) {
    const op = d.pick(MUTATIONS);
    ops.push(op);
    const pos = (min = 4) => d.int(Math.min(min, m.length), Math.max(m.length - 1, Math.min(min, m.length))); // past key and version
    switch (op) {
      case 'bitflip':
        if (m.length > 4) {
          const at = pos();
          m[at] ^= 1 << d.int(0, 7);
        }
        break;
      case 'byte':
        if (m.length > 4) m[pos()] = d.roll() < 60 ? d.pick([0, 0xff, 0x7f, 0x80, 1]) : d.int(0, 255);
        break;
      case 'length': {
        const f = fields.filter((x) => x.at + x.width <= m.length);
        if (!f.length) break;
        const { at, width } = d.pick(f);
        const rest = m.length - at - width;
        if (width === 4) m.writeInt32BE(d.pick([0x7fffffff, -1, -2, -0x80000000, rest + 1, rest, 100000, 100001, 0x10000, 0]), at);
        else m.writeInt16BE(d.pick([0x7fff, -1, -2, -0x8000, Math.min(rest + 1, 0x7fff), 0]), at);
        break;
      }
      case 'int32':
        if (m.length >= 8) m.writeInt32BE(d.pick(I32), d.int(4, m.length - 4));
        break;
      case 'int16':
        if (m.length >= 6) m.writeInt16BE(d.pick(I16), d.int(4, m.length - 2));
        break;
      case 'truncate':
        m = m.subarray(0, d.int(0, m.length));
        break;
      case 'duptail':
        m = Buffer.concat([m, m.subarray(d.int(0, m.length))]);
        break;
      case 'insert': {
        const at = d.int(0, m.length);
        m = Buffer.concat([m.subarray(0, at), d.bytes(16), m.subarray(at)]);
        break;
      }
      case 'delete': {
        const at = d.int(0, m.length);
        m = Buffer.concat([m.subarray(0, at), m.subarray(Math.min(m.length, at + d.int(1, 16)))]);
        break;
      }
      case 'append':
        m = Buffer.concat([m, d.bytes(64)]);
        break;
      case 'rekey': {
        // another API's (or version's) decoder reads this body
        if (m.length < 4) break;
        const a = d.pick(advertised);
        m.writeInt16BE(a.apiKey, 0);
        m.writeInt16BE(d.int(a.minVersion, a.maxVersion), 2);
        break;
      }
      case 'zeroflood': {
        // a count near maxRequestElements, and enough bytes behind it to pass the "fits in the frame" check
        const f = fields.filter((x) => x.width === 4 && x.at + 4 <= m.length);
        if (!f.length || d.roll() >= 15) break; // rare: a large frame
        const { at } = d.pick(f);
        const count = d.pick([99_999, 100_000, 100_001, 250_000]);
        m.writeInt32BE(count, at);
        m = Buffer.concat([m, Buffer.alloc(count * d.pick([1, 2, 4]), d.pick([0, 0xff]))]);
        heavy = true;
        break;
      }
    }
  }
  return { message: m, heavy };
}

// ---------------------------------------------------------------------------------------------
// Known broker defects the generator steers around (by default), so that a run finds new ones.
// Each was found by this fuzzer and reported; delete its entry once the broker is fixed, and the
// fuzzer will check the fix. `--include-known-defects` (FUZZ_INCLUDE_KNOWN=1) turns them all back on.

export interface KnownDefect {
  id: string;
  what: string;
  /** Whether this decoded request would trigger the defect; if so, changes it so it does not. */
  steer(apiKey: number, version: number, req: Record<string, unknown>): boolean;
}

// Found and fixed since, each with a test of its own: partition creation that blocked for ~12 s
// and DeleteTopics naming 100000 unknown topics blocking ~1 s (flow-control.test.ts, cases 7–9),
// answers that could not be encoded when an echoed name grew past 32767 bytes (admin-errors.test.ts).
export const KNOWN_DEFECTS: KnownDefect[] = [];

/** Decodes the message as the broker would; if a known defect would fire, the request is changed and re-encoded. */
function steerKnown(message: Buffer, hits: string[]): Buffer {
  if (message.length < 8) return message;
  const apiKey = message.readInt16BE(0);
  const version = message.readInt16BE(2);
  const h = handlers.get(apiKey);
  if (!h || version < h.minVersion || version > h.maxVersion) return message;
  const r = new Reader(message);
  r.elementBudget = DEFAULTS.maxRequestElements;
  let req: Record<string, unknown>;
  let headerEnd: number;
  try {
    readRequestHeader(r, flexibleAt(apiKey, version));
    headerEnd = r.pos;
    r.flexible = flexibleAt(apiKey, version);
    req = h.api.request.read(r, version) as Record<string, unknown>;
  } catch {
    return message; // refused as malformed
  }
  for (const d of KNOWN_DEFECTS) if (d.steer(apiKey, version, req)) hits.push(d.id);
  if (!hits.length) return message;
  // the codec's int64 is a JS number: what read rounded past 2^53 cannot be written back
  const safe = (v: unknown): unknown => {
    if (typeof v === 'number' && !Number.isSafeInteger(v) && Number.isFinite(v) && Math.abs(v) > 2 ** 52) return Math.sign(v) * Number.MAX_SAFE_INTEGER;
    if (Array.isArray(v)) return v.map(safe);
    if (v && typeof v === 'object' && !Buffer.isBuffer(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, safe(x)]));
    return v;
  };
  req = safe(req) as Record<string, unknown>;
  try {
    const w = new Writer(1024);
    w.flexible = flexibleAt(apiKey, version);
    h.api.request.write(w, req, version);
    return Buffer.concat([message.subarray(0, headerEnd), w.toBuffer()]);
  } catch {
    return message.subarray(0, headerEnd); // header only: refused as malformed
  }
}

const SENTINEL_ID = 0x5e17e1;
const SENTINEL = (() => {
  const m = header(18, 0, SENTINEL_ID, 'fuzz-sentinel');
  const w = Buffer.alloc(4);
  w.writeInt32BE(m.length);
  return Buffer.concat([w, m]);
})();

function sized(size: number, payload: Buffer): Buffer {
  const s = Buffer.alloc(4);
  s.writeInt32BE(size | 0);
  return Buffer.concat([s, payload]);
}

export function buildFrame(g: Gen, target: Target, index: number, pools: Pools, avoidKnown = true): FuzzFrame {
  const d = new Draw(g);
  const { apiKey, version } = target;
  let correlationId = d.int(-0x80000000, 0x7fffffff);
  if (correlationId === SENTINEL_ID) correlationId ^= 1;
  const r0 = d.roll();
  const clientId = r0 < 80 ? 'fuzz' : r0 < 90 ? null : d.pick(NAMES);
  const head = header(apiKey, version, correlationId, clientId);
  let heavy = false;
  let kind: string;
  let message: Buffer;
  let wellFormed = false;

  const generated = (): Buffer | null => {
    const gen = generate(d, pools, apiKey, version);
    if (!gen) return null;
    heavy ||= gen.heavy;
    return Buffer.concat([head, gen.body]);
  };
  const encoded = (): Buffer | null => {
    const gen = generate(d, pools, apiKey, version);
    if (!gen || gen.req === null) return null;
    heavy ||= gen.heavy;
    tweak(d, apiKey, gen.req as Record<string, unknown>);
    try {
      const w = new Writer(1024);
      w.flexible = flexibleAt(apiKey, version);
      handlers.get(apiKey)!.api.request.write(w, gen.req, version);
      return Buffer.concat([head, w.toBuffer()]);
    } catch {
      return Buffer.concat([head, gen.body]); // e.g. an int64 past 2^53, which the writer refuses
    }
  };
  const random = (): Buffer => {
    const big = d.roll() < 1;
    if (big) heavy = true;
    return Buffer.concat([head, big ? d.bulk(d.int(1024, 300_000)) : d.bytes(256)]);
  };

  const r = d.roll();
  const known = handlers.has(apiKey);
  if (!known || (!target.advertised && r < 50) || r < 20) {
    kind = 'random';
    message = random();
  } else if (r < 45) {
    kind = 'generated';
    message = generated() ?? random();
    wellFormed = target.advertised;
  } else if (r < 65) {
    kind = 'encoded';
    const e = encoded();
    kind = e ? 'encoded' : 'generated';
    message = e ?? generated() ?? random();
    wellFormed = target.advertised;
  } else {
    const fromEncoded = d.roll() < 50;
    const base = (fromEncoded ? encoded() : null) ?? generated() ?? random();
    const ops: string[] = [];
    const mut = mutate(d, base, lengthFields(base, apiKey, version), ops);
    heavy ||= mut.heavy;
    message = mut.message;
    kind = `mutated:${ops.join('+')}`;
  }
  if (message.length > MAX_BODY) message = message.subarray(0, MAX_BODY);
  const steered: string[] = [];
  if (avoidKnown) message = steerKnown(message, steered);

  let framing = 'normal';
  let wire: Buffer;
  let splits: number[] = [];
  let endAfterWrite = false;
  const f = d.uniform(0, 999);
  if (f < 850) {
    wire = sized(message.length, message);
  } else if (f < 920) {
    framing = 'split';
    wire = sized(message.length, message);
    const cuts = new Set<number>();
    for (let n = d.int(1, 5); n > 0; n--) cuts.add(d.int(1, Math.max(1, wire.length - 1)));
    splits = [...cuts].filter((c) => c > 0 && c < wire.length).sort((a, b) => a - b);
  } else if (f < 935) {
    framing = 'twice';
    wire = Buffer.concat([sized(message.length, message), sized(message.length, message)]);
  } else if (f < 955) {
    framing = 'short-size';
    const lo = Math.min(8, message.length);
    wire = sized(d.int(lo, Math.max(lo, message.length - 1)), message);
    endAfterWrite = true;
  } else if (f < 975) {
    framing = 'long-size';
    wire = sized(message.length + d.int(1, 1000), message);
    endAfterWrite = true;
  } else if (f < 995) {
    framing = 'bad-size';
    wire = sized(d.pick([-1, -2, 0, 4, 7, -0x80000000, DEFAULTS.socketRequestMaxBytes + 1, 0x7fffffff]), message);
  } else {
    framing = 'huge-claim';
    // exactly socket.request.max.bytes announced, a few hundred KB sent, then the client hangs up
    wire = Buffer.concat([sized(DEFAULTS.socketRequestMaxBytes, message), d.bulk(d.int(64 * 1024, 512 * 1024))]);
    endAfterWrite = true;
    heavy = true;
  }
  return { index, target, kind, message, wire, framing, splits, endAfterWrite, heavy, wellFormed: wellFormed && framing === 'normal', steered };
}

const BATCH = 256;

/** Frame i of a seed: the batch of fast-check generator values it falls in is sampled once. */
export class FrameSource {
  readonly targets = fuzzTargets();
  private batches = new Map<number, Gen[]>();
  constructor(
    readonly seed: number,
    private readonly pools: Pools,
    private readonly avoidKnown = true,
  ) {}
  frame(i: number): FuzzFrame {
    const b = Math.floor(i / BATCH);
    let gens = this.batches.get(b);
    if (!gens) {
      gens = fc.sample(fc.gen(), { seed: (this.seed ^ Math.imul(b + 1, 0x9e3779b1)) | 0, numRuns: BATCH });
      this.batches.set(b, gens);
      for (const k of this.batches.keys()) if (k < b - 2) this.batches.delete(k);
    }
    return buildFrame(gens[i % BATCH], this.targets[i % this.targets.length], i, this.pools, this.avoidKnown);
  }
}

export function randomSeed(): number {
  return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
}

// ---------------------------------------------------------------------------------------------
// The second connection, in its own thread so the fuzzer's own work never delays it

const PROBE_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const { port, intervalMs, limitMs } = workerData;
function request(key, version, corr, body) {
  const id = Buffer.from('fuzz-probe');
  const h = Buffer.alloc(10);
  h.writeInt16BE(key, 0); h.writeInt16BE(version, 2); h.writeInt32BE(corr, 4); h.writeInt16BE(id.length, 8);
  const m = Buffer.concat([h, id, body]);
  const s = Buffer.alloc(4); s.writeInt32BE(m.length);
  return Buffer.concat([s, m]);
}
const topic = Buffer.from('fuzz-probe');
const tl = Buffer.alloc(6); tl.writeInt32BE(1, 0); tl.writeInt16BE(topic.length, 4);
// Metadata v4 for one topic, allow_auto_topic_creation false: an answer of constant cost
const metadataBody = Buffer.concat([tl, topic, Buffer.from([0])]);
let sock = null, buf = Buffer.alloc(0), pending = null, corr = 0, stopped = false, timer = null;
function connect() {
  const s = net.connect({ host: '127.0.0.1', port });
  sock = s; buf = Buffer.alloc(0);
  s.setNoDelay(true);
  s.on('connect', send);
  s.on('error', () => {});
  s.on('data', (d) => {
    buf = buf.length ? Buffer.concat([buf, d]) : d;
    while (buf.length >= 8) {
      const n = buf.readInt32BE(0);
      if (buf.length < 4 + n) break;
      const c = buf.readInt32BE(4);
      buf = buf.subarray(4 + n);
      if (pending && c === pending.corr) {
        const ms = performance.now() - pending.at;
        clearTimeout(pending.late); clearTimeout(pending.dead);
        parentPort.postMessage({ type: 'answer', ms, api: pending.api, askedAt: performance.timeOrigin + pending.at });
        pending = null;
        timer = setTimeout(send, intervalMs);
      } else parentPort.postMessage({ type: 'stray', corr: c });
    }
  });
  s.on('close', () => {
    if (stopped || sock !== s) return;
    if (pending) { clearTimeout(pending.late); clearTimeout(pending.dead); }
    if (!s.selfClosed) parentPort.postMessage({ type: 'closed', api: pending ? pending.api : null });
    pending = null; clearTimeout(timer);
    setTimeout(connect, 50);
  });
}
function send() {
  if (stopped || !sock) return;
  corr = (corr + 1) | 0;
  const api = corr % 2 ? 'ApiVersions v0' : 'Metadata v4';
  const s = sock;
  const at = performance.now();
  pending = {
    corr, api, at,
    late: setTimeout(() => parentPort.postMessage({ type: 'late', api, ms: limitMs, askedAt: performance.timeOrigin + at }), limitMs),
    dead: setTimeout(() => { parentPort.postMessage({ type: 'dead', api }); s.selfClosed = true; s.destroy(); }, 30000),
  };
  s.write(api === 'ApiVersions v0' ? request(18, 0, corr, Buffer.alloc(0)) : request(3, 4, corr, metadataBody));
}
parentPort.on('message', (m) => {
  if (m === 'stop') {
    stopped = true; clearTimeout(timer);
    if (pending) { clearTimeout(pending.late); clearTimeout(pending.dead); }
    if (sock) sock.destroy();
    parentPort.close();
  }
});
connect();
`;

// ---------------------------------------------------------------------------------------------
// Lanes: fuzzing connections

interface RoundResult {
  outcome: 'answered' | 'closed' | 'timeout';
  responses: Buffer[];
  port: number;
}

class Lane {
  sock: net.Socket | null = null;
  port = 0;
  current: FuzzFrame | null = null;
  /** When the current frame was taken up. */
  since = 0;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private onFrame: ((f: Buffer) => void) | null = null;
  private onClose: (() => void) | null = null;
  strays = 0;

  constructor(
    private readonly brokerPort: number,
    /** Which frame each local port carried: the broker's log names connections by port. */
    private readonly portFrame: Map<number, FuzzFrame>,
  ) {}

  private connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ host: '127.0.0.1', port: this.brokerPort });
      this.sock = s;
      this.chunks = [];
      this.buffered = 0;
      s.setNoDelay(true);
      s.on('error', (e) => {
        if (s.connecting) reject(e);
      });
      s.once('connect', () => {
        this.port = s.localPort ?? 0;
        resolve(s);
      });
      s.on('data', (d) => {
        if (this.sock === s) this.data(d);
      });
      s.on('close', () => {
        if (this.sock !== s) return;
        this.sock = null;
        this.onClose?.();
      });
    });
  }

  private data(d: Buffer): void {
    this.chunks.push(d);
    this.buffered += d.length;
    for (;;) {
      if (this.buffered < 4) return;
      if (this.chunks[0].length < 4) this.chunks = [Buffer.concat(this.chunks)];
      const n = this.chunks[0].readInt32BE(0);
      if (this.buffered < 4 + n) return;
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      const frame = all.subarray(4, 4 + n);
      const rest = all.subarray(4 + n);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      if (this.onFrame) this.onFrame(frame);
      else this.strays++;
    }
  }

  async round(ff: FuzzFrame, timeoutMs: number): Promise<RoundResult> {
    const s = this.sock ?? (await this.connect());
    const port = this.port;
    this.portFrame.delete(port); // most recent last
    this.portFrame.set(port, ff);
    if (this.portFrame.size > 20_000) this.portFrame.delete(this.portFrame.keys().next().value!);
    const responses: Buffer[] = [];
    const done = new Promise<RoundResult['outcome']>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeoutMs);
      this.onFrame = (f) => {
        if (f.length >= 4 && f.readInt32BE(0) === SENTINEL_ID && !ff.endAfterWrite) {
          clearTimeout(timer);
          resolve('answered');
        } else responses.push(f);
      };
      this.onClose = () => {
        clearTimeout(timer);
        resolve('closed');
      };
    });
    if (ff.splits.length) {
      let prev = 0;
      for (const cut of [...ff.splits, ff.wire.length]) {
        if (this.sock !== s) break;
        s.write(ff.wire.subarray(prev, cut));
        prev = cut;
        await new Promise((r) => setImmediate(r));
      }
    } else s.write(ff.wire);
    if (this.sock === s) {
      if (ff.endAfterWrite) s.end();
      else s.write(SENTINEL);
    }
    const outcome = await done;
    this.onFrame = null;
    this.onClose = null;
    if (outcome === 'timeout' && this.sock === s) {
      this.sock = null;
      s.destroy();
    }
    return { outcome, responses, port };
  }

  close(): void {
    const s = this.sock;
    this.sock = null;
    s?.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// The run

export interface FuzzOptions {
  seed: number;
  /** Total frames (default: framesPerTarget for every target). */
  frames?: number;
  framesPerTarget?: number;
  /** Replay only these frame indexes of the seed. */
  only?: number[];
  /** Fuzzing connections in flight at once. */
  concurrency?: number;
  /** A frame unanswered this long (parked fetch, join waiting for a rebalance) has its connection dropped. */
  roundTimeoutMs?: number;
  probeIntervalMs?: number;
  /** The second connection's every answer must come within this. */
  probeLimitMs?: number;
  /** Bound on the broker's RSS growth over its size when fuzzing starts. */
  rssLimitMb?: number;
  progressEveryMs?: number;
  log?: (line: string) => void;
  brokerArgs?: string[];
  /** Keep the broker's data dir (printed) instead of removing it. */
  keepData?: boolean;
  /** Steer around KNOWN_DEFECTS (default true). */
  avoidKnownDefects?: boolean;
}

export interface Violation {
  what: string;
  frame?: string;
}

/** A sudden rise of the broker's RSS, and the largest frames in flight as it rose. */
export interface RssJump {
  mb: number;
  to: number;
  candidates: string[];
}

/** A slow answer on the second connection, and the fuzz frames in flight while it waited (longest first). */
export interface SlowProbe {
  ms: number;
  api: string;
  /** When it was asked: before the fuzzing, during it (seconds in), or after it (seconds after the end). */
  when: string;
  candidates: string[];
}

export interface FuzzReport {
  seed: number;
  frames: number;
  seconds: number;
  framesPerSecond: number;
  /** Frames sent per "key/vversion" (by the header actually sent). */
  perTarget: Map<string, number>;
  minPerAdvertisedTarget: number;
  byKind: Map<string, number>;
  byFraming: Map<string, number>;
  answered: number;
  closedByBroker: number;
  endedByClient: number;
  parked: number;
  closeReasons: Map<string, number>;
  /** Frames changed to miss a known defect, by defect id (empty when avoidKnownDefects is off). */
  steered: Map<string, number>;
  avoidedKnownDefects: boolean;
  /** Well-formed frames the broker nonetheless closed, by reason (not violations by themselves). */
  wellFormedClosed: Map<string, number>;
  otherLog: Map<string, number>;
  probes: number;
  maxProbeLatencyMs: number;
  p99ProbeLatencyMs: number;
  slowestProbes: SlowProbe[];
  baselineRssMb: number;
  maxRssMb: number;
  maxRssGrowthMb: number;
  finalRssMb: number;
  rssJumps: RssJump[];
  brokerCpuSeconds: number;
  brokerAlive: boolean;
  violations: Violation[];
}

function hex(b: Buffer, max = 2048): string {
  return b.length <= max ? b.toString('hex') : `${b.subarray(0, max).toString('hex')}… (${b.length} bytes)`;
}

function frameName(ff: FuzzFrame): string {
  const k = ff.message.length >= 4 ? `key ${ff.message.readInt16BE(0)} v${ff.message.readInt16BE(2)}` : 'no header';
  const steered = ff.steered.length ? `; steered around ${ff.steered.join(', ')}` : '';
  return `frame #${ff.index} (target key ${ff.target.apiKey} v${ff.target.version}; sent ${k}; ${ff.kind}; framing ${ff.framing}; ${ff.wire.length} bytes${steered})`;
}

export function describeFrame(ff: FuzzFrame, seed: number, maxHex = 2048): string {
  return `${frameName(ff)} of seed ${seed}, wire hex: ${hex(ff.wire, maxHex)}`;
}

const norm = (s: string) =>
  s
    .replace(/127\.0\.0\.1:\d+/g, 'H:P')
    .replace(/-?\d+/g, 'N')
    .slice(0, 110);

function bump(m: Map<string, number>, k: string, n = 1): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

function readRssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** utime + stime of a process, in seconds (clock ticks of 1/100 s). */
function readCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

/** Checks the answers of one round against the frame sent. */
function checkRound(ff: FuzzFrame, res: RoundResult, add: (v: Violation) => void, seed: number): void {
  const m = ff.message;
  if (!['normal', 'split', 'twice'].includes(ff.framing)) {
    if (ff.framing === 'bad-size' && res.outcome === 'answered') add({ what: `frame size ${ff.wire.readInt32BE(0)} was accepted`, frame: describeFrame(ff, seed) });
    return;
  }
  if (m.length < 8) {
    if (res.responses.length || res.outcome === 'answered') add({ what: 'a frame shorter than a header was answered', frame: describeFrame(ff, seed) });
    return;
  }
  const key = m.readInt16BE(0);
  const version = m.readInt16BE(2);
  const corr = m.readInt32BE(4);
  const h = handlers.get(key);
  for (const r of res.responses) {
    if (r.length < 4 || r.readInt32BE(0) !== corr) {
      add({ what: `an answer with correlation id ${r.length >= 4 ? r.readInt32BE(0) : '?'} where ${corr} was sent`, frame: describeFrame(ff, seed) });
      continue;
    }
    if (!h) {
      add({ what: `unknown API key ${key} answered`, frame: describeFrame(ff, seed) });
      continue;
    }
    try {
      const rd = new Reader(r, 4);
      // an ApiVersions newer than the broker serves is answered in v0 form (and header v0)
      const readAs = key === 18 && version > h.maxVersion ? 0 : version;
      const flex = flexibleAt(key, readAs);
      if (responseHeaderHasTags(key, flex)) rd.skipTags();
      rd.flexible = flex;
      h.api.response.read(rd, readAs);
      if (rd.remaining !== 0) throw new Error(`${rd.remaining} bytes left over`);
    } catch (e) {
      add({ what: `${h.api.name} v${version} answer does not decode: ${(e as Error).message}; answer hex ${hex(r, 512)}`, frame: describeFrame(ff, seed) });
    }
  }
  const expected = ff.framing === 'twice' ? 2 : 1;
  if (res.responses.length > expected) add({ what: `${res.responses.length} answers to ${expected} request(s)`, frame: describeFrame(ff, seed) });
  if (res.outcome === 'answered' && res.responses.length < expected) {
    // the only request the protocol leaves unanswered: Produce with acks=0
    let acks0 = false;
    if (key === 0 && h) {
      try {
        const rd = new Reader(m);
        readRequestHeader(rd, flexibleAt(key, version));
        rd.flexible = flexibleAt(key, version);
        acks0 = (h.api.request.read(rd, version) as { acks: number }).acks === 0;
      } catch {
        // not decodable: should have been refused
      }
    }
    if (!acks0) add({ what: `request neither answered nor refused (the request after it was answered)`, frame: describeFrame(ff, seed) });
  }
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const log = opts.log ?? (() => {});
  const seed = opts.seed | 0;
  const concurrency = opts.concurrency ?? 8;
  const roundTimeoutMs = opts.roundTimeoutMs ?? 500;
  const probeLimitMs = opts.probeLimitMs ?? 1000;
  const rssLimitMb = opts.rssLimitMb ?? 256;
  const pools = await makePools();
  const avoidKnown = opts.avoidKnownDefects ?? true;
  const source = new FrameSource(seed, pools, avoidKnown);
  const indexes = opts.only ?? null;
  const total = indexes ? indexes.length : (opts.frames ?? (opts.framesPerTarget ?? 200) * source.targets.length);

  const violations: Violation[] = [];
  let violationCount = 0;
  const addViolation = (v: Violation) => {
    violationCount++;
    if (violations.length < 50) violations.push(v);
    if (violationCount <= 200) log(`VIOLATION: ${v.what.slice(0, 1000)}${v.frame ? `\n  ${v.frame.slice(0, 1200)}` : ''}`);
  };

  const lanes: Lane[] = [];
  // recent rounds, to name the frames that were in flight when something went wrong
  const recent: { ff: FuzzFrame; start: number; end: number; outcome: string }[] = [];
  /** Frames in flight at time `at` (still, or finished since), earliest sent first: the first unanswered one is the likeliest culprit. */
  const suspects = (at: number, n: number) => {
    const now = performance.now();
    const all = [...recent.filter((r) => r.start <= at && r.end >= at), ...lanes.filter((l) => l.current && l.since <= at).map((l) => ({ ff: l.current!, start: l.since, end: now, outcome: 'in flight' }))];
    all.sort((a, b) => a.start - b.start);
    return all.slice(0, n);
  };
  const inFlight = (at = performance.now()) => suspects(at, 8).map((r) => `${describeFrame(r.ff, seed, 512)} [sent ${(performance.now() - r.start).toFixed(0)} ms ago; ${r.outcome}]`);
  const slowest: SlowProbe[] = [];
  const lateSuspects = new Map<number, string[]>();
  let t0 = Infinity; // fuzzing started
  let t1 = Infinity; // and ended
  const when = (at: number) => (at < t0 ? 'before the fuzzing' : at < t1 ? `${((at - t0) / 1000).toFixed(1)} s into the fuzzing` : `${((at - t1) / 1000).toFixed(1)} s after the fuzzing`);
  const rssJumps: RssJump[] = [];

  // A few thousand partitions at most: answers that list every partition (Metadata,
  // DescribeLogDirs) stay small however many topics the fuzzed frames create, and the limit's
  // refusal is exercised; creating 100000 at once is flow-control.test.ts's case 7.
  const broker = await startBrokerProcess({ args: opts.brokerArgs ?? ['--max-partitions', '5000'] });
  const pid = broker.child.pid!;
  // if this process ends abruptly (an exception, ^C), the broker must not live on
  const killBroker = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killBroker);
  let alive = true;
  let exitInfo = '';
  broker.child.once('exit', (code, signal) => {
    alive = false;
    exitInfo = `code ${code}, signal ${signal}`;
  });

  // The launcher keeps all output in memory; over a million frames that is the fuzzer's own
  // leak. Read the broker's log line by line instead: its reasons for closing, its errors.
  const portFrame = new Map<number, FuzzFrame>();
  const closeReasons = new Map<string, number>();
  const wellFormedClosed = new Map<string, number>();
  const otherLog = new Map<string, number>();
  const tail: string[] = [];
  let partial = '';
  const onLog = (d: Buffer) => {
    const lines = (partial + d.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      const c = /closing connection from 127\.0\.0\.1:(\d+): (.*)$/.exec(line);
      if (c) {
        const reason = norm(c[2]);
        bump(closeReasons, reason);
        const ff = portFrame.get(Number(c[1]));
        if (ff?.wellFormed) bump(wellFormedClosed, `${ff.target.apiKey}/v${ff.target.version} ${ff.kind}: ${reason}`);
        if (/internal error/.test(c[2])) addViolation({ what: `broker: ${line.trim()}`, frame: ff ? describeFrame(ff, seed) : `(no frame known for port ${c[1]})` });
      } else if (/internal error| v\d+ failed: |could not be encoded|timer failed|uncaught|unhandled/i.test(line)) {
        // handlers/errors.ts: anything thrown that is not a KafkaError is a bug on our side
        addViolation({ what: `broker: ${line.trim().slice(0, 1000)}`, frame: `frames in flight:\n  ${inFlight().join('\n  ')}` });
      } else if (/^\[broker\]/.test(line)) {
        bump(otherLog, norm(line));
      }
    }
  };
  for (const s of [broker.child.stdout!, broker.child.stderr!]) {
    s.removeAllListeners('data');
    s.on('data', onLog);
  }

  // the second connection, in a thread of its own
  const probe = new Worker(PROBE_SOURCE, { eval: true, workerData: { port: broker.port, intervalMs: opts.probeIntervalMs ?? 100, limitMs: probeLimitMs } });
  const latencies: number[] = [];
  let maxProbe = 0;
  let firstAnswer = () => {};
  const answeredOnce = new Promise<void>((r) => (firstAnswer = r));
  probe.on('message', (m: { type: string; ms?: number; api?: string; corr?: number; askedAt?: number }) => {
    // when the second connection asked, on this thread's clock
    const asked = (m.askedAt ?? performance.timeOrigin + performance.now()) - performance.timeOrigin;
    if (m.type === 'answer') {
      const ms = m.ms!;
      latencies.push(ms);
      maxProbe = Math.max(maxProbe, ms);
      firstAnswer();
      if (ms > 100 && (slowest.length < 5 || ms > slowest[slowest.length - 1].ms)) {
        const found = suspects(asked, 4);
        const candidates = found.length ? found.map((r) => `${frameName(r.ff)}: sent ${(asked - r.start).toFixed(0)} ms before, ${r.outcome} after ${(r.end - r.start).toFixed(0)} ms`) : (lateSuspects.get(m.askedAt!) ?? []);
        slowest.push({ ms, api: m.api!, when: when(asked), candidates });
        slowest.sort((a, b) => b.ms - a.ms);
        slowest.length = Math.min(slowest.length, 5);
      }
    } else if (m.type === 'late') {
      lateSuspects.set(m.askedAt!, suspects(asked, 4).map((r) => `${frameName(r.ff)}: sent ${(asked - r.start).toFixed(0)} ms before, ${r.outcome} after ${(r.end - r.start).toFixed(0)} ms (seen when it was late)`));
      addViolation({ what: `second connection: ${m.api} not answered within ${m.ms} ms`, frame: `frames in flight when it was asked:\n  ${inFlight(asked).join('\n  ')}` });
    } else if (m.type === 'closed') {
      if (alive) addViolation({ what: `second connection closed by the broker${m.api ? ` (waiting for ${m.api})` : ''}` });
    } else if (m.type === 'dead') {
      addViolation({ what: `second connection: ${m.api} unanswered for 30 s` });
    } else if (m.type === 'stray') {
      addViolation({ what: `second connection: an answer with correlation id ${m.corr}, which it did not ask` });
    }
  });

  let timer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([answeredOnce.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), 30_000)))]);
  clearTimeout(timer);
  if (!ready) addViolation({ what: 'second connection: no answer before fuzzing started' });

  const rssBase = readRssMb(pid) ?? 0;
  const cpuBase = readCpuSeconds(pid) ?? 0;
  let cpuLast = cpuBase;
  let rssMax = rssBase;
  let rssReported = false;
  let rssPrev = rssBase;
  const rssTimer = setInterval(() => {
    const v = readRssMb(pid);
    cpuLast = readCpuSeconds(pid) ?? cpuLast;
    if (v === null) return;
    // the largest jumps (over one 100 ms sample), with the frames in flight over that sample
    const jump = v - rssPrev;
    rssPrev = v;
    if (jump > 16 && (rssJumps.length < 5 || jump > rssJumps[rssJumps.length - 1].mb)) {
      const at = performance.now() - 100;
      const found = [...recent.filter((r) => r.end >= at), ...lanes.filter((l) => l.current).map((l) => ({ ff: l.current!, start: l.since, end: performance.now(), outcome: 'in flight' }))];
      found.sort((a, b) => b.ff.wire.length - a.ff.wire.length); // the big ones first
      rssJumps.push({ mb: jump, to: v, candidates: found.slice(0, 3).map((r) => `${frameName(r.ff)}: ${r.outcome}`) });
      rssJumps.sort((a, b) => b.mb - a.mb);
      rssJumps.length = Math.min(rssJumps.length, 5);
    }
    rssMax = Math.max(rssMax, v);
    if (!rssReported && rssMax - rssBase > rssLimitMb) {
      rssReported = true;
      addViolation({ what: `broker RSS grew by ${(rssMax - rssBase).toFixed(0)} MB (from ${rssBase.toFixed(0)} to ${rssMax.toFixed(0)} MB), over the ${rssLimitMb} MB bound`, frame: `frames in flight:\n  ${inFlight().join('\n  ')}` });
    }
  }, 100);

  const perTarget = new Map<string, number>();
  const byKind = new Map<string, number>();
  const byFraming = new Map<string, number>();
  const steered = new Map<string, number>();
  let answered = 0;
  let closedByBroker = 0;
  let endedByClient = 0;
  let parked = 0;
  let sent = 0;
  t0 = performance.now();
  const progress = opts.progressEveryMs
    ? setInterval(() => {
        const s = (performance.now() - t0) / 1000;
        log(
          `fuzz: ${sent}/${total} frames, ${(sent / s).toFixed(0)}/s; broker RSS ${readRssMb(pid)?.toFixed(0) ?? '?'} MB (start ${rssBase.toFixed(0)}, max ${rssMax.toFixed(0)}); second connection max ${maxProbe.toFixed(0)} ms; closed by broker ${closedByBroker}, parked ${parked}; violations ${violationCount}`,
        );
      }, opts.progressEveryMs)
    : null;

  let heavyChain = Promise.resolve();
  let next = 0;
  let stop = false;
  const laneLoop = async (lane: Lane) => {
    while (!stop) {
      const n = next++;
      if (n >= total) break;
      let ff: FuzzFrame;
      try {
        ff = source.frame(indexes ? indexes[n] : n);
      } catch (e) {
        addViolation({ what: `the fuzzer could not make frame #${indexes ? indexes[n] : n}: ${(e as Error).stack}` });
        stop = true;
        break;
      }
      // heavy frames (bombs, large bodies) one at a time
      let release = () => {};
      if (ff.heavy) {
        const prev = heavyChain;
        let r = () => {};
        heavyChain = new Promise<void>((res) => (r = res));
        release = r;
        await prev;
      }
      lane.current = ff;
      lane.since = performance.now();
      let res: RoundResult;
      try {
        res = await lane.round(ff, ff.heavy ? Math.max(roundTimeoutMs, 5000) : roundTimeoutMs);
      } catch (e) {
        lane.current = null;
        release();
        if (alive && !stop) addViolation({ what: `could not connect to the broker: ${(e as Error).message}` });
        stop = true;
        break;
      }
      release();
      recent.push({ ff, start: lane.since, end: performance.now(), outcome: res.outcome === 'timeout' ? 'unanswered (parked)' : res.outcome });
      if (recent.length > 20_000) recent.splice(0, 5000);
      lane.current = null;
      sent++;
      const m = ff.message;
      bump(perTarget, m.length >= 4 ? `${m.readInt16BE(0)}/v${m.readInt16BE(2)}` : 'none');
      bump(byKind, ff.kind.startsWith('mutated') ? 'mutated' : ff.kind);
      bump(byFraming, ff.framing);
      for (const id of ff.steered) bump(steered, id);
      if (res.outcome === 'answered') answered++;
      else if (res.outcome === 'timeout') parked++;
      else if (ff.endAfterWrite) endedByClient++;
      else closedByBroker++;
      checkRound(ff, res, addViolation, seed);
      if (lane.strays) {
        addViolation({ what: `${lane.strays} answer(s) on a fuzzing connection with no request waiting`, frame: describeFrame(ff, seed) });
        lane.strays = 0;
      }
      if (!alive) stop = true;
    }
  };
  for (let i = 0; i < Math.max(1, Math.min(concurrency, total)); i++) lanes.push(new Lane(broker.port, portFrame));
  const laneRuns = Promise.all(lanes.map((l) => laneLoop(l)));
  // a crash is noticed at once, whatever the lanes are waiting for
  await new Promise<void>((resolve) => {
    const t = setInterval(() => {
      if (!alive) {
        clearInterval(t);
        resolve();
      }
    }, 50);
    void laneRuns.then(() => {
      clearInterval(t);
      resolve();
    });
  });
  if (!alive) {
    stop = true;
    addViolation({ what: `broker process exited (${exitInfo}) during fuzzing; frames in flight:\n  ${inFlight().join('\n  ')}\nlast broker output:\n${tail.join('\n')}` });
    for (const l of lanes) l.close();
  }
  await laneRuns;
  for (const l of lanes) l.close();
  t1 = performance.now();
  const seconds = (t1 - t0) / 1000;
  if (progress) clearInterval(progress);

  // the second connection keeps being answered a moment after the storm
  await new Promise((r) => setTimeout(r, 500));
  clearInterval(rssTimer);
  const finalRss = readRssMb(pid) ?? 0;
  const cpu = (readCpuSeconds(pid) ?? cpuLast) - cpuBase;
  if (alive) rssMax = Math.max(rssMax, finalRss);
  if (!rssReported && rssMax - rssBase > rssLimitMb) addViolation({ what: `broker RSS grew by ${(rssMax - rssBase).toFixed(0)} MB, over the ${rssLimitMb} MB bound` });
  probe.postMessage('stop');
  await probe.terminate();
  const brokerAlive = alive;
  await broker.stop();
  process.off('exit', killBroker);
  if (opts.keepData) log(`broker data dir kept: ${broker.dataDir}`);
  else fs.rmSync(broker.dataDir, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  let minPer = Infinity;
  for (const t of source.targets) if (t.advertised) minPer = Math.min(minPer, perTarget.get(`${t.apiKey}/v${t.version}`) ?? 0);
  return {
    seed,
    frames: sent,
    seconds,
    framesPerSecond: sent / seconds,
    perTarget,
    minPerAdvertisedTarget: indexes ? 0 : minPer,
    byKind,
    byFraming,
    answered,
    closedByBroker,
    endedByClient,
    parked,
    closeReasons,
    steered,
    avoidedKnownDefects: avoidKnown,
    wellFormedClosed,
    otherLog,
    probes: latencies.length,
    maxProbeLatencyMs: maxProbe,
    p99ProbeLatencyMs: latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] : 0,
    slowestProbes: slowest,
    baselineRssMb: rssBase,
    maxRssMb: rssMax,
    maxRssGrowthMb: rssMax - rssBase,
    finalRssMb: finalRss,
    rssJumps,
    brokerCpuSeconds: cpu,
    brokerAlive,
    violations: violationCount > violations.length ? [...violations, { what: `… and ${violationCount - violations.length} more` }] : violations,
  };
}

function top(m: Map<string, number>, n: number): string {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `    ${String(v).padStart(8)}  ${k}`)
    .join('\n');
}

export function formatReport(r: FuzzReport): string {
  return [
    `fuzz seed ${r.seed}: ${r.frames} frames in ${r.seconds.toFixed(1)} s (${r.framesPerSecond.toFixed(0)} frames/s); at least ${r.minPerAdvertisedTarget} per advertised API key and version`,
    `  kinds: ${[...r.byKind].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  framing: ${[...r.byFraming].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  outcomes: answered ${r.answered}, connection closed by the broker ${r.closedByBroker}, ended by the fuzzer ${r.endedByClient}, parked past the round timeout ${r.parked}`,
    `  broker RSS: ${r.baselineRssMb.toFixed(0)} MB at start, max ${r.maxRssMb.toFixed(0)} MB (growth ${r.maxRssGrowthMb.toFixed(0)} MB), ${r.finalRssMb.toFixed(0)} MB at the end; CPU ${r.brokerCpuSeconds.toFixed(1)} s; alive: ${r.brokerAlive}`,
    r.rssJumps.length
      ? `  largest RSS jumps (in 100 ms), with the largest frames in flight:\n${r.rssJumps.map((j) => `    +${j.mb.toFixed(0)} MB to ${j.to.toFixed(0)} MB:\n${j.candidates.map((c) => `      ${c}`).join('\n')}`).join('\n')}`
      : '',
    `  second connection: ${r.probes} answers, max ${r.maxProbeLatencyMs.toFixed(1)} ms, p99 ${r.p99ProbeLatencyMs.toFixed(1)} ms`,
    r.slowestProbes.length
      ? `  slowest answers on the second connection, with the frames in flight meanwhile (longest first):\n${r.slowestProbes.map((s) => `    ${s.ms.toFixed(0)} ms (${s.api}, asked ${s.when}):\n${s.candidates.length ? s.candidates.map((c) => `      ${c}`).join('\n') : '      (no fuzz frame in flight)'}`).join('\n')}`
      : '',
    r.avoidedKnownDefects
      ? `  known broker defects steered around (--include-known-defects to hit them): ${KNOWN_DEFECTS.map((d) => `${d.id} ×${r.steered.get(d.id) ?? 0}`).join(', ')}`
      : '  known broker defects: not avoided',
    `  broker's reasons for closing (top 12):\n${top(r.closeReasons, 12)}`,
    r.wellFormedClosed.size ? `  well-formed frames closed (top 8):\n${top(r.wellFormedClosed, 8)}` : '  well-formed frames closed: none',
    r.otherLog.size ? `  other broker log lines (top 8):\n${top(r.otherLog, 8)}` : '',
    r.violations.length ? `  VIOLATIONS (${r.violations.length}):\n${r.violations.map((v) => `    - ${v.what}${v.frame ? `\n      ${v.frame}` : ''}`).join('\n')}` : '  violations: none',
  ]
    .filter(Boolean)
    .join('\n');
}
