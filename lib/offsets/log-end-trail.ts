// When a partition's log-end passed each offset, as far as the samples saw: the points
// where the polled log-end changed, in fixed memory. When full, the older half is thinned
// to every other point, so the trail reaches ever further back at a coarser grain (the
// newest half keeps every change) instead of forgetting the past. It is what time lag is
// estimated from when the record itself cannot be read: the record at offset X arrived
// before the first sample whose log-end was past X.
export interface TrailPoint {
  t: number;
  offset: number;
}

export const TRAIL_POINTS = 64;

export class LogEndTrail {
  private readonly times: Float64Array;
  private readonly offsets: Float64Array;
  private n = 0;

  constructor(readonly capacity = TRAIL_POINTS) {
    if (capacity < 4) throw new Error('a trail keeps at least 4 points');
    this.times = new Float64Array(capacity);
    this.offsets = new Float64Array(capacity);
  }

  get length(): number {
    return this.n;
  }

  /** A polled log-end; kept only when it changed since the last one kept. */
  observe(offset: number, t: number): void {
    if (this.n > 0 && this.offsets[this.n - 1] === offset) return;
    if (this.n === this.capacity) this.thin();
    this.times[this.n] = t;
    this.offsets[this.n] = offset;
    this.n++;
  }

  /** Every other point of the older half goes (the oldest stays: it says where the trail begins). */
  private thin(): void {
    const half = Math.floor(this.n / 2);
    let w = 0;
    for (let r = 0; r < this.n; r++) {
      if (r < half && r % 2 === 1) continue;
      this.times[w] = this.times[r];
      this.offsets[w] = this.offsets[r];
      w++;
    }
    this.n = w;
  }

  /** The log-end the samples saw at time t (the last point at or before it; before the trail, its first). */
  at(t: number): number | null {
    if (this.n === 0) return null;
    let found = this.offsets[0];
    for (let i = 0; i < this.n && this.times[i] <= t; i++) found = this.offsets[i];
    return found;
  }

  /**
   * When the record at `offset` was first seen to exist: the first point whose log-end is
   * past it. `exact` is false when that is the trail's first point (it existed before the
   * samples began, so the time is only a bound); otherwise the record arrived between the
   * point before and this one (`after`).
   */
  firstAfter(offset: number): { t: number; after: number | null; exact: boolean } | null {
    for (let i = 0; i < this.n; i++) {
      if (this.offsets[i] > offset) return { t: this.times[i], after: i > 0 ? this.times[i - 1] : null, exact: i > 0 };
    }
    return null;
  }

  /** A trail from saved points (oldest first), e.g. after a restart. */
  static from(points: readonly TrailPoint[], capacity = TRAIL_POINTS): LogEndTrail {
    const trail = new LogEndTrail(capacity);
    for (const p of points) trail.observe(p.offset, p.t);
    return trail;
  }

  points(): TrailPoint[] {
    return Array.from({ length: this.n }, (_, i) => ({ t: this.times[i], offset: this.offsets[i] }));
  }
}
