import { PatchConfigsRequest } from '@/lib/contract/topics';
import { clusterFor, handle, json, parseBody, authorize, audit } from '@/server/http/api';

export const dynamic = 'force-dynamic';

export function PATCH(req: Request, ctx: { params: Promise<{ topic: string }> }): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, PatchConfigsRequest, 'alterTopic');
    const { topic } = await ctx.params;
    authorize(req, 'alterTopic', { topic });
    const { topics } = clusterFor(req);
    await topics.patchConfigs(topic, body.configs);
    audit(req, 'topic.configs', topic, { configs: body.configs });
    return json(await topics.detail(topic));
  });
}
