import { clusterFor, guardMutation, handle, json, authorize, audit } from '@/server/http/api';

export const dynamic = 'force-dynamic';

export function GET(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => {
    const { group } = await ctx.params;
    return json(await clusterFor(req).groups.detail(group));
  });
}

/** Deletes an Empty group (409 while it has members). */
export function DELETE(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => {
    guardMutation(req, 'deleteGroup', { hasBody: false });
    const { group } = await ctx.params;
    authorize(req, 'deleteGroup', { group });
    await clusterFor(req).groups.delete(group);
    audit(req, 'group.delete', group);
    return new Response(null, { status: 204 });
  });
}
