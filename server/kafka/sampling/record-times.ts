// The timestamps of the records groups are stuck at, for the time lag the list and
// /metrics show. Only where the log-end trail cannot place the record (it predates the
// trail: the dashboard had just started, or a group sits far behind): elsewhere the trail's
// estimate is within one sample of the truth and costs nothing. A record's timestamp never
// changes, so each (partition, offset) is read once and kept while some group is at it.
// Bounded: at most `readsPerSample` partitions are read a sample (one Fetch per leader),
// and what is kept is only what some group's committed offset points at now.
import type { ClusterClient, ClusterMetadata } from '../connection/cluster-client';
import { recordTimestamps, type WantedRecord } from '../routing/record-timestamps';
import { tpKey } from '../routing/offsets';

/** OFFSETSCOPE_TIME_LAG_READS: record timestamps read per sample at most (default 5,000 partitions). */
export function timeLagReadsPerSample(): number {
  const n = Number(process.env.OFFSETSCOPE_TIME_LAG_READS);
  return Number.isInteger(n) && n >= 0 && process.env.OFFSETSCOPE_TIME_LAG_READS ? n : 5000;
}

const keyOf = (topic: string, partition: number, offset: number) => `${tpKey(topic, partition)}\u0000${offset}`;

export class RecordTimes {
  /** (partition, offset) → the record's timestamp (epoch ms; -1: it has none). */
  private readonly known = new Map<string, number>();
  /** Asked but not read whole (a big first batch behind others): asked first next time. */
  private readonly missed = new Set<string>();

  constructor(
    private readonly client: ClusterClient,
    private readonly readsPerSample = timeLagReadsPerSample(),
  ) {}

  get(topic: string, partition: number, offset: number): number | undefined {
    return this.known.get(keyOf(topic, partition, offset));
  }

  /**
   * Keeps the timestamps of `needed` (what groups are at now; the rest is dropped) and reads
   * those not known yet, at most `readsPerSample` partitions, one offset a partition.
   * A failed read leaves them to the next sample.
   */
  async update(metadata: ClusterMetadata, needed: WantedRecord[]): Promise<void> {
    const keep = new Set(needed.map((w) => keyOf(w.topic, w.partition, w.offset)));
    for (const k of this.known.keys()) if (!keep.has(k)) this.known.delete(k);
    for (const k of this.missed) if (!keep.has(k)) this.missed.delete(k);
    const unknown = needed.filter((w) => !this.known.has(keyOf(w.topic, w.partition, w.offset)));
    if (unknown.length === 0 || this.readsPerSample === 0) return;
    // the ones missed last time first: first in their leader's request, a whole batch is sure to come
    unknown.sort((a, b) => Number(this.missed.has(keyOf(b.topic, b.partition, b.offset))) - Number(this.missed.has(keyOf(a.topic, a.partition, a.offset))));
    const batch: WantedRecord[] = [];
    const partitions = new Set<string>();
    for (const w of unknown) {
      if (batch.length >= this.readsPerSample) break;
      const tp = tpKey(w.topic, w.partition);
      if (partitions.has(tp)) continue; // a Fetch names a partition once: other offsets wait a sample
      partitions.add(tp);
      batch.push(w);
    }
    let read: Map<string, number>;
    try {
      read = await recordTimestamps(this.client, metadata, batch);
    } catch {
      return; // no time lag from records this sample; the trail's estimate stands
    }
    for (const w of batch) {
      const k = keyOf(w.topic, w.partition, w.offset);
      const t = read.get(tpKey(w.topic, w.partition));
      if (t !== undefined) {
        // kept even without a timestamp (-1, old formats): asking again would not change it
        this.known.set(k, t);
        this.missed.delete(k);
      } else this.missed.add(k);
    }
  }
}
