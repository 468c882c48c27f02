import { clusterFor, guardMutation, handle, json } from '@/server/http/api';
import { deleteTopic } from '@/server/kafka/actions/topic-admin';
import { topicDetail } from '@/server/kafka/snapshots/topics';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ topic: string }> };

export function GET(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => {
    const { topic } = await ctx.params;
    return json(await topicDetail(clusterFor(req).client, topic));
  });
}

export function DELETE(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => {
    guardMutation(req, { hasBody: false });
    const { topic } = await ctx.params;
    await deleteTopic(clusterFor(req).client, topic);
    return new Response(null, { status: 204 });
  });
}

