import { LabMembersQuery, StartLabMember } from '@/lib/contract/lab';
import { clusterFor, handle, json, parseBody, parseQuery, authorize, audit } from '@/server/http/api';
import { LAB_IDLE_MS } from '@/server/kafka/lab/lab';

export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return handle(async () => {
    const { session } = parseQuery(req, LabMembersQuery);
    return json({ members: clusterFor(req).lab.membersOf(session).map((m) => m.view()), idleTimeoutMs: LAB_IDLE_MS });
  });
}

export function POST(req: Request): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, StartLabMember, 'useLab');
    authorize(req, 'useLab', { topic: body.topic, group: body.groupId });
    const member = await clusterFor(req).lab.start(body);
    audit(req, 'lab.join', body.groupId, { topic: body.topic, memberId: member.view().memberId });
    return json({ member: member.view() }, 201);
  });
}
