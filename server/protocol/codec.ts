// A small declarative codec language for Kafka messages. Each API file describes its
// request and response once, with the versions each field exists in (as Kafka's own
// message JSON does); reading and writing both come from that one description, so the
// broker (decode request, encode response) and our client code (the reverse) can never
// disagree, and each side tests the other.
import { isDeepStrictEqual } from 'node:util';
import { ProtocolError, Reader, Writer } from './primitives';

export interface Codec<T> {
  read(r: Reader, version: number): T;
  write(w: Writer, value: T, version: number): void;
}
export type Infer<C> = C extends Codec<infer T> ? T : never;

function prim<T>(read: (r: Reader) => T, write: (w: Writer, v: T) => void): Codec<T> {
  return { read: (r) => read(r), write: (w, v) => write(w, v) };
}

export const int8 = prim((r) => r.int8(), (w, v: number) => w.int8(v));
export const int16 = prim((r) => r.int16(), (w, v: number) => w.int16(v));
export const int32 = prim((r) => r.int32(), (w, v: number) => w.int32(v));
export const int64 = prim((r) => r.int64(), (w, v: number) => w.int64(v));
export const bool = prim((r) => r.bool(), (w, v: boolean) => w.bool(v));
// Strings, bytes and arrays take their compact form (uvarint length + 1) in flexible
// versions: Reader/Writer.flexible, set by whoever frames the message.
export const string: Codec<string> = {
  read: (r) => (r.flexible ? r.compactString() : r.string()),
  write: (w, v) => void (w.flexible ? w.compactString(v) : w.string(v)),
};
export const nullableString: Codec<string | null> = {
  read: (r) => (r.flexible ? r.compactNullableString() : r.nullableString()),
  write: (w, v) => void (w.flexible ? w.compactNullableString(v) : w.nullableString(v)),
};
export const bytes: Codec<Buffer> = {
  read: (r) => (r.flexible ? r.compactNullableBytes() : r.nullableBytes()) ?? Buffer.alloc(0),
  write: (w, v) => void (w.flexible ? w.compactNullableBytes(v) : w.bytes(v)),
};
export const nullableBytes: Codec<Buffer | null> = {
  read: (r) => (r.flexible ? r.compactNullableBytes() : r.nullableBytes()),
  write: (w, v) => void (w.flexible ? w.compactNullableBytes(v) : w.nullableBytes(v)),
};

/** Kafka's UUID (16 bytes on the wire), held as the usual hex-and-dashes text; all zeros means none. */
export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
export const uuid: Codec<string> = {
  read(r) {
    const h = r.raw(16).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  },
  write(w, v) {
    const h = v.replace(/-/g, '');
    if (!/^[0-9a-fA-F]{32}$/.test(h)) throw new ProtocolError(`not a UUID: ${v}`);
    w.raw(Buffer.from(h, 'hex'));
  },
};
/** Kafka's printed form of a UUID (URL-safe base64, no padding), as its tools show topic ids. */
export const uuidToKafka = (v: string): string => Buffer.from(v.replace(/-/g, ''), 'hex').toString('base64url');

/**
 * Record data: a view into the frame when read; when written, a list of stored pieces
 * (record batches straight from the log) sent without being joined or copied.
 */
export const records: Codec<Buffer[] | null> = {
  read(r) {
    const b = r.flexible ? r.compactNullableBytes() : r.nullableBytes();
    return b === null ? null : [b];
  },
  write(w, v) {
    if (w.flexible) w.compactBytesParts(v);
    else w.bytesParts(v);
  },
};

export function array<T>(item: Codec<T>): Codec<T[]> {
  return {
    read(r, v) {
      const n = r.flexible ? r.compactArrayLength() : r.arrayLength();
      // a null non-nullable array: refused in flexible versions (as Kafka's readers do); read as empty in the older ones, as it always was here
      if (n < 0 && r.flexible) throw new ProtocolError('null where an array is required');
      const out: T[] = [];
      for (let i = 0; i < n; i++) out.push(item.read(r, v));
      return out;
    },
    write(w, value, v) {
      if (w.flexible) w.uvarint(value.length + 1);
      else w.int32(value.length);
      for (const x of value) item.write(w, x, v);
    },
  };
}

