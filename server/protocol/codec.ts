// A small declarative codec language for Kafka messages. Each API file describes its
// request and response once, with the versions each field exists in (as Kafka's own
// message JSON does); reading and writing both come from that one description, so the
// broker (decode request, encode response) and our client code (the reverse) can never
// disagree, and each side tests the other.
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
export const string = prim((r) => r.string(), (w, v: string) => w.string(v));
export const nullableString = prim((r) => r.nullableString(), (w, v: string | null) => w.nullableString(v));
export const bytes = prim((r) => r.bytes(), (w, v: Buffer) => w.bytes(v));
export const nullableBytes = prim((r) => r.nullableBytes(), (w, v: Buffer | null) => w.nullableBytes(v));

/**
 * Record data: a view into the frame when read; when written, a list of stored pieces
 * (record batches straight from the log) sent without being joined or copied.
 */
export const records: Codec<Buffer[] | null> = {
  read(r) {
    const b = r.nullableBytes();
    return b === null ? null : [b];
  },
  write(w, v) {
    w.bytesParts(v);
  },
};

export function array<T>(item: Codec<T>): Codec<T[]> {
  return {
    read(r, v) {
      const n = r.arrayLength();
      const out: T[] = [];
      for (let i = 0; i < n; i++) out.push(item.read(r, v));
      return out;
    },
    write(w, value, v) {
      w.int32(value.length);
      for (const x of value) item.write(w, x, v);
    },
  };
}

/** int32 count, -1 = null. */
export function nullableArray<T>(item: Codec<T>): Codec<T[] | null> {
  const inner = array(item);
  return {
    read(r, v) {
      const save = r.pos;
      if (r.int32() < 0) return null;
      r.pos = save;
      return inner.read(r, v);
    },
    write(w, value, v) {
      if (value === null) w.int32(-1);
      else inner.write(w, value, v);
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
export const until = <T>(max: number, c: Codec<T>, absent: T): Codec<T> => versions(-Infinity, max, c, absent);

/** Picks a codec by version, for fields whose type changed (e.g. non-null → nullable). */
export function byVersion<T>(pick: (version: number) => Codec<T>): Codec<T> {
  return {
    read: (r, v) => pick(v).read(r, v),
    write: (w, value, v) => pick(v).write(w, value, v),
  };
}

// Codec is declared with method syntax, so Codec<number> is assignable to Codec<unknown>.
type Fields = Record<string, Codec<unknown>>;
export type StructOf<F extends Fields> = { [K in keyof F]: Infer<F[K]> };

export function struct<F extends Fields>(fields: F): Codec<StructOf<F>> {
  const entries = Object.entries(fields);
  return {
    read(r, v) {
      const out: Record<string, unknown> = {};
      for (const [name, c] of entries) out[name] = c.read(r, v);
      return out as StructOf<F>;
    },
    write(w, value, v) {
      const rec = value as Record<string, unknown>;
      for (const [name, c] of entries) {
        try {
          c.write(w, rec[name], v);
        } catch (e) {
          if (e instanceof ProtocolError || e instanceof TypeError || e instanceof RangeError) {
            throw new ProtocolError(`field ${name}: ${(e as Error).message}`);
          }
          throw e;
        }
      }
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
  request: Codec<Req>;
  response: Codec<Res>;
}

export function api<Req, Res>(spec: ApiSpec<Req, Res>): ApiSpec<Req, Res> {
  return spec;
}

export function encode<T>(c: Codec<T>, value: T, version: number): Buffer {
  const w = new Writer();
  c.write(w, value, version);
  return w.toBuffer();
}
export function decode<T>(c: Codec<T>, buf: Buffer, version: number): T {
  const r = new Reader(buf);
  const v = c.read(r, version);
  if (r.remaining !== 0) throw new ProtocolError(`${r.remaining} bytes left over after decoding`);
  return v;
}
