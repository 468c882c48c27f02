// Slows down guessing: after a few failed logins for a name, or from an address, each
// further attempt must wait longer (doubling, up to a cap) before it is even checked.
// A success clears the name's count (not the address's: one address may try many
// names). Bounded: past maxKeys the entry seen least recently is forgotten.

export interface ThrottleOptions {
  /** Failures allowed for one name before waits begin. */
  free: number;
  /** Failures allowed from one address (many people may share one, behind a NAT). */
  freePerAddress: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A failure older than this no longer counts. */
  windowMs: number;
  maxKeys: number;
  now?: () => number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { free: 3, freePerAddress: 10, baseDelayMs: 1000, maxDelayMs: 60_000, windowMs: 15 * 60_000, maxKeys: 10_000 };

interface Entry {
  failures: number;
  lastFailure: number;
  allowedAt: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly opts: ThrottleOptions = DEFAULT_THROTTLE) {}

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private entry(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && this.now() - e.lastFailure > this.opts.windowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** How long (ms) the attempt must still wait; 0 when it may be checked now. */
  waitFor(name: string, address: string | null): number {
    const now = this.now();
    const keys = [`n:${name.toLowerCase()}`, ...(address ? [`a:${address}`] : [])];
    return Math.max(0, ...keys.map((k) => (this.entry(k)?.allowedAt ?? 0) - now));
  }

  failed(name: string, address: string | null): void {
    for (const key of [`n:${name.toLowerCase()}`, ...(address ? [`a:${address}`] : [])]) {
      const now = this.now();
      const e = this.entry(key) ?? { failures: 0, lastFailure: now, allowedAt: 0 };
      e.failures++;
      e.lastFailure = now;
      const over = e.failures - (key.startsWith('a:') ? this.opts.freePerAddress : this.opts.free);
      e.allowedAt = over > 0 ? now + Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** (over - 1)) : 0;
      this.entries.delete(key); // re-inserted last: the map's order is least recently failed first
      this.entries.set(key, e);
      while (this.entries.size > this.opts.maxKeys) this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  succeeded(name: string): void {
    this.entries.delete(`n:${name.toLowerCase()}`);
  }
}
