import { MessagesQuery, ProduceRequest } from '@/lib/contract/messages';
import { clusterFor, handle, json, parseBody, parseQuery } from '@/server/http/api';
import { browse } from '@/server/kafka/messages/browse';
import { produce } from '@/server/kafka/messages/produce';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ topic: string }> };

export function GET(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => {
    const q = parseQuery(req, MessagesQuery);
    const { topic } = await ctx.params;
    return json(await browse(clusterFor(req).client, topic, q));
  });
}

export function POST(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, ProduceRequest);
    const { topic } = await ctx.params;
    return json(await produce(clusterFor(req).client, topic, body));
  });
}
