// The lag history of one cluster, tiered (tiers.ts) and bounded in bytes, in memory and
// on disk alike. Each tier is a list of chunks: a chunk holds up to a fixed number of
// points of a fixed set of series (float32 values, point-major) and is one file under the
// history folder, written as it fills:
//
//   <tier>-<first point time>.hist:  a JSON line {"v":1,"keys":[…]}, then per point
//                                    float64 time and one float32 per key (little-endian)
//
// A series is a key (a group's total lag, or a group's lag on one topic); a key without a
// value at a point is NaN there. New chunks take the keys that are alive, so a group that
// is gone leaves the history when the last chunk holding it ages out: after one retention
// period. Old and excess chunks are dropped as points arrive, so the bound holds while the
// dashboard runs; a restart reads the files back asynchronously, a chunk at a time.
import fs from 'node:fs';
import path from 'node:path';
import { bucketOf, pointBytes, pointsKept, promisedSpanMs, tiersFor, type Tier } from './tiers';

/** Keys shared by consecutive chunks while the set of series does not change. */
class KeySet {
  readonly index: Map<string, number>;
  constructor(readonly keys: string[]) {
    this.index = new Map(keys.map((k, i) => [k, i]));
  }
  sameAs(keys: Iterable<string>, size: number): boolean {
    if (size !== this.keys.length) return false;
    for (const k of keys) if (!this.index.has(k)) return false;
    return true;
  }
}

interface Chunk {
  tier: number;
  keys: KeySet;
  times: Float64Array;
  values: Float32Array;
  count: number;
  file: string;
  /** Bytes of its file: header and the points written. */
  bytes: number;
  headerBytes: number;
}

export interface SeriesPoint {
  t: number;
  value: number | null;
}

export interface HistoryStoreOptions {
  sampleMs: number;
  maxBytes: number;
  now?: () => number;
}

const FILE = /^(raw|minute|coarse)-(\d+)\.hist$/;
/** Points a chunk holds at most: pruning drops whole chunks, so a tier is several of them. */
const CHUNK_POINTS_MAX = 240;
const CHUNKS_PER_TIER = 8;

export class HistoryStore {
  readonly tiers: Tier[];
  private readonly chunks: Chunk[][];
  /**
   * Per coarser tier: the bucket being gathered (the highest value of each key in it). It
   * is kept in memory only: a restart loses at most one bucket, which the raw tier covers
   * whenever the bound lets it hold more than a coarser step.
   */
  private readonly pending: ({ bucket: number; first: number; t: number; max: Map<string, number> } | null)[];
  private readonly now: () => number;
  /** Series with a value at the newest point: what the next chunks hold. */
  private alive = 0;

  constructor(
    readonly dir: string,
    readonly opts: HistoryStoreOptions,
  ) {
    this.tiers = tiersFor(opts.sampleMs);
    this.chunks = this.tiers.map(() => []);
    this.pending = this.tiers.map(() => null);
    this.now = opts.now ?? Date.now;
  }

  /** Bytes held (the files' sizes; memory holds the same points). */
  get bytes(): number {
    let n = 0;
    for (const tier of this.chunks) for (const c of tier) n += c.bytes;
    return n;
  }

  /** How far back the history reaches for the series it holds now, under the bound. */
  get promisedSpanMs(): number {
    return promisedSpanMs(this.tiers, Math.max(1, this.alive), this.opts.maxBytes);
  }

