import { clusterFor, handle, json } from '@/server/http/api';
import { listResets } from '@/server/kafka/actions/reset-audit';

export const dynamic = 'force-dynamic';

/** The applied resets of a group, newest first, as recorded under the data dir. */
export function GET(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => json({ resets: listResets(clusterFor(req).id, (await ctx.params).group) }));
}