/** int32 count, -1 = null (flexible: uvarint count + 1, 0 = null). */
export function nullableArray<T>(item: Codec<T>): Codec<T[] | null> {
  const inner = array(item);
  return {
    read(r, v) {
      const save = r.pos;
      const isNull = r.flexible ? r.uvarint() === 0 : r.int32() < 0;
      if (isNull) return null;
      r.pos = save;
      return inner.read(r, v);
    },
    write(w, value, v) {
      if (value === null) {
        if (w.flexible) w.uvarint(0);
        else w.int32(-1);
      } else inner.write(w, value, v);
    },
  };
}

/**
 * A struct that may be null (Kafka's nullable struct fields, flexible versions only): an int8
 * marker, -1 for null and 1 before the struct's fields.
 */
export function nullableStruct<T>(inner: Codec<T>): Codec<T | null> {
  return {
    read(r, v) {
      // Kafka's readers take any non-negative marker as present
      if (r.int8() < 0) return null;
      return inner.read(r, v);
    },
    write(w, value, v) {
      if (value === null) {
        w.int8(-1);
        return;
      }
      w.int8(1);
      inner.write(w, value, v);
    },
  };
}

/** A field present only in versions min..max (inclusive); elsewhere it reads as `absent`. */
export function versions<T>(min: number, max: number, c: Codec<T>, absent: T): Codec<T> {
  return {
    read: (r, v) => (v >= min && v <= max ? c.read(r, v) : absent),
    write(w, value, v) {
      if (v >= min && v <= max) c.write(w, value === undefined ? absent : value, v);
    },
  };
}
export const since = <T>(min: number, c: Codec<T>, absent: T): Codec<T> => versions(min, Infinity, c, absent);
/**
 * As `versions`, for a field callers may leave out (an API whose shape changed between
 * versions, e.g. OffsetFetch's one group v0–7 and many groups v8+): optional in the
 * TypeScript type, written as `absent` when left out, always filled in when read.
 */
export const optional = <T>(min: number, max: number, c: Codec<T>, absent: T): Codec<T | undefined> => versions(min, max, c, absent) as Codec<T | undefined>;
export const until = <T>(max: number, c: Codec<T>, absent: T): Codec<T> => versions(-Infinity, max, c, absent);

/** Picks a codec by version, for fields whose type changed (e.g. non-null → nullable). */
export function byVersion<T>(pick: (version: number) => Codec<T>): Codec<T> {
  return {
    read: (r, v) => pick(v).read(r, v),
    write: (w, value, v) => pick(v).write(w, value, v),
  };
}

/** A tagged field (flexible versions only): written when it differs from `absent`, read when present. */
export interface Tagged<T> extends Codec<T> {
  tag: number;
  absent: T;
  minVersion: number;
}
export function tagged<T>(tag: number, c: Codec<T>, absent: T, minVersion = 0): Tagged<T> {
  return { tag, absent, minVersion, read: c.read, write: c.write };
}
const isTagged = (c: Codec<unknown>): c is Tagged<unknown> => typeof (c as Tagged<unknown>).tag === 'number';
/** Whether a tagged field holds its default: by value, so an empty list or a struct equal to the default is left out, as Kafka does. */
function isDefault(value: unknown, absent: unknown): boolean {
  return value === absent || (typeof value === 'object' && value !== null && isDeepStrictEqual(value, absent));
}

// Codec is declared with method syntax, so Codec<number> is assignable to Codec<unknown>.
type Fields = Record<string, Codec<unknown>>;
type OptionalKeys<F extends Fields> = { [K in keyof F]: undefined extends Infer<F[K]> ? K : never }[keyof F];
export type StructOf<F extends Fields> = { [K in Exclude<keyof F, OptionalKeys<F>>]: Infer<F[K]> } & { [K in OptionalKeys<F>]?: Infer<F[K]> };

