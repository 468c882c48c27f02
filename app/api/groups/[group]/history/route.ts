import { clusterFor, handle, json } from '@/server/http/api';

export const dynamic = 'force-dynamic';

export function GET(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => {
    const { group } = await ctx.params;
    return json(await clusterFor(req).groups.history(group));
  });
}
