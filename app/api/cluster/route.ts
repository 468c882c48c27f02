import { handle, json } from '@/server/http/api';
import { clusterStatus } from '@/server/kafka/cluster-status';

export const dynamic = 'force-dynamic';

export function GET(): Promise<Response> {
  return handle(async () => json(await clusterStatus()));
}
