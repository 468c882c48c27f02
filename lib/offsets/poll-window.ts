// The last WINDOW polls of one partition's log-end offset, at the sample interval: the
// broker-offset window Burrow's evaluator looks at (its `intervals`). Every poll counts,
// changed or not: on a slow topic the log-end from hours ago, when the consumer was last
// caught up, must fall out of the window after WINDOW polls, or a consumer that stopped
// hours ago would still be taken for one waiting on an idle topic. Fixed memory a
// partition; serialisable, so a restart evaluates the same window.
import { WINDOW, type LogEndSample } from './lag-status';

export class PollWindow {
  private readonly offsets: Float64Array;
  private readonly times: Float64Array;
  /** Where the next poll goes. */
  private next = 0;
  private count = 0;

  constructor(readonly size = WINDOW) {
    this.offsets = new Float64Array(size);
    this.times = new Float64Array(size);
  }

  push(offset: number, timestamp: number): void {
    this.offsets[this.next] = offset;
    this.times[this.next] = timestamp;
    this.next = (this.next + 1) % this.size;
    this.count = Math.min(this.count + 1, this.size);
  }

  get length(): number {
    return this.count;
  }

  /** The polls, oldest first. */
  samples(): LogEndSample[] {
    const out: LogEndSample[] = [];
    for (let i = 0; i < this.count; i++) {
      const at = (this.next - this.count + i + this.size) % this.size;
      out.push({ offset: this.offsets[at], timestamp: this.times[at] });
    }
    return out;
  }

  /** [offset, timestamp] pairs, oldest first. */
  toJSON(): [number, number][] {
    return this.samples().map((s) => [s.offset, s.timestamp]);
  }

  static from(pairs: readonly (readonly [number, number])[], size = WINDOW): PollWindow {
    const w = new PollWindow(size);
    for (const [offset, t] of pairs.slice(-size)) w.push(offset, t);
    return w;
  }
}
