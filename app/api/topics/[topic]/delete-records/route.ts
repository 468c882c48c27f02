import { DeleteRecordsRequest } from '@/lib/contract/topics';
import { clusterFor, handle, json, parseBody, authorize, audit } from '@/server/http/api';

export const dynamic = 'force-dynamic';

export function POST(req: Request, ctx: { params: Promise<{ topic: string }> }): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, DeleteRecordsRequest, 'deleteRecords');
    const { topic } = await ctx.params;
    authorize(req, 'deleteRecords', { topic });
    const partitions = await clusterFor(req).topics.deleteRecords(topic, body.partitions);
    audit(req, 'topic.delete-records', topic, { partitions: body.partitions });
    return json({ partitions });
  });
}
