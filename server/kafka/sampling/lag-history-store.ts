// Lag history on disk, so charts survive a dashboard restart: one JSON line per sample in
// hourly files under <data dir>/dashboard/lag-history/, files older than the kept span
// deleted, and the whole folder bounded in size (oldest files go first).
import fs from 'node:fs';
import path from 'node:path';

export interface StoredPoint {
  t: number;
  /** group → [totalLag | null, { topic: lag }] */
  groups: Record<string, [number | null, Record<string, number>]>;
}

export const KEEP_MS = 25 * 3600 * 1000;
const MAX_BYTES = 200 * 1024 * 1024;

export class LagHistoryStore {
  constructor(readonly dir: string) {}

  private fileFor(t: number): string {
    const d = new Date(t);
    const stamp = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}${String(d.getUTCHours()).padStart(2, '0')}`;
    return path.join(this.dir, `lag-${stamp}.jsonl`);
  }

  append(p: StoredPoint): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.appendFileSync(this.fileFor(p.t), JSON.stringify(p) + '\n');
    } catch {
      // history on disk is a convenience: a read-only or full disk must not stop sampling
    }
  }

  /** Points from the last KEEP_MS, oldest first; prunes old and excess files. */
  load(now = Date.now()): StoredPoint[] {
    let files: string[];
    try {
      files = fs.readdirSync(this.dir).filter((f) => /^lag-\d{10}\.jsonl$/.test(f)).sort();
    } catch {
      return [];
    }
    let total = 0;
    const keep: string[] = [];
    for (const f of [...files].reverse()) {
      const full = path.join(this.dir, f);
      const st = fs.statSync(full);
      if (st.mtimeMs < now - KEEP_MS || total + st.size > MAX_BYTES) {
        fs.rmSync(full, { force: true });
        continue;
      }
      total += st.size;
      keep.unshift(full);
    }
    const out: StoredPoint[] = [];
    for (const full of keep) {
      for (const line of fs.readFileSync(full, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const p = JSON.parse(line) as StoredPoint;
          if (typeof p.t === 'number' && p.t >= now - KEEP_MS && p.groups && typeof p.groups === 'object') out.push(p);
        } catch {
          // a torn last line after a crash
        }
      }
    }
    return out;
  }
}
