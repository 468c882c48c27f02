import { DeleteRecordsRequest } from '@/lib/contract/topics';
import { clusterFor, handle, json, parseBody } from '@/server/http/api';

export const dynamic = 'force-dynamic';

export function POST(req: Request, ctx: { params: Promise<{ topic: string }> }): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, DeleteRecordsRequest);
    const { topic } = await ctx.params;
    return json({ partitions: await clusterFor(req).topics.deleteRecords(topic, body.partitions) });
  });
}
