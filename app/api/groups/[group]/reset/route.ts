import { ResetRequest } from '@/lib/contract/reset';
import { clusterFor, handle, json, parseBody, requester } from '@/server/http/api';

export const dynamic = 'force-dynamic';

/** Plans a reset (dryRun) or applies it; 409 GROUP_ACTIVE while the group has members. */
export function POST(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, ResetRequest);
    const who = requester(req);
    return json(await clusterFor(req).groups.reset((await ctx.params).group, body, who));
  });
}