  /** Reads the files back (oldest first per tier), yielding to the event loop between chunks. */
  async load(): Promise<void> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.dir);
    } catch {
      names = [];
    }
    // the single-file history of earlier versions (one JSON line a sample) is not read: it
    // had no bound, and keeping it would put the folder over this one
    for (const old of names.filter((f) => /^lag-\d{10}\.jsonl$/.test(f))) await fs.promises.rm(path.join(this.dir, old), { force: true });
    const found = names
      .map((f) => FILE.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ file: path.join(this.dir, m[0]), tier: this.tiers.findIndex((t) => t.name === m[1]), start: Number(m[2]) }))
      .sort((a, b) => a.start - b.start);
    const now = this.now();
    for (const f of found) {
      const tier = this.tiers[f.tier];
      if (f.start < now - tier.spanMs - tier.stepMs * CHUNK_POINTS_MAX) {
        await fs.promises.rm(f.file, { force: true });
        continue;
      }
      const chunk = await readChunk(f.file, f.tier);
      if (chunk) this.chunks[f.tier].push(chunk);
      else await fs.promises.rm(f.file, { force: true });
      await new Promise((r) => setImmediate(r));
    }
    const newest = this.chunks[0].at(-1);
    if (newest && newest.count > 0) {
      const last = (newest.count - 1) * newest.keys.keys.length;
      let n = 0;
      for (let k = 0; k < newest.keys.keys.length; k++) if (!Number.isNaN(newest.values[last + k])) n++;
      this.alive = n;
    }
    this.prune(undefined, 0, false); // the bound may have been lowered since
  }

  /** One sample: each series' value at `t` (null: no value). */
  add(t: number, values: Map<string, number | null>): void {
    let alive = 0;
    for (const v of values.values()) if (v !== null) alive++;
    this.alive = alive;
    this.append(0, t, values);
    for (let i = 1; i < this.tiers.length; i++) {
      const bucket = bucketOf(t, this.tiers[i].stepMs);
      const p = this.pending[i];
      if (p && p.bucket !== bucket) {
        this.append(i, p.first, p.max); // a bucket is shown from its first sample on
        this.pending[i] = null;
      }
      const into = (this.pending[i] ??= { bucket, first: t, t, max: new Map() });
      into.t = t;
      for (const [k, v] of values) {
        if (v === null) continue;
        const before = into.max.get(k);
        if (before === undefined || v > before) into.max.set(k, v);
      }
    }
  }

  /**
   * Each key's points, oldest first: the coarse tier where the finer ones do not reach,
   * then the minute tier, then every sample. A bucket still being gathered shows (at its
   * first sample's time) where no finer tier reaches back that far.
   */
  query(keys: string[]): { t: number; values: (number | null)[] }[] {
    const out: { t: number; values: (number | null)[] }[] = [];
    let before = Infinity;
    for (let i = 0; i < this.tiers.length; i++) {
      const pts: { t: number; values: (number | null)[] }[] = [];
      for (const c of this.chunks[i]) {
        const cols = keys.map((k) => c.keys.index.get(k));
        if (cols.every((x) => x === undefined)) continue;
        const n = c.keys.keys.length;
        for (let p = 0; p < c.count; p++) {
          const t = c.times[p];
          if (t >= before) continue;
          const vals = cols.map((col) => {
            if (col === undefined) return null;
            const v = c.values[p * n + col];
            return Number.isNaN(v) ? null : v;
          });
          if (vals.some((v) => v !== null)) pts.push({ t, values: vals });
        }
      }
      const gathering = this.pending[i];
      if (gathering && gathering.first < before) {
        const vals = keys.map((k) => gathering.max.get(k) ?? null);
        if (vals.some((v) => v !== null)) pts.push({ t: gathering.first, values: vals });
      }
      const oldest = Math.min(this.chunks[i][0]?.times[0] ?? Infinity, gathering?.first ?? Infinity);
      for (const p of pts) out.push(p);
      before = Math.min(before, oldest);
    }
    return out.sort((a, b) => a.t - b.t);
  }

  /** The keys that start with `prefix` (a group's topics), from each chunk's sorted keys. */
  keysStartingWith(prefix: string): string[] {
    const out = new Set<string>();
    const seen = new Set<KeySet>();
    for (const tier of this.chunks) {
      for (const c of tier) {
        if (seen.has(c.keys)) continue;
        seen.add(c.keys);
        const keys = c.keys.keys;
        let lo = 0;
        let hi = keys.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (keys[mid] < prefix) lo = mid + 1;
          else hi = mid;
        }
        for (let i = lo; i < keys.length && keys[i].startsWith(prefix); i++) out.add(keys[i]);
      }
    }
    return [...out].sort();
  }

  /** Every key the history holds (any tier). */
  keys(): Set<string> {
    const out = new Set<string>();
    for (const tier of this.chunks) for (const c of tier) for (const k of c.keys.keys) out.add(k);
    return out;
  }

  private append(tierIndex: number, t: number, values: Map<string, number | null>): void {
    const tier = this.tiers[tierIndex];
    const list = this.chunks[tierIndex];
    let c = list.at(-1);
    const live = [...values].filter(([, v]) => v !== null).map(([k]) => k);
    const same = c !== undefined && c.keys.sameAs(live, live.length);
    if (!c || c.count === c.times.length || !same) {
      const keys = same ? c!.keys : new KeySet(live.sort());
      // room first, so the files never exceed the bound, not even between two writes
      this.prune(tierIndex, headerOf(keys).length + pointBytes(keys.keys.length), false);
      c = this.openChunk(tierIndex, t, keys, pointsKept(tier, Math.max(1, live.length), this.opts.maxBytes));
      list.push(c);
    } else {
      this.prune(tierIndex, pointBytes(c.keys.keys.length), true);
    }
    const n = c.keys.keys.length;
    const base = c.count * n;
    c.values.fill(Number.NaN, base, base + n);
    for (const [k, v] of values) {
      if (v === null) continue;
      const col = c.keys.index.get(k);
      if (col !== undefined) c.values[base + col] = v;
    }
    c.times[c.count] = t;
    c.count++;
    const buf = Buffer.allocUnsafe(pointBytes(n));
    buf.writeDoubleLE(t, 0);
    for (let k = 0; k < n; k++) buf.writeFloatLE(c.values[base + k], 8 + 4 * k);
    c.bytes += buf.length;
    try {
      fs.appendFileSync(c.file, buf);
    } catch {
      // history on disk is a convenience: a read-only or full disk must not stop sampling
    }
  }

  private openChunk(tierIndex: number, t: number, keys: KeySet, kept: number): Chunk {
    const capacity = Math.max(2, Math.min(CHUNK_POINTS_MAX, Math.ceil(kept / CHUNKS_PER_TIER)));
    const file = path.join(this.dir, `${this.tiers[tierIndex].name}-${Math.round(t)}.hist`);
    const header = headerOf(keys);
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(file, header);
    } catch {
      // kept in memory only
    }
    return { tier: tierIndex, keys, times: new Float64Array(capacity), values: new Float32Array(capacity * keys.keys.length), count: 0, file, bytes: header.length, headerBytes: header.length };
  }

  /**
   * Drops a tier's chunks past its span, then its oldest while it would be over its part
   * of the bound with `incoming` more bytes (every tier when none is named). The chunk
   * being appended to is kept (`keepNewest`): it is sized to fit its tier's part.
   */
  private prune(only?: number, incoming = 0, keepNewest = true): void {
    const now = this.now();
    for (let i = 0; i < this.tiers.length; i++) {
      if (only !== undefined && i !== only) continue;
      const tier = this.tiers[i];
      const list = this.chunks[i];
      const limit = tier.share * this.opts.maxBytes;
      let bytes = list.reduce((n, c) => n + c.bytes, 0);
      while (list.length > 0) {
        const oldest = list[0];
        const expired = oldest.count > 0 && oldest.times[oldest.count - 1] < now - tier.spanMs;
        if (!expired && bytes + incoming <= limit) break;
        if (list.length === 1 && keepNewest) break;
        list.shift();
        bytes -= oldest.bytes;
        try {
          fs.rmSync(oldest.file, { force: true });
        } catch {
          // gone already
        }
      }
    }
  }
}

