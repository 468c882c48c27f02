import { LabMembersQuery, StartLabMember } from '@/lib/contract/lab';
import { clusterFor, handle, json, parseBody, parseQuery } from '@/server/http/api';
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
    const body = await parseBody(req, StartLabMember);
    const member = await clusterFor(req).lab.start(body);
    return json({ member: member.view() }, 201);
  });
}
