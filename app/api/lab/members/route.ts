import { LabMembersQuery, StartLabMember } from '@/lib/contract/lab';
import { clusterFor, handle, json, parseBody, parseQuery } from '@/server/http/api';
import { LAB_IDLE_MS, membersOf, startMember } from '@/server/kafka/lab/lab';

export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return handle(async () => {
    const { session } = parseQuery(req, LabMembersQuery);
    return json({ members: membersOf(session).map((m) => m.view()), idleTimeoutMs: LAB_IDLE_MS });
  });
}

export function POST(req: Request): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, StartLabMember);
    const member = await startMember(clusterFor(req).client, body);
    return json({ member: member.view() }, 201);
  });
}
