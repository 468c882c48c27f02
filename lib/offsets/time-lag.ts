// Time lag of one partition: how long ago the oldest record the group has not processed
// (the one at its committed offset) arrived. Two sources, in order of trust:
//   1. the record's own timestamp, read from the log: exact (as exact as the producer's or
//      broker's clock: CreateTime or LogAppendTime);
//   2. the sampled log-end trail (log-end-trail.ts): the record arrived between two
//      samples, so the answer is within one sample interval of the truth — estimated.
// When the record existed before the trail's first point and its timestamp is not known,
// the trail gives only a lower bound (now − first point): still estimated, and that is
// when the sampler reads the record's timestamp (see server/kafka/sampling/record-times.ts).
// Pure: no clock, no I/O.

export interface TimeLag {
  ms: number;
  /** true unless it comes from the record's timestamp (or the group is caught up). */
  estimated: boolean;
}

export interface TimeLagInputs {
  /** log-end − committed; null when either is unknown. */
  lag: number | null;
  now: number;
  /** The timestamp of the record at the committed offset, when it was read (≤ 0: none). */
  recordTimestamp?: number | null;
  /** The trail's answer for the committed offset (LogEndTrail.firstAfter). */
  seen?: { t: number; exact: boolean } | null;
}

export function timeLagOf(x: TimeLagInputs): TimeLag | null {
  if (x.lag === null) return null;
  if (x.lag <= 0) return { ms: 0, estimated: false };
  // A producer's clock may run ahead of ours: a record "from the future" has just arrived.
  if (x.recordTimestamp != null && x.recordTimestamp > 0) return { ms: Math.max(0, x.now - x.recordTimestamp), estimated: false };
  // No trail point past the offset yet: the record arrived after the last sample.
  return { ms: Math.max(0, x.now - (x.seen?.t ?? x.now)), estimated: true };
}

/** Whether the trail cannot place the record in time (it predates the trail): the record's timestamp is worth a read. */
export function needsRecordTimestamp(lag: number | null, seen: { exact: boolean } | null | undefined): boolean {
  return lag !== null && lag > 0 && (seen == null || !seen.exact);
}

/** The worst of a group's partitions; estimated when the worst one is. */
export function worstTimeLag(lags: readonly (TimeLag | null)[]): TimeLag | null {
  let worst: TimeLag | null = null;
  for (const l of lags) if (l && (!worst || l.ms > worst.ms || (l.ms === worst.ms && l.estimated && !worst.estimated))) worst = l;
  return worst;
}
