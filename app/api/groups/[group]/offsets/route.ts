import { DeleteOffsetsQuery } from '@/lib/contract/reset';
import { clusterFor, guardMutation, handle, parseQuery } from '@/server/http/api';

export const dynamic = 'force-dynamic';

/** Deletes the group's committed offsets on a topic (409 while the group subscribes to it). */
export function DELETE(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => {
    guardMutation(req, { hasBody: false });
    const { topic } = parseQuery(req, DeleteOffsetsQuery);
    await clusterFor(req).groups.deleteOffsets((await ctx.params).group, topic);
    return new Response(null, { status: 204 });
  });
}