function named(name: string, e: unknown): unknown {
  if (e instanceof ProtocolError || e instanceof TypeError || e instanceof RangeError) return new ProtocolError(`field ${name}: ${(e as Error).message}`);
  return e;
}

/**
 * Fields in order; in a flexible version every struct ends with its tagged-field section
 * (Kafka's rule): declared tagged fields are read from it, unknown tags skipped.
 */
export function struct<F extends Fields>(fields: F): Codec<StructOf<F>> {
  const entries = Object.entries(fields).filter(([, c]) => !isTagged(c));
  const tags = (Object.entries(fields).filter(([, c]) => isTagged(c)) as [string, Tagged<unknown>][]).sort((a, b) => a[1].tag - b[1].tag);
  const byTag = new Map(tags.map(([name, c]) => [c.tag, { name, c }]));
  return {
    read(r, v) {
      const out: Record<string, unknown> = {};
      for (const [name, c] of entries) out[name] = c.read(r, v);
      for (const [name, c] of tags) out[name] = c.absent;
      if (r.flexible) {
        r.readTags((tag, field) => {
          const f = byTag.get(tag);
          if (f && v >= f.c.minVersion) out[f.name] = f.c.read(field, v);
        });
      }
      return out as StructOf<F>;
    },
    write(w, value, v) {
      const rec = value as Record<string, unknown>;
      for (const [name, c] of entries) {
        try {
          c.write(w, rec[name], v);
        } catch (e) {
          throw named(name, e);
        }
      }
      if (!w.flexible) return;
      const present = tags.filter(([name, c]) => v >= c.minVersion && rec[name] !== undefined && !isDefault(rec[name], c.absent));
      const extra = w.unknownTag;
      w.uvarint(present.length + (extra ? 1 : 0));
      for (const [name, c] of present) {
        const field = new Writer();
        field.flexible = true;
        field.clipLongStrings = w.clipLongStrings;
        field.unknownTag = extra;
        try {
          c.write(field, rec[name], v);
        } catch (e) {
          throw named(name, e);
        }
        const body = field.toBuffer();
        w.uvarint(c.tag).uvarint(body.length).raw(body);
      }
      if (extra) w.uvarint(extra.tag).uvarint(extra.body.length).raw(extra.body);
    },
  };
}

/** What every API module exports: its key, the versions its codecs cover, both codecs. */
export interface ApiSpec<Req, Res> {
  key: number;
  name: string;
  /** Versions the codecs below can read and write. */
  minVersion: number;
  maxVersion: number;
  /**
   * The highest version the dashboard's own client sends (absent: maxVersion): the codecs
   * may read versions its call sites do not fill in (e.g. Fetch by topic id).
   */
  clientMaxVersion?: number;
  /** The first flexible version (Kafka's "flexibleVersions": "N+"); absent: none is. */
  flexibleSince?: number;
  request: Codec<Req>;
  response: Codec<Res>;
}

export function api<Req, Res>(spec: ApiSpec<Req, Res>): ApiSpec<Req, Res> {
  return spec;
}

/** Whether this version of the API is flexible (request header v2, response header v1, compact fields). */
export function isFlexible(spec: Pick<ApiSpec<unknown, unknown>, 'flexibleSince'>, version: number): boolean {
  return spec.flexibleSince !== undefined && version >= spec.flexibleSince;
}

export function encode<T>(c: Codec<T>, value: T, version: number, flexible = false): Buffer {
  const w = new Writer();
  w.flexible = flexible;
  c.write(w, value, version);
  return w.toBuffer();
}
export function decode<T>(c: Codec<T>, buf: Buffer, version: number, flexible = false): T {
  const r = new Reader(buf);
  r.flexible = flexible;
  const v = c.read(r, version);
  if (r.remaining !== 0) throw new ProtocolError(`${r.remaining} bytes left over after decoding`);
  return v;
}
