import { clusterFor, handle, json } from '@/server/http/api';
import { clusterStatus } from '@/server/kafka/snapshots/cluster-status';

export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return handle(async () => json(await clusterStatus(clusterFor(req))));
}
