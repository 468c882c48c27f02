import { clusterFor, handle, json } from '@/server/http/api';
import { history, startHistorySampler } from '@/server/kafka/sampling/totals-history';

export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return handle(async () => {
    const cluster = clusterFor(req);
    startHistorySampler(cluster); // normally already running from instrumentation.ts
    return json(history(cluster));
  });
}
