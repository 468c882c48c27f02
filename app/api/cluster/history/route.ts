import { clusterFor, handle, json } from '@/server/http/api';

export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return handle(async () => {
    const cluster = clusterFor(req);
    cluster.totals.start(); // normally already running from instrumentation.ts
    return json(cluster.totals.response());
  });
}
