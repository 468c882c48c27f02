import { guardMutation, handle, json } from '@/server/http/api';
import { deleteGroup } from '@/server/kafka/group-admin';
import { dashboardCluster } from '@/server/kafka/cluster';
import { groupDetail } from '@/server/kafka/group-views';
import { lagSampler } from '@/server/kafka/lag-sampler';

export const dynamic = 'force-dynamic';

export function GET(_req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => {
    const { group } = await ctx.params;
    return json(await groupDetail(dashboardCluster().client, lagSampler(), group));
  });
}

/** Deletes an Empty group (409 while it has members). */
export function DELETE(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => {
    guardMutation(req, { hasBody: false });
    await deleteGroup(dashboardCluster().client, (await ctx.params).group);
    return new Response(null, { status: 204 });
  });
}
