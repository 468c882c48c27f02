// Kafka wire primitives. Big-endian fixed-width integers, zigzag varints (records),
// unsigned varints (flexible versions), int16-length strings and int32-length bytes.
// The reader never copies: bytes fields are views into the frame (`subarray`), which is
// what lets the broker store produced batches without touching them.

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

const TWO_32 = 4294967296;

export class Reader {
  pos: number;
  constructor(
    readonly buf: Buffer,
    pos = 0,
    readonly end = buf.length,
  ) {
    this.pos = pos;
  }

  /** How many array elements this message may still declare (a receiver's bound on what one request costs to decode). */
  elementBudget = Infinity;
  /**
   * Whether the body being read is in a flexible version (compact strings, bytes and arrays,
   * tagged fields after each struct). Set by whoever frames the message (codec.ts reads it);
   * headers and record contents are read with it off.
   */
  flexible = false;

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number): number {
    const at = this.pos;
    if (n < 0 || at + n > this.end) {
      throw new ProtocolError(`truncated: need ${n} bytes at ${at}, have ${this.end - at}`);
    }
    this.pos = at + n;
    return at;
  }

  int8(): number {
    return this.buf.readInt8(this.need(1));
  }
  uint8(): number {
    return this.buf[this.need(1)];
  }
  int16(): number {
    return this.buf.readInt16BE(this.need(2));
  }
  int32(): number {
    return this.buf.readInt32BE(this.need(4));
  }
  uint32(): number {
    return this.buf.readUInt32BE(this.need(4));
  }
  /** int64 as a JS number: offsets and timestamps stay far below 2^53. */
  int64(): number {
    const at = this.need(8);
    return this.buf.readInt32BE(at) * TWO_32 + this.buf.readUInt32BE(at + 4);
  }
  int64n(): bigint {
    return this.buf.readBigInt64BE(this.need(8));
  }
  bool(): boolean {
    return this.buf[this.need(1)] !== 0;
  }

  /** Unsigned LEB128 up to 32 bits. */
  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (shift > 28) throw new ProtocolError('uvarint longer than 5 bytes');
      const b = this.uint8();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  }
  /** Zigzag varint (int32). */
  varint(): number {
    const u = this.uvarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }
  /** Zigzag varlong (int64) as bigint, exact over the whole range. */
  varlongn(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (shift > 63n) throw new ProtocolError('varlong longer than 10 bytes');
      const b = BigInt(this.uint8());
      result |= (b & 0x7fn) << shift;
      if ((b & 0x80n) === 0n) break;
      shift += 7n;
    }
    result = BigInt.asUintN(64, result);
    return (result >> 1n) ^ -(result & 1n);
  }
  varlong(): number {
    return Number(this.varlongn());
  }

  raw(n: number): Buffer {
    const at = this.need(n);
    return this.buf.subarray(at, at + n);
  }

  nullableString(): string | null {
    const n = this.int16();
    if (n < 0) return null;
    const at = this.need(n);
    return this.buf.toString('utf8', at, at + n);
  }
  string(): string {
    const s = this.nullableString();
    if (s === null) throw new ProtocolError('null where a string is required');
    return s;
  }
  nullableBytes(): Buffer | null {
    const n = this.int32();
    if (n < 0) return null;
    return this.raw(n);
  }
  bytes(): Buffer {
    return this.nullableBytes() ?? Buffer.alloc(0);
  }
  /** int32 count; -1 = null. Guards against counts the frame cannot hold. */
  arrayLength(): number {
    const n = this.int32();
    if (n > this.remaining) throw new ProtocolError(`array of ${n} elements in ${this.remaining} bytes`);
    if (n > 0) {
      if (n > this.elementBudget) throw new ProtocolError(`the request declares more array elements than the ${this.elementBudget} still allowed`);
      this.elementBudget -= n;
    }
    return n;
  }
  compactNullableString(): string | null {
    const n = this.uvarint() - 1;
    if (n < 0) return null;
    const at = this.need(n);
    return this.buf.toString('utf8', at, at + n);
  }
  compactString(): string {
    const s = this.compactNullableString();
    if (s === null) throw new ProtocolError('null where a string is required');
    return s;
  }
  compactNullableBytes(): Buffer | null {
    const n = this.uvarint() - 1;
    if (n < 0) return null;
    return this.raw(n);
  }
  /** uvarint count + 1; -1 = null. Guarded as arrayLength is. */
  compactArrayLength(): number {
    const n = this.uvarint() - 1;
    if (n > this.remaining) throw new ProtocolError(`array of ${n} elements in ${this.remaining} bytes`);
    if (n > 0) {
      if (n > this.elementBudget) throw new ProtocolError(`the request declares more array elements than the ${this.elementBudget} still allowed`);
      this.elementBudget -= n;
    }
    return n;
  }
  /**
   * A tagged-field section: for each field, `each(tag, reader)` with a reader bounded to the
   * field's bytes; the section moves on past the field whatever `each` read (unknown tags
   * are thereby skipped). Tags must be strictly increasing, as Kafka requires.
   */
  readTags(each: (tag: number, field: Reader) => void): void {
    const count = this.uvarint();
    let last = -1;
    for (let i = 0; i < count; i++) {
      const tag = this.uvarint();
      if (tag <= last) throw new ProtocolError(`tagged field ${tag} after ${last}: tags must increase`);
      last = tag;
      const size = this.uvarint();
      const at = this.need(size);
      const field = new Reader(this.buf, at, at + size);
      field.flexible = true;
      field.elementBudget = this.elementBudget;
      each(tag, field);
      this.elementBudget = field.elementBudget;
    }
  }
  /** Skips a flexible-version tagged-field section. */
  skipTags(): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      this.uvarint();
      this.need(this.uvarint());
    }
  }
}

