import { clusterFor, guardMutation, handle, json, authorize, audit } from '@/server/http/api';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ topic: string }> };

export function GET(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => {
    const { topic } = await ctx.params;
    return json(await clusterFor(req).topics.detail(topic));
  });
}

export function DELETE(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => {
    guardMutation(req, 'deleteTopic', { hasBody: false });
    const { topic } = await ctx.params;
    authorize(req, 'deleteTopic', { topic });
    await clusterFor(req).topics.delete(topic);
    audit(req, 'topic.delete', topic);
    return new Response(null, { status: 204 });
  });
}

