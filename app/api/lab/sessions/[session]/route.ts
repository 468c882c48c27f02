import { guardMutation, handle } from '@/server/http/api';
import { dashboardClusters } from '@/server/kafka/clusters';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ session: string }> };

/** The lab page is going away: its members leave their groups cleanly, on whichever cluster they joined. */
export function DELETE(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => {
    guardMutation(req, 'useLab', { hasBody: false });
    const { session } = await ctx.params;
    await Promise.all(dashboardClusters().map((c) => c.lab.endSession(session)));
    return new Response(null, { status: 204 });
  });
}
