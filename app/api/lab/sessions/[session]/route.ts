import { audit, authorize, clustersWhere, guardMutation, handle } from '@/server/http/api';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ session: string }> };

/** The lab page is going away: its members leave their groups cleanly, on whichever cluster they joined. */
export function DELETE(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => {
    // the request's own guards (origin, read-only) on the page's cluster; the members end
    // on every cluster where the person may use the lab (a member elsewhere is not theirs to end)
    guardMutation(req, 'read', { hasBody: false });
    const { session } = await ctx.params;
    const where = clustersWhere('useLab').filter((c) => !c.readOnly);
    if (where.length === 0) authorize(req, 'useLab'); // refused, naming who lacks what
    await Promise.all(where.map((c) => c.lab.endSession(session)));
    audit(req, 'lab.end', null, { session: session.slice(0, 8) });
    return new Response(null, { status: 204 });
  });
}
