// Totals sampled over time (messages, bytes, topics, partitions) for the overview chart.
// Started from instrumentation.ts so history begins with the server, not the first visit;
// kept on globalThis so every route bundle sees the same samples.
import type { HistoryResponse } from '../../../lib/contract/cluster';
import { dashboardCluster, type DashboardCluster } from '../cluster';
import { topicsSnapshot } from '../snapshots/topics';

const INTERVAL_MS = 5000;
const KEEP = (24 * 3600 * 1000) / INTERVAL_MS; // one day

interface Sampler {
  cluster: DashboardCluster;
  samples: HistoryResponse['samples'];
  timer: NodeJS.Timeout;
}
const KEY = Symbol.for('offsetscope.history');
type Holder = { [KEY]?: Map<string, Sampler> };

async function sample(s: Sampler): Promise<void> {
  try {
    const snap = await topicsSnapshot(s.cluster.client);
    let messages = 0;
    let bytes = 0;
    let partitions = 0;
    for (const t of snap.topics) {
      messages += t.messages;
      bytes += t.bytes ?? 0;
      partitions += t.partitions;
    }
    s.samples.push({ t: snap.fetchedAt, messages, bytes, topics: snap.topics.length, partitions });
    if (s.samples.length > KEEP) s.samples.splice(0, s.samples.length - KEEP);
  } catch {
    // an unreachable cluster leaves a gap in the chart, which is what happened
  }
}

export function startHistorySampler(cluster: DashboardCluster = dashboardCluster()): void {
  const all = ((globalThis as Holder)[KEY] ??= new Map());
  if (all.has(cluster.id)) return;
  const s: Sampler = { cluster, samples: [], timer: setInterval(() => void sample(s), INTERVAL_MS) };
  s.timer.unref();
  all.set(cluster.id, s);
  void sample(s);
}

export function history(cluster: DashboardCluster = dashboardCluster()): HistoryResponse {
  const s = (globalThis as Holder)[KEY]?.get(cluster.id);
  return { intervalMs: INTERVAL_MS, samples: s ? [...s.samples] : [] };
}
