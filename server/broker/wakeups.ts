// A set of one-shot callbacks woken together. Fetches parked for max_wait_ms park here as
// well as on their partitions' appends, so a change that ends their reason to wait (the
// leader moved away, the node went down) answers them now instead of when the wait runs out.
export class Wakeups {
  private readonly waiters = new Set<() => void>();

  /** Calls `fn` once, at the next wake(); the returned function cancels that. */
  once(fn: () => void): () => void {
    const w = () => {
      this.waiters.delete(w);
      fn();
    };
    this.waiters.add(w);
    return () => this.waiters.delete(w);
  }

  wake(): void {
    for (const w of [...this.waiters]) w();
  }

  get size(): number {
    return this.waiters.size;
  }
}
