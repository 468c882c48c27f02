import { AddPartitionsRequest } from '@/lib/contract/topics';
import { clusterFor, handle, json, parseBody } from '@/server/http/api';

export const dynamic = 'force-dynamic';

export function POST(req: Request, ctx: { params: Promise<{ topic: string }> }): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, AddPartitionsRequest);
    const { topic } = await ctx.params;
    const { topics } = clusterFor(req);
    await topics.addPartitions(topic, body.count);
    return json(await topics.detail(topic));
  });
}
