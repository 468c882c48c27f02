import { handle, readableClusters } from '@/server/http/api';
import { dashboardClusters } from '@/server/kafka/clusters';
import { renderMetrics } from '@/server/kafka/sampling/metrics';

export const dynamic = 'force-dynamic';

/** How long a scrape waits for a cluster's very first sample: a cluster that never answers must not hold up the others. */
const FIRST_SAMPLE_WAIT_MS = 1500;

/** Prometheus scrape target: every cluster's lag sampler's last values (kafka_exporter's metric names). */
export function GET(): Promise<Response> {
  return handle(async () => {
    // with a login, only the clusters the scraper's token may read (labelled as always when there are several)
    const labelled = dashboardClusters().length > 1;
    const clusters = readableClusters();
    const first = clusters.filter((c) => !c.sampler.lastAttempt).map((c) => c.sampler.tick());
    if (first.length) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(first), new Promise((r) => (timer = setTimeout(r, FIRST_SAMPLE_WAIT_MS)))]);
      clearTimeout(timer);
    }
    return new Response(renderMetrics(clusters, labelled), { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' } });
  });
}
