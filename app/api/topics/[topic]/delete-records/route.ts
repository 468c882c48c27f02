import { DeleteRecordsRequest } from '@/lib/contract/topics';
import { handle, json, parseBody } from '@/server/http/api';
import { deleteRecords } from '@/server/kafka/admin';
import { dashboardCluster } from '@/server/kafka/cluster';

export const dynamic = 'force-dynamic';

export function POST(req: Request, ctx: { params: Promise<{ topic: string }> }): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, DeleteRecordsRequest);
    const { topic } = await ctx.params;
    return json({ partitions: await deleteRecords(dashboardCluster().client, topic, body.partitions) });
  });
}
