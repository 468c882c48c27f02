import { LabAction } from '@/lib/contract/lab';
import { clusterFor, handle, json, parseBody, authorize, audit } from '@/server/http/api';

export const dynamic = 'force-dynamic';
type Ctx = { params: Promise<{ member: string }> };

export function POST(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, LabAction, 'useLab');
    const { lab } = clusterFor(req);
    const m = lab.byId((await ctx.params).member);
    authorize(req, 'useLab', { topic: m.view().topic, group: m.view().groupId });
    // a poll answers the records themselves
    if (body.action === 'poll') authorize(req, 'readMessages');
    else audit(req, 'lab.action', m.view().groupId, { action: body.action, topic: m.view().topic, memberId: m.view().memberId });
    switch (body.action) {
      case 'poll':
        return json({ records: await m.poll(body.max), member: m.view() });
      case 'commit':
        await m.commit();
        return json({ member: m.view() });
      case 'auto-commit':
        m.setAutoCommit(body.enabled);
        return json({ member: m.view() });
      case 'kill':
        m.kill();
        return json({ member: m.view() });
      case 'leave':
        await m.leave();
        return json({ member: m.view() });
      case 'remove':
        lab.remove(m);
        return json({ member: null });
    }
  });
}
