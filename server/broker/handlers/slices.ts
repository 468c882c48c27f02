// Requests whose items each cost disk I/O (an fsync for every topic created, deleted or
// reconfigured, every log-start moved) are worked through in slices of a few milliseconds,
// handing the event loop back between them: one request naming 100000 topics must not stop
// every other client for a minute. Each item's change is whole before the next slice, so a
// request served between slices sees each topic either before or after, never half done.
export const SLICE_MS = 5;

export class Slices {
  private started = performance.now();

  /** Resolves at once inside a slice; at a slice's end, after other work has had its turn. */
  async next(): Promise<void> {
    if (performance.now() - this.started < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}

/** items.map(fn), with other clients served every SLICE_MS. */
export async function mapInSlices<T, R>(items: readonly T[], fn: (item: T) => R): Promise<R[]> {
  const slices = new Slices();
  const out: R[] = [];
  for (const item of items) {
    await slices.next();
    out.push(fn(item));
  }
  return out;
}
