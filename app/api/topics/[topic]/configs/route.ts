import { PatchConfigsRequest } from '@/lib/contract/topics';
import { clusterFor, handle, json, parseBody } from '@/server/http/api';

export const dynamic = 'force-dynamic';

export function PATCH(req: Request, ctx: { params: Promise<{ topic: string }> }): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, PatchConfigsRequest);
    const { topic } = await ctx.params;
    const { topics } = clusterFor(req);
    await topics.patchConfigs(topic, body.configs);
    return json(await topics.detail(topic));
  });
}
