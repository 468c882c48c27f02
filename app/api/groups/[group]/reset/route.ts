import { ResetRequest } from '@/lib/contract/reset';
import { clusterFor, handle, json, parseBody, requester } from '@/server/http/api';
import { resetGroup } from '@/server/kafka/actions/reset';

export const dynamic = 'force-dynamic';

/** Plans a reset (dryRun) or applies it; 409 GROUP_ACTIVE while the group has members. */
export function POST(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, ResetRequest);
    const who = requester(req);
    const cluster = clusterFor(req);
    return json(await resetGroup(cluster.client, (await ctx.params).group, body, who, cluster.id));
  });
}