/** Buffers at least this large are referenced, not copied, when written. */
const REF_THRESHOLD = 1024;

export class Writer {
  private chunks: Buffer[] = [];
  private cur: Buffer;
  private pos = 0;
  private done = 0;
  /**
   * Strings past 32767 bytes are cut at a character boundary instead of refused. The broker
   * sets it for answers: a name it echoes can grow past the limit as it is read (each byte
   * that is not UTF-8 becomes U+FFFD, three bytes), and a cut echo beats a closed connection.
   */
  clipLongStrings = false;
  /** Whether the body being written is in a flexible version (see Reader.flexible). */
  flexible = false;
  /**
   * A tagged field no reader knows, added at the end of every tag section written (tag,
   * bytes): how the codec tests check that every struct of every flexible version skips
   * fields from newer versions, as Kafka's readers do. Null in normal writing.
   */
  unknownTag: { tag: number; body: Buffer } | null = null;

  constructor(initial = 256) {
    this.cur = Buffer.allocUnsafe(initial);
  }

  get length(): number {
    return this.done + this.pos;
  }

  private room(n: number): void {
    if (this.pos + n <= this.cur.length) return;
    this.flush();
    if (n <= this.cur.length) return;
    this.cur = Buffer.allocUnsafe(Math.max(n, this.cur.length * 2, 256));
  }
  private flush(): void {
    if (this.pos > 0) {
      this.chunks.push(this.cur.subarray(0, this.pos));
      this.done += this.pos;
      this.cur = this.cur.subarray(this.pos);
      this.pos = 0;
    }
  }

