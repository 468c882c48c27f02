import { describe, expect, it } from 'vitest';
import { ProtocolError, Reader, Writer } from './primitives';

const roundTrip = <T>(write: (w: Writer) => void, read: (r: Reader) => T): T => {
  const w = new Writer(4);
  write(w);
  const r = new Reader(w.toBuffer());
  const v = read(r);
  expect(r.remaining).toBe(0);
  return v;
};

describe('zigzag varint (int32)', () => {
  const cases: [number, string][] = [
    [0, '00'],
    [1, '02'],
    [-1, '01'],
    [63, '7e'],
    [-64, '7f'],
    [64, '8001'],
    [2147483647, 'feffffff0f'],
    [-2147483648, 'ffffffff0f'],
  ];
  for (const [v, hex] of cases) {
    it(`${v} ⇄ ${hex}`, () => {
      expect(new Writer().varint(v).toBuffer().toString('hex')).toBe(hex);
      expect(new Reader(Buffer.from(hex, 'hex')).varint()).toBe(v);
    });
  }
  it('refuses values outside int32', () => {
    expect(() => new Writer().varint(2147483648)).toThrow(ProtocolError);
  });
});

describe('zigzag varlong (int64)', () => {
  const cases: [bigint, string][] = [
    [0n, '00'],
    [1n, '02'],
    [-1n, '01'],
    [9223372036854775807n, 'feffffffffffffffff01'],
    [-9223372036854775808n, 'ffffffffffffffffff01'],
    [2147483648n, '8080808010'],
  ];
  for (const [v, hex] of cases) {
    it(`${v} ⇄ ${hex}`, () => {
      expect(new Writer().varlongn(v).toBuffer().toString('hex')).toBe(hex);
      expect(new Reader(Buffer.from(hex, 'hex')).varlongn()).toBe(v);
    });
  }
  it('number form agrees with the bigint form for timestamps', () => {
    for (const v of [0, -1, 1700000000000, -1700000000000, 2 ** 40]) {
      expect(roundTrip((w) => w.varlong(v), (r) => r.varlong())).toBe(v);
      expect(new Writer().varlong(v).toBuffer()).toEqual(new Writer().varlongn(BigInt(v)).toBuffer());
    }
  });
  it('refuses an over-long varlong', () => {
    expect(() => new Reader(Buffer.alloc(11, 0xff)).varlongn()).toThrow(ProtocolError);
  });
});

describe('unsigned varint', () => {
  for (const v of [0, 1, 127, 128, 16383, 16384, 0xffffffff]) {
    it(`${v}`, () => expect(roundTrip((w) => w.uvarint(v), (r) => r.uvarint())).toBe(v));
  }
});

describe('fixed-width integers', () => {
  it('int8/16/32 at their edges', () => {
    for (const v of [-128, 0, 127]) expect(roundTrip((w) => w.int8(v), (r) => r.int8())).toBe(v);
    for (const v of [-32768, 0, 32767]) expect(roundTrip((w) => w.int16(v), (r) => r.int16())).toBe(v);
    for (const v of [-2147483648, -1, 0, 2147483647]) expect(roundTrip((w) => w.int32(v), (r) => r.int32())).toBe(v);
  });
  it('int64 as number within the safe range, and as bigint at the edges', () => {
    for (const v of [0, -1, 1, 2 ** 32, -(2 ** 32) - 5, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      expect(roundTrip((w) => w.int64(v), (r) => r.int64())).toBe(v);
    }
    expect(new Writer().int64(-1).toBuffer().toString('hex')).toBe('ffffffffffffffff');
    for (const v of [9223372036854775807n, -9223372036854775808n]) {
      expect(roundTrip((w) => w.int64n(v), (r) => r.int64n())).toBe(v);
    }
    expect(() => new Writer().int64(2 ** 60)).toThrow(ProtocolError);
  });
});

describe('strings, bytes, arrays', () => {
  it('nullable string and bytes', () => {
    expect(roundTrip((w) => w.nullableString(null), (r) => r.nullableString())).toBeNull();
    expect(roundTrip((w) => w.nullableString('héllo'), (r) => r.nullableString())).toBe('héllo');
    expect(new Writer().string('ab').toBuffer().toString('hex')).toBe('00026162');
    expect(roundTrip((w) => w.nullableBytes(null), (r) => r.nullableBytes())).toBeNull();
    const big = Buffer.alloc(5000, 7); // above the by-reference threshold
    expect(roundTrip((w) => w.int8(1).nullableBytes(big).int8(2), (r) => [r.int8(), r.nullableBytes(), r.int8()])).toEqual([1, big, 2]);
  });
  it('a truncated buffer is a ProtocolError, not a crash', () => {
    expect(() => new Reader(Buffer.from('0005616263', 'hex')).string()).toThrow(ProtocolError);
    expect(() => new Reader(Buffer.from('0000', 'hex')).int32()).toThrow(ProtocolError);
  });
  it('an array count larger than the frame is refused before allocating', () => {
    expect(() => new Reader(Buffer.from('7fffffff00', 'hex')).arrayLength()).toThrow(/array/);
  });
});

describe('strings past 32767 bytes', () => {
  const written = (s: string, clip: boolean) => {
    const w = new Writer();
    w.clipLongStrings = clip;
    w.string(s);
    const b = w.toBuffer();
    return { length: b.readInt16BE(0), text: new Reader(b).string() };
  };

  it('are refused by default (a request must never go out cut)', () => {
    expect(() => written('a'.repeat(32_768), false)).toThrow(/32768 bytes is too long/);
    expect(written('a'.repeat(32_767), false).length).toBe(32_767);
  });

  it('are cut at a character boundary when clipping (answers echoing a grown name)', () => {
    expect(written('a'.repeat(40_000), true)).toEqual({ length: 32_767, text: 'a'.repeat(32_767) });
    // 3-byte characters: 10922 fit in 32766 bytes, the 10923rd would straddle the limit
    expect(written('\uFFFD'.repeat(20_000), true)).toEqual({ length: 32_766, text: '\uFFFD'.repeat(10_922) });
    // a 4-byte character starting at byte 32765 is left out whole
    const s = 'a'.repeat(32_765) + '😀' + 'b';
    expect(written(s, true)).toEqual({ length: 32_765, text: 'a'.repeat(32_765) });
    expect(written('short', true)).toEqual({ length: 5, text: 'short' });
  });
});
