// The audit trail: one JSON line per change (and per login), appended to a file under the
// data dir. Bounded: when the file passes half the bound it becomes the previous file
// (replacing the one before), so the two together stay under the bound and the newest
// changes are always kept. Read back newest first for /audit.
import fs from 'node:fs';
import path from 'node:path';
import { AuditEntry } from '../../lib/contract/auth';
import { dashboardDataDir } from '../kafka/data-dir';

export class AuditLog {
  private readonly current: string;
  private readonly previous: string;
  private size: number | null = null;

  constructor(
    dir: string,
    readonly maxBytes: number,
  ) {
    this.current = path.join(dir, 'audit.jsonl');
    this.previous = path.join(dir, 'audit.1.jsonl');
  }

  append(entry: AuditEntry): void {
    const line = JSON.stringify(AuditEntry.parse(entry)) + '\n';
    fs.mkdirSync(path.dirname(this.current), { recursive: true, mode: 0o700 });
    if (this.size === null) {
      this.size = fs.existsSync(this.current) ? fs.statSync(this.current).size : 0;
      // a line torn by a crash must not swallow the next one
      if (this.size > 0 && !endsWithNewline(this.current, this.size)) fs.appendFileSync(this.current, '\n');
    }
    if (this.size > 0 && this.size + Buffer.byteLength(line) > this.maxBytes / 2) {
      fs.renameSync(this.current, this.previous); // an atomic step: the newest half is never lost
      this.size = 0;
    }
    fs.appendFileSync(this.current, line, { mode: 0o600 });
    this.size += Buffer.byteLength(line);
  }

  /** Newest first, at most `limit`, optionally of one user or action. */
  read(opts: { limit: number; user?: string; action?: string }): AuditEntry[] {
    const out: AuditEntry[] = [];
    for (const file of [this.current, this.previous]) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const lines = text.split('\n');
      for (let i = lines.length - 1; i >= 0 && out.length < opts.limit; i--) {
        if (!lines[i]) continue;
        let e: AuditEntry;
        try {
          e = AuditEntry.parse(JSON.parse(lines[i]));
        } catch {
          continue; // a torn last line after a crash
        }
        if (opts.user !== undefined && e.user !== opts.user) continue;
        if (opts.action !== undefined && e.action !== opts.action) continue;
        out.push(e);
      }
    }
    return out;
  }
}

function endsWithNewline(file: string, size: number): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, size - 1);
    return b[0] === 0x0a;
  } finally {
    fs.closeSync(fd);
  }
}

const KEY = Symbol.for('offsetscope.audit');
type Holder = { [KEY]?: AuditLog };

/** The process's audit trail (the bound from the login settings, else 64 MiB). */
export function auditLog(maxBytes = 64 * 1024 * 1024): AuditLog {
  return ((globalThis as Holder)[KEY] ??= new AuditLog(dashboardDataDir('audit'), maxBytes));
}
