import { clusterFor, handle, json } from '@/server/http/api';

export const dynamic = 'force-dynamic';

/** The applied resets of a group, newest first, as recorded under the data dir. */
export function GET(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => json({ resets: clusterFor(req).groups.resets((await ctx.params).group) }));
}
