import { guardMutation, handle } from '@/server/http/api';
import { endSession } from '@/server/kafka/lab/lab';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ session: string }> };

/** The lab page is going away: its members leave their groups cleanly. */
export function DELETE(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => {
    guardMutation(req, { hasBody: false });
    await endSession((await ctx.params).session);
    return new Response(null, { status: 204 });
  });
}
