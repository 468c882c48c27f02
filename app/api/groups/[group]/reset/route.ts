import { ResetRequest } from '@/lib/contract/reset';
import { clusterFor, handle, json, parseBody, requester, authorize, audit } from '@/server/http/api';

export const dynamic = 'force-dynamic';

/** Plans a reset (dryRun) or applies it; 409 GROUP_ACTIVE while the group has members. */
export function POST(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, ResetRequest, 'resetOffsets');
    const { group } = await ctx.params;
    authorize(req, 'resetOffsets', { group });
    // a grant limited to some topics: each topic of the plan is checked before anything is committed
    const who = { ...requester(req), authorizeTopics: (topics: string[]) => topics.forEach((topic) => authorize(req, 'resetOffsets', { group, topic })) };
    const res = await clusterFor(req).groups.reset(group, body, who);
    if (res.applied) audit(req, 'group.reset', group, { strategy: body.strategy, partitions: res.plan.length, auditId: res.auditId ?? null });
    return json(res);
  });
}
