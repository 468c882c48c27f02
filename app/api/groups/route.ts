import { GroupsQuery } from '@/lib/contract/groups';
import { clusterFor, handle, json, parseQuery } from '@/server/http/api';
import { groupSummaries } from '@/server/kafka/snapshots/group-views';
import { lagSampler } from '@/server/kafka/sampling/lag-sampler';

export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return handle(async () => {
    const q = parseQuery(req, GroupsQuery);
    return json(await groupSummaries(clusterFor(req).client, lagSampler(clusterFor(req)), q));
  });
}
