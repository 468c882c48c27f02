import { handle } from '@/server/http/api';
import { dashboardClusters } from '@/server/kafka/cluster';
import { lagSampler } from '@/server/kafka/sampling/lag-sampler';
import { renderMetrics } from '@/server/kafka/sampling/metrics';

export const dynamic = 'force-dynamic';

/** Prometheus scrape target: every cluster's lag sampler's last values (kafka_exporter's metric names). */
export function GET(): Promise<Response> {
  return handle(async () => {
    const samplers = dashboardClusters().map((c) => lagSampler(c));
    await Promise.all(samplers.filter((s) => !s.last).map((s) => s.tick())); // only before the very first sample
    return new Response(renderMetrics(samplers), { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' } });
  });
}
