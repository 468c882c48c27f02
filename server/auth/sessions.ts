// Login sessions, kept on the server so that logging out (or expiry) ends them for good.
// The browser holds `<id>.<HMAC of the id>` in an HttpOnly cookie; the server keeps only
// SHA-256 of the id, so its file (0600, under the data dir) cannot be turned into cookies.
// Each session has its own CSRF token, which mutations made with the cookie must echo.
// Bounded: past maxSessions the oldest session ends.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Grants } from '../../lib/auth/permissions';

export type PrincipalKind = 'user' | 'oidc' | 'proxy' | 'token';

/** Who is asking, and what they may do. */
export interface Principal {
  kind: PrincipalKind;
  name: string;
  grants: Grants;
  /** A single sign-on's groups, mapped to grants again on every request (the mapping may change). */
  groups?: string[];
}

export interface Session {
  principal: Principal;
  csrf: string;
  createdAt: number;
  expiresAt: number;
  /** The ID token of an OIDC login, sent back to the provider as the logout hint. */
  idToken?: string;
  /** Set when the session is ended (logout, eviction), so work started under it can stop. */
  ended?: boolean;
}

/** Whether work started under `s` may go on: not logged out, evicted or expired. */
export function sessionLive(s: Session, now = Date.now()): boolean {
  return !s.ended && s.expiresAt > now;
}

const b64url = (b: Buffer) => b.toString('base64url');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly opts: { file: string | null; secret: Buffer; sessionMs: number; maxSessions: number; now?: () => number },
  ) {
    this.load();
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private sign(id: string): string {
    return b64url(createHmac('sha256', this.opts.secret).update(id).digest());
  }

  /** A CSRF token for someone without a session here (a login proxy's user): fixed per name, unguessable without the key. */
  csrfFor(name: string): string {
    return b64url(createHmac('sha256', this.opts.secret).update(`csrf\u0000${name}`).digest());
  }

  /** A new session; answers the cookie value (only the browser ever holds it). */
  create(principal: Principal, extra: { idToken?: string } = {}): { cookie: string; session: Session } {
    const id = b64url(randomBytes(32));
    const now = this.now();
    const session: Session = { principal, csrf: b64url(randomBytes(24)), createdAt: now, expiresAt: now + this.opts.sessionMs, ...extra };
    this.prune();
    while (this.sessions.size >= this.opts.maxSessions) {
      const oldest = this.sessions.keys().next().value as string; // insertion order: the oldest first
      this.sessions.get(oldest)!.ended = true;
      this.sessions.delete(oldest);
    }
    this.sessions.set(sha256(id), session);
    this.save();
    return { cookie: `${id}.${this.sign(id)}`, session };
  }

  /** The live session a cookie value stands for, or null (forged, ended or expired). */
  get(cookie: string | undefined): Session | null {
    const id = this.idOf(cookie);
    if (!id) return null;
    const key = sha256(id);
    const s = this.sessions.get(key);
    if (!s) return null;
    if (s.expiresAt <= this.now()) {
      this.sessions.delete(key);
      this.save();
      return null;
    }
    return s;
  }

  /** Ends the session (logout); answers it, if it was live. */
  end(cookie: string | undefined): Session | null {
    const id = this.idOf(cookie);
    if (!id) return null;
    const key = sha256(id);
    const s = this.sessions.get(key) ?? null;
    if (s) {
      s.ended = true;
      this.sessions.delete(key);
      this.save();
    }
    return s;
  }

  get size(): number {
    return this.sessions.size;
  }

  private idOf(cookie: string | undefined): string | null {
    if (!cookie || cookie.length > 200) return null;
    const dot = cookie.indexOf('.');
    if (dot <= 0) return null;
    const id = cookie.slice(0, dot);
    const mac = Buffer.from(cookie.slice(dot + 1));
    const want = Buffer.from(this.sign(id));
    return mac.length === want.length && timingSafeEqual(mac, want) ? id : null;
  }

  private prune(): void {
    const now = this.now();
    for (const [k, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(k);
  }

  private load(): void {
    if (!this.opts.file) return;
    let raw: string;
    try {
      raw = fs.readFileSync(this.opts.file, 'utf8');
    } catch {
      return; // none yet
    }
    try {
      const entries = JSON.parse(raw) as [string, Session][];
      const now = this.now();
      for (const [k, s] of entries) if (typeof k === 'string' && s && s.expiresAt > now) this.sessions.set(k, s);
    } catch {
      console.warn('[auth] the sessions file could not be read; everyone logs in again');
    }
  }

  /** Written soon after a change, atomically (a crash leaves the old file or the new one). */
  private save(): void {
    if (!this.opts.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.flush();
    }, 200);
    this.saveTimer.unref();
  }

  flush(): void {
    if (!this.opts.file) return;
    const file = this.opts.file;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify([...this.sessions]), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
}

/** The key cookies are signed with: OFFSETSCOPE_SESSION_SECRET, else one made once and kept (0600) in `file`. */
export function sessionSecret(file: string): Buffer {
  const given = process.env.OFFSETSCOPE_SESSION_SECRET;
  if (given) {
    if (given.length < 32) throw new Error('OFFSETSCOPE_SESSION_SECRET must be at least 32 characters');
    return Buffer.from(given);
  }
  try {
    const kept = fs.readFileSync(file);
    if (kept.length >= 32) return kept;
  } catch {
    // made below
  }
  const made = randomBytes(32);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, made, { mode: 0o600 });
  return made;
}
