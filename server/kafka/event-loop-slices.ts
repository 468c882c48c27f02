// Long work on the dashboard's one thread (a big commit-log read, the list's lines for
// 10,000 groups) gives the event loop a turn every few milliseconds, so pages and API
// answers are served meanwhile: the work is no more than one slice (and one step) late.
/** Resolves after one turn of the event loop (what waits in it runs first). */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Slices {
  private started = performance.now();

  /** `ms`: the work between two turns; Infinity never turns (the whole work in one go). */
  constructor(private readonly ms: number) {}

  /** Call between steps: resolves at once within a slice, after one turn of the event loop past it. */
  async turnIfDue(): Promise<void> {
    if (performance.now() - this.started < this.ms) return;
    await turn();
    this.started = performance.now();
  }
}
