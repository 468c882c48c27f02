import { MessagesQuery, ProduceRequest } from '@/lib/contract/messages';
import { clusterFor, handle, json, parseBody, parseQuery, authorize, audit } from '@/server/http/api';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ topic: string }> };

export function GET(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => {
    const q = parseQuery(req, MessagesQuery);
    const { topic } = await ctx.params;
    authorize(req, 'readMessages');
    return json(await clusterFor(req).topics.browse(topic, q));
  });
}

export function POST(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, ProduceRequest, 'produce');
    const { topic } = await ctx.params;
    authorize(req, 'produce', { topic });
    const res = await clusterFor(req).topics.produce(topic, body);
    audit(req, 'topic.produce', topic, { records: res.count });
    return json(res);
  });
}
