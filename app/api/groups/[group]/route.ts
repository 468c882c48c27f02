import { clusterFor, guardMutation, handle, json } from '@/server/http/api';
import { deleteGroup } from '@/server/kafka/actions/group-admin';
import { groupDetail } from '@/server/kafka/snapshots/group-views';
import { lagSampler } from '@/server/kafka/sampling/lag-sampler';

export const dynamic = 'force-dynamic';

export function GET(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => {
    const { group } = await ctx.params;
    return json(await groupDetail(clusterFor(req).client, lagSampler(clusterFor(req)), group));
  });
}

/** Deletes an Empty group (409 while it has members). */
export function DELETE(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => {
    guardMutation(req, { hasBody: false });
    await deleteGroup(clusterFor(req).client, (await ctx.params).group);
    return new Response(null, { status: 204 });
  });
}
