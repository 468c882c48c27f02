import { handle } from '@/server/http/api';
import { lagSampler } from '@/server/kafka/lag-sampler';
import { renderMetrics } from '@/server/kafka/metrics';

export const dynamic = 'force-dynamic';

/** Prometheus scrape target: the lag sampler's last values (kafka_exporter's metric names). */
export function GET(): Promise<Response> {
  return handle(async () => {
    const sampler = lagSampler();
    if (!sampler.last) await sampler.tick(); // only before the very first sample
    return new Response(renderMetrics(sampler), { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' } });
  });
}
