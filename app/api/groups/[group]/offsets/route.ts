import { DeleteOffsetsQuery } from '@/lib/contract/reset';
import { clusterFor, guardMutation, handle, parseQuery, authorize, audit } from '@/server/http/api';

export const dynamic = 'force-dynamic';

/** Deletes the group's committed offsets on a topic (409 while the group subscribes to it). */
export function DELETE(req: Request, ctx: { params: Promise<{ group: string }> }): Promise<Response> {
  return handle(async () => {
    guardMutation(req, 'deleteGroupOffsets', { hasBody: false });
    const { topic } = parseQuery(req, DeleteOffsetsQuery);
    const { group } = await ctx.params;
    authorize(req, 'deleteGroupOffsets', { group, topic });
    await clusterFor(req).groups.deleteOffsets(group, topic);
    audit(req, 'group.delete-offsets', group, { topic });
    return new Response(null, { status: 204 });
  });
}
