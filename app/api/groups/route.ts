import { GroupsQuery } from '@/lib/contract/groups';
import { clusterFor, handle, json, parseQuery } from '@/server/http/api';

export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return handle(async () => {
    const q = parseQuery(req, GroupsQuery);
    return json(await clusterFor(req).groups.summaries(q));
  });
}
