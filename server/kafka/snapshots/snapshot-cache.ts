// A cluster-wide read shared for a moment: concurrent callers within `ttlMs` get the same
// load (many open tabs cost one round of requests). Each cluster object owns its caches,
// so invalidating one cluster leaves the others alone. A failed load is not kept; the
// last good value is, for the next load to carry over what it could not read again.
export class SnapshotCache<T> {
  private entry: { at: number; promise: Promise<T> } | null = null;
  private good: T | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly load: (previous: T | null) => Promise<T>,
  ) {}

  get(): Promise<T> {
    const cached = this.entry;
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.promise;
    const promise = this.load(this.good);
    const entry = { at: Date.now(), promise };
    this.entry = entry;
    promise.then(
      (v) => {
        this.good = v;
      },
      () => {
        if (this.entry === entry) this.entry = null;
      },
    );
    return promise;
  }

  /** The last value a load produced, without loading. */
  get last(): T | null {
    return this.good;
  }

  /** After a change: the next read is fresh. */
  invalidate(): void {
    this.entry = null;
  }
}
