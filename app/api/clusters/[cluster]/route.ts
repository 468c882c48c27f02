import { clusterStatus } from '@/server/kafka/snapshots/cluster-status';
import { clusterFor, handle, json, withCluster } from '@/server/http/api';

export const dynamic = 'force-dynamic';

/** One cluster's status: what /api/cluster answers for the default one. */
export async function GET(req: Request, ctx: { params: Promise<{ cluster: string }> }): Promise<Response> {
  const { cluster } = await ctx.params;
  return handle(async () => json(await clusterStatus(clusterFor(withCluster(req, cluster)))));
}
