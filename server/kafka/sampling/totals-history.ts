// Totals over time (messages, bytes, topics, partitions) for the overview chart. Owned by
// its Cluster and fed by the lag sampler's samples (their metadata and every partition's
// offsets), so the chart costs no request of its own but the partition sizes, which are
// read at most once a SIZES_MS (DescribeLogDirs on every broker) and kept between.
import type { HistoryResponse } from '../../../lib/contract/cluster';
import type { Cluster } from '../cluster';
import type { GroupsSnapshot } from '../snapshots/groups';
import { partitionSizes } from '../snapshots/sizes';
import { tpKey } from '../routing/offsets';

const KEEP_MS = 24 * 3600 * 1000; // one day
/** How often the chart's bytes are read again. */
const SIZES_MS = 60_000;

export class TotalsHistory {
  private readonly samples: HistoryResponse['samples'] = [];
  private sizes: { at: number; bytes: Map<string, number> } | null = null;
  private reading: Promise<void> | null = null;

  constructor(private readonly cluster: Cluster) {}

  /** Samples begin with the lag sampler's. */
  start(): void {
    void this.cluster.sampler;
  }

  response(): HistoryResponse {
    return { intervalMs: this.cluster.sampler.intervalMs, samples: [...this.samples] };
  }

  /** One point from a lag sample (the first waits for the sizes, so the chart never starts at 0 bytes). */
  async record(snap: GroupsSnapshot): Promise<void> {
    this.refreshSizes(snap);
    if (!this.sizes && this.reading) await this.reading;
    let messages = 0;
    let bytes = 0;
    let partitions = 0;
    let topics = 0;
    for (const t of snap.metadata.topics) {
      if (t.errorCode !== 0) continue;
      topics++;
      partitions += t.partitions.length;
      for (const p of t.partitions) {
        const o = snap.offsets.get(tpKey(t.name, p.partition));
        if (o && o.start !== null && o.end !== null) messages += Math.max(0, o.end - o.start);
        bytes += this.sizes?.bytes.get(tpKey(t.name, p.partition)) ?? 0;
      }
    }
    this.samples.push({ t: snap.fetchedAt, messages, bytes, topics, partitions });
    const cutoff = snap.fetchedAt - KEEP_MS;
    let drop = 0;
    while (drop < this.samples.length && this.samples[drop].t < cutoff) drop++;
    if (drop) this.samples.splice(0, drop);
  }

  /** Partition sizes, read again in the background once they are SIZES_MS old. */
  private refreshSizes(snap: GroupsSnapshot): void {
    if (this.reading || (this.sizes && snap.fetchedAt - this.sizes.at < SIZES_MS)) return;
    this.reading = partitionSizes(this.cluster.client, snap.metadata, null)
      .then((bytes) => {
        this.sizes = { at: Date.now(), bytes };
      })
      .catch(() => {
        // unknown sizes: the last ones stay
      })
      .finally(() => {
        this.reading = null;
      });
  }
}
