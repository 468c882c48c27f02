// A cluster-wide read shared for a while: concurrent callers within `ttlMs` get the same
// load (many open tabs cost one round of requests). Each cluster object owns its caches,
// so invalidating one cluster leaves the others alone. A failed load is not kept; the
// last good value is, for the next load to carry over what it could not read again.
//
// `refresh()` is the lag sampler's: it loads in the background while callers keep getting
// the current value, and the new one replaces it when it arrives, so pages read what the
// last sample read and cost the cluster nothing. `invalidate()` (after a change made
// through the dashboard) drops both: the next read waits for a load started after it.
export class SnapshotCache<T> {
  private entry: { at: number; promise: Promise<T> } | null = null;
  private good: T | null = null;
  private refreshing: Promise<T> | null = null;
  /** Bumped by invalidate(): a load started before it must not be served after it. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly load: (previous: T | null) => Promise<T>,
  ) {}

  get(): Promise<T> {
    const cached = this.entry;
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.promise;
    // Past its lifetime but a refresh is on its way (a slow sample of a big cluster): the
    // current value until it lands, rather than a wait as long as the load.
    if (cached && this.refreshing) return cached.promise;
    if (this.refreshing) return this.refreshing;
    return this.start(true);
  }

  /** Loads now; callers keep the current value until this one arrives. */
  refresh(): Promise<T> {
    if (this.refreshing) return this.refreshing;
    const promise = this.start(this.entry === null);
    this.refreshing = promise;
    const clear = () => {
      if (this.refreshing === promise) this.refreshing = null;
    };
    promise.then(clear, clear);
    return promise;
  }

  private start(serveNow: boolean): Promise<T> {
    const generation = this.generation;
    const promise = this.load(this.good);
    const entry = { at: Date.now(), promise };
    if (serveNow) this.entry = entry;
    promise.then(
      (v) => {
        if (generation !== this.generation) return;
        this.good = v;
        if (this.entry !== entry) this.entry = { at: Date.now(), promise };
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
    this.generation++;
    this.entry = null;
    this.refreshing = null;
  }
}
