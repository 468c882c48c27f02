// A set of one-shot callbacks woken together: fetches parked for max_wait_ms wait on their
// partitions' appends (PartitionLog) and on the topology (a leader moved away, a node went
// down), so whatever ends their reason to wait answers them now, not when the wait runs out.
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