function headerOf(keys: KeySet): Buffer {
  return Buffer.from(JSON.stringify({ v: 1, keys: keys.keys }) + '\n');
}

/** One chunk file back into memory; null when it cannot be read (it is then deleted). */
async function readChunk(file: string, tier: number): Promise<Chunk | null> {
  let buf: Buffer;
  try {
    buf = await fs.promises.readFile(file);
  } catch {
    return null;
  }
  const nl = buf.indexOf(0x0a);
  if (nl < 0) return null;
  let keys: string[];
  try {
    const h = JSON.parse(buf.subarray(0, nl).toString('utf8')) as { v?: number; keys?: unknown };
    if (h.v !== 1 || !Array.isArray(h.keys) || !h.keys.every((k) => typeof k === 'string')) return null;
    keys = h.keys as string[];
  } catch {
    return null;
  }
  const n = keys.length;
  const size = pointBytes(n);
  const count = Math.floor((buf.length - nl - 1) / size); // a torn last point is left out
  const times = new Float64Array(count);
  const values = new Float32Array(count * n);
  let off = nl + 1;
  for (let p = 0; p < count; p++) {
    times[p] = buf.readDoubleLE(off);
    for (let k = 0; k < n; k++) values[p * n + k] = buf.readFloatLE(off + 8 + 4 * k);
    off += size;
  }
  if (count === 0) return null;
  const bytes = nl + 1 + count * size;
  if (buf.length > bytes) await fs.promises.truncate(file, bytes).catch(() => {}); // the torn tail of a crash
  // a loaded chunk is complete: new points go to a new one (its file name is its first time)
  return { tier, keys: new KeySet(keys), times, values, count, file, bytes, headerBytes: nl + 1 };
}
