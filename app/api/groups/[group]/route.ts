import { clusterFor, guardMutation, handle, json } from '@/server/http/api';

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
    guardMutation(req, { hasBody: false });
    await clusterFor(req).groups.delete((await ctx.params).group);
    return new Response(null, { status: 204 });
  });
}
