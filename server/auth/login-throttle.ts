// Slows down guessing: after a few failed logins for a name, or from an address, each
// further attempt must wait longer (doubling, up to a cap) before it is even checked.
// An attempt counts as a failure the moment it is let through (attempt()), before its slow
// hash check, so a burst of parallel guesses is throttled like a sequence; a success
// refunds it: the name's count is cleared, the address's only loses that one attempt
// (one address may try many names). Bounded: past maxKeys the entry seen least recently
// is forgotten.

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

  private keys(name: string | null, address: string | null): string[] {
    return [...(name !== null ? [`n:${name.toLowerCase()}`] : []), ...(address ? [`a:${address}`] : [])];
  }

  /** How long (ms) the attempt must still wait; 0 when it may be checked now. `name` null: by address only. */
  waitFor(name: string | null, address: string | null): number {
    const now = this.now();
    return Math.max(0, ...this.keys(name, address).map((k) => (this.entry(k)?.allowedAt ?? 0) - now));
  }

  /**
   * Lets an attempt through (0) and counts it as failed until it succeeds, or answers how
   * long it must wait (nothing counted).
   */
  attempt(name: string | null, address: string | null): number {
    const wait = this.waitFor(name, address);
    if (wait === 0) this.failed(name, address);
    return wait;
  }

  /** The attempt succeeded: the name starts afresh, the address loses the one attempt. */
  refund(name: string | null, address: string | null): void {
    if (name !== null) this.entries.delete(`n:${name.toLowerCase()}`);
    const e = address ? this.entries.get(`a:${address}`) : undefined;
    if (e) {
      e.failures = Math.max(0, e.failures - 1);
      if (e.failures <= this.opts.freePerAddress) e.allowedAt = 0;
    }
  }

  failed(name: string | null, address: string | null): void {
    for (const key of this.keys(name, address)) {
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
}
