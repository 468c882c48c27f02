import { AddPartitionsRequest } from '@/lib/contract/topics';
import { clusterFor, handle, json, parseBody, authorize, audit } from '@/server/http/api';

export const dynamic = 'force-dynamic';

export function POST(req: Request, ctx: { params: Promise<{ topic: string }> }): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, AddPartitionsRequest, 'alterTopic');
    const { topic } = await ctx.params;
    authorize(req, 'alterTopic', { topic });
    const { topics } = clusterFor(req);
    await topics.addPartitions(topic, body.count);
    audit(req, 'topic.partitions', topic, { count: body.count });
    return json(await topics.detail(topic));
  });
}
