import { clusterFor, handle, json } from '@/server/http/api';
import { groupHistory } from '@/server/kafka/snapshots/group-views';
import { lagSampler } from '@/server/kafka/sampling/lag-sampler';

export const dynamic = 'force-dynamic';

export function GET(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => {
    const { group } = await ctx.params;
    return json(await groupHistory(clusterFor(req).client, lagSampler(clusterFor(req)), group));
  });
}
