import { AddPartitionsRequest } from '@/lib/contract/topics';
import { clusterFor, handle, json, parseBody } from '@/server/http/api';
import { addPartitions } from '@/server/kafka/actions/topic-admin';
import { topicDetail } from '@/server/kafka/snapshots/topics';

export const dynamic = 'force-dynamic';

export function POST(req: Request, ctx: { params: Promise<{ topic: string }> }): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, AddPartitionsRequest);
    const { topic } = await ctx.params;
    const { client } = clusterFor(req);
    await addPartitions(client, topic, body.count);
    return json(await topicDetail(client, topic));
  });
}
