// The lag sampler's per-partition state on disk, so a restart evaluates the same windows
// and estimates time lag from the same log-end trail: each partition's last polls
// (Burrow's window), its log-end trail, and each group's last commits on it. One binary
// file, written whole (temporary file, then rename) once a minute and when the sampler
// stops; read back asynchronously at start. Anything unreadable is started afresh.
//
//   "OSS1" · u32 polls · u32 trails · u32 tracks, then each entry:
//   key (u16 byte length, utf-8) · u16 points · points as float64 pairs/triples
//   polls: (offset, t) · trails: (t, offset) · tracks: (offset, timestamp, lag) then
//   float64 lastOffset and lastCommitAt (NaN: none)
import fs from 'node:fs';
import path from 'node:path';
import type { CommitPoint } from '../../../lib/offsets/lag-status';

const MAGIC = 'OSS1';

export interface PartitionTrackState {
  commits: CommitPoint[];
  lastOffset: number | null;
  lastCommitAt: number | null;
}

export interface SamplerState {
  polls: Map<string, [number, number][]>;
  trails: Map<string, { t: number; offset: number }[]>;
  tracks: Map<string, PartitionTrackState>;
}

class Writer {
  private readonly parts: Buffer[] = [];
  key(k: string): void {
    const b = Buffer.from(k, 'utf8');
    const h = Buffer.allocUnsafe(2);
    h.writeUInt16LE(Math.min(b.length, 0xffff));
    this.parts.push(h, b.subarray(0, 0xffff));
  }
  u16(n: number): void {
    const b = Buffer.allocUnsafe(2);
    b.writeUInt16LE(n);
    this.parts.push(b);
  }
  f64s(xs: number[]): void {
    const b = Buffer.allocUnsafe(8 * xs.length);
    xs.forEach((x, i) => b.writeDoubleLE(x, 8 * i));
    this.parts.push(b);
  }
  done(head: Buffer): Buffer {
    return Buffer.concat([head, ...this.parts]);
  }
}

export function encodeSamplerState(s: SamplerState): Buffer {
  const w = new Writer();
  for (const [k, pts] of s.polls) {
    w.key(k);
    w.u16(pts.length);
    w.f64s(pts.flat());
  }
  for (const [k, pts] of s.trails) {
    w.key(k);
    w.u16(pts.length);
    w.f64s(pts.flatMap((p) => [p.t, p.offset]));
  }
  for (const [k, tr] of s.tracks) {
    w.key(k);
    w.u16(tr.commits.length);
    w.f64s(tr.commits.flatMap((c) => [c.offset, c.timestamp, c.lag]));
    w.f64s([tr.lastOffset ?? Number.NaN, tr.lastCommitAt ?? Number.NaN]);
  }
  const head = Buffer.alloc(16);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(s.polls.size, 4);
  head.writeUInt32LE(s.trails.size, 8);
  head.writeUInt32LE(s.tracks.size, 12);
  return w.done(head);
}

/** The state a file holds; throws on anything that does not fit the format. */
export function decodeSamplerState(buf: Buffer): SamplerState {
  if (buf.length < 16 || buf.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a sampler state file');
  let at = 16;
  const need = (n: number) => {
    if (at + n > buf.length) throw new Error('truncated sampler state');
  };
  const key = () => {
    need(2);
    const len = buf.readUInt16LE(at);
    need(2 + len);
    const k = buf.toString('utf8', at + 2, at + 2 + len);
    at += 2 + len;
    return k;
  };
  const count = () => {
    need(2);
    const n = buf.readUInt16LE(at);
    at += 2;
    return n;
  };
  const f64s = (n: number) => {
    need(8 * n);
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(buf.readDoubleLE(at + 8 * i));
    at += 8 * n;
    return out;
  };
  const s: SamplerState = { polls: new Map(), trails: new Map(), tracks: new Map() };
  const [np, nt, nc] = [buf.readUInt32LE(4), buf.readUInt32LE(8), buf.readUInt32LE(12)];
  for (let i = 0; i < np; i++) {
    const k = key();
    const xs = f64s(2 * count());
    s.polls.set(k, Array.from({ length: xs.length / 2 }, (_, j) => [xs[2 * j], xs[2 * j + 1]]));
  }
  for (let i = 0; i < nt; i++) {
    const k = key();
    const xs = f64s(2 * count());
    s.trails.set(k, Array.from({ length: xs.length / 2 }, (_, j) => ({ t: xs[2 * j], offset: xs[2 * j + 1] })));
  }
  for (let i = 0; i < nc; i++) {
    const k = key();
    const xs = f64s(3 * count());
    const [lastOffset, lastCommitAt] = f64s(2);
    s.tracks.set(k, {
      commits: Array.from({ length: xs.length / 3 }, (_, j) => ({ offset: xs[3 * j], timestamp: xs[3 * j + 1], lag: xs[3 * j + 2] })),
      lastOffset: Number.isNaN(lastOffset) ? null : lastOffset,
      lastCommitAt: Number.isNaN(lastCommitAt) ? null : lastCommitAt,
    });
  }
  return s;
}

export class SamplerStateFile {
  private writing: Promise<void> | null = null;

  constructor(readonly file: string) {}

  /** The saved state, or null when there is none or it cannot be read. */
  async read(): Promise<SamplerState | null> {
    try {
      return decodeSamplerState(await fs.promises.readFile(this.file));
    } catch {
      return null;
    }
  }

  /** Writes the state whole (one write at a time: a save while one runs is skipped). */
  save(state: SamplerState): Promise<void> {
    if (this.writing) return this.writing;
    const tmp = `${this.file}.tmp-${process.pid}`;
    this.writing = (async () => {
      try {
        await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
        await fs.promises.writeFile(tmp, encodeSamplerState(state));
        await fs.promises.rename(tmp, this.file);
      } catch {
        // the state on disk is a convenience: a full or read-only disk must not stop sampling
        await fs.promises.rm(tmp, { force: true }).catch(() => {});
      }
    })().finally(() => {
      this.writing = null;
    });
    return this.writing;
  }
}