  int8(v: number): this {
    this.room(1);
    this.cur.writeInt8(v, this.pos);
    this.pos += 1;
    return this;
  }
  uint8(v: number): this {
    this.room(1);
    this.cur[this.pos++] = v;
    return this;
  }
  int16(v: number): this {
    this.room(2);
    this.cur.writeInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }
  int32(v: number): this {
    this.room(4);
    this.cur.writeInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }
  uint32(v: number): this {
    this.room(4);
    this.cur.writeUInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }
  int64(v: number): this {
    if (!Number.isSafeInteger(v)) throw new ProtocolError(`int64 value ${v} is not a safe integer`);
    this.room(8);
    const hi = Math.floor(v / TWO_32);
    this.cur.writeInt32BE(hi, this.pos);
    this.cur.writeUInt32BE(v - hi * TWO_32, this.pos + 4);
    this.pos += 8;
    return this;
  }
  int64n(v: bigint): this {
    this.room(8);
    this.cur.writeBigInt64BE(v, this.pos);
    this.pos += 8;
    return this;
  }
  bool(v: boolean): this {
    return this.uint8(v ? 1 : 0);
  }
  uvarint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new ProtocolError(`uvarint out of range: ${v}`);
    this.room(5);
    while (v >= 0x80) {
      this.cur[this.pos++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.cur[this.pos++] = v;
    return this;
  }
  varint(v: number): this {
    if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) throw new ProtocolError(`varint out of range: ${v}`);
    return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }
  varlongn(v: bigint): this {
    let u = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
    this.room(10);
    while (u >= 0x80n) {
      this.cur[this.pos++] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    this.cur[this.pos++] = Number(u);
    return this;
  }
  varlong(v: number): this {
    if (Number.isSafeInteger(v) && v >= -1073741824 && v <= 1073741823) return this.varint(v);
    return this.varlongn(BigInt(v));
  }

  raw(b: Buffer): this {
    if (b.length >= REF_THRESHOLD) {
      this.flush();
      this.chunks.push(b);
      this.done += b.length;
      return this;
    }
    this.room(b.length);
    b.copy(this.cur, this.pos);
    this.pos += b.length;
    return this;
  }
  nullableString(s: string | null): this {
    if (s === null) return this.int16(-1);
    return this.stringBody(s, (n) => this.int16(n));
  }
  /** A string's bytes after its length (written by `length`), cut or refused past 32767 bytes. */
  private stringBody(s: string, length: (n: number) => void): this {
    const n = Buffer.byteLength(s);
    if (n > 32767) {
      if (!this.clipLongStrings) throw new ProtocolError(`string of ${n} bytes is too long`);
      const b = Buffer.from(s, 'utf8');
      let end = 32767;
      while ((b[end] & 0xc0) === 0x80) end--; // b[end] continues a character: leave it all out
      length(end);
      return this.raw(b.subarray(0, end));
    }
    length(n);
    this.room(n);
    this.cur.write(s, this.pos, 'utf8');
    this.pos += n;
    return this;
  }
  string(s: string): this {
    return this.nullableString(s);
  }
  nullableBytes(b: Buffer | null): this {
    if (b === null) return this.int32(-1);
    this.int32(b.length);
    return this.raw(b);
  }
  bytes(b: Buffer): this {
    return this.nullableBytes(b);
  }
  /** Bytes made of several stored pieces, written without joining them. */
  bytesParts(parts: readonly Buffer[] | null): this {
    if (parts === null) return this.int32(-1);
    let n = 0;
    for (const p of parts) n += p.length;
    this.int32(n);
    for (const p of parts) this.raw(p);
    return this;
  }
  compactNullableString(s: string | null): this {
    if (s === null) return this.uvarint(0);
    // Kafka holds compact strings to the same 32767 bytes as the others
    return this.stringBody(s, (n) => this.uvarint(n + 1));
  }
  compactString(s: string): this {
    return this.compactNullableString(s);
  }
  compactNullableBytes(b: Buffer | null): this {
    if (b === null) return this.uvarint(0);
    this.uvarint(b.length + 1);
    return this.raw(b);
  }
  compactBytesParts(parts: readonly Buffer[] | null): this {
    if (parts === null) return this.uvarint(0);
    let n = 0;
    for (const p of parts) n += p.length;
    this.uvarint(n + 1);
    for (const p of parts) this.raw(p);
    return this;
  }

  /** The written bytes as a list of pieces (large payloads are not copied). */
  parts(): Buffer[] {
    this.flush();
    return this.chunks;
  }
  toBuffer(): Buffer {
    const parts = this.parts();
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, this.done);
  }
}
