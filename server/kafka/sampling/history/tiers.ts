// The tiers of the lag history: how finely each span of the past is kept. The finest tier
// holds every sample; each coarser one keeps one point per bucket (the highest lag in
// it, so a spike is never smoothed away, shown at the bucket's first sample). With the
// default 5 s sample interval:
//
//   tier     step            span     points a series
//   raw      every sample    1 h      720
//   minute   1 min           24 h     1,440
//   coarse   30 min          30 days  1,440
//
// A point costs 4 bytes a series (a float32 lag) plus 8 for its time, in memory and on
// disk alike, so a series costs about 14 KB once every tier is full, and 10,000 groups
// with one topic each about 144 MB. The byte bound (OFFSETSCOPE_HISTORY_MAX_BYTES) is
// shared between the tiers in fixed parts; a tier whose part cannot hold its span keeps
// the newest points that fit, and the span promised shrinks accordingly.

export interface Tier {
  name: 'raw' | 'minute' | 'coarse';
  /** Bucket width (ms); the raw tier's is the sample interval. */
  stepMs: number;
  /** How far back the tier reaches when the bound allows. */
  spanMs: number;
  /** Its part of the byte bound. */
  share: number;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The tiers for a sample interval; coarser steps are never finer than the samples. */
export function tiersFor(sampleMs: number): Tier[] {
  return [
    { name: 'raw', stepMs: sampleMs, spanMs: HOUR, share: 0.2 },
    { name: 'minute', stepMs: Math.max(60_000, sampleMs), spanMs: DAY, share: 0.3 },
    { name: 'coarse', stepMs: Math.max(30 * 60_000, sampleMs), spanMs: 30 * DAY, share: 0.5 },
  ];
}

/** The start of the bucket `t` falls in. */
export function bucketOf(t: number, stepMs: number): number {
  return Math.floor(t / stepMs) * stepMs;
}

/** Bytes of one point of `series` series: its time and one float32 each. */
export function pointBytes(series: number): number {
  return 8 + 4 * series;
}

/** How many points of `series` series a tier keeps: its span in steps, or what its part of the bound holds. */
export function pointsKept(tier: Tier, series: number, maxBytes: number): number {
  const bySpan = Math.ceil(tier.spanMs / tier.stepMs);
  const byBytes = Math.floor((tier.share * maxBytes) / pointBytes(series));
  return Math.max(2, Math.min(bySpan, byBytes));
}

/** The span the history covers for `series` series under the bound: what the coarsest tier keeps. */
export function promisedSpanMs(tiers: Tier[], series: number, maxBytes: number): number {
  return Math.max(...tiers.map((t) => Math.min(t.spanMs, pointsKept(t, series, maxBytes) * t.stepMs)));
}

/** The default bound: 512 MiB, about 36,000 one-topic groups at full span. */
export const DEFAULT_HISTORY_MAX_BYTES = 512 * 1024 * 1024;

export function historyMaxBytes(): number {
  const v = Number(process.env.OFFSETSCOPE_HISTORY_MAX_BYTES);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_HISTORY_MAX_BYTES;
}
