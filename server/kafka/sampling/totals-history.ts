// Totals sampled over time (messages, bytes, topics, partitions) for the overview chart.
// Owned by its Cluster and started with it, so history begins with the server, not the
// first visit.
import type { HistoryResponse } from '../../../lib/contract/cluster';
import type { Cluster } from '../cluster';

const INTERVAL_MS = 5000;
const KEEP = (24 * 3600 * 1000) / INTERVAL_MS; // one day

export class TotalsHistory {
  private readonly samples: HistoryResponse['samples'] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly cluster: Cluster) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sample(), INTERVAL_MS);
    this.timer.unref();
    void this.sample();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  response(): HistoryResponse {
    return { intervalMs: INTERVAL_MS, samples: [...this.samples] };
  }

  private async sample(): Promise<void> {
    try {
      const snap = await this.cluster.topics.snapshot();
      let messages = 0;
      let bytes = 0;
      let partitions = 0;
      for (const t of snap.topics) {
        messages += t.messages;
        bytes += t.bytes ?? 0;
        partitions += t.partitions;
      }
      this.samples.push({ t: snap.fetchedAt, messages, bytes, topics: snap.topics.length, partitions });
      if (this.samples.length > KEEP) this.samples.splice(0, this.samples.length - KEEP);
    } catch {
      // an unreachable cluster leaves a gap in the chart, which is what happened
    }
  }
}
