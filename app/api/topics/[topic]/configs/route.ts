import { PatchConfigsRequest } from '@/lib/contract/topics';
import { clusterFor, handle, json, parseBody } from '@/server/http/api';
import { patchTopicConfigs } from '@/server/kafka/actions/configs';
import { invalidateTopics, topicDetail } from '@/server/kafka/snapshots/topics';

export const dynamic = 'force-dynamic';

export function PATCH(req: Request, ctx: { params: Promise<{ topic: string }> }): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, PatchConfigsRequest);
    const { topic } = await ctx.params;
    const { client } = clusterFor(req);
    await patchTopicConfigs(client, topic, body.configs);
    invalidateTopics();
    return json(await topicDetail(client, topic));
  });
}
