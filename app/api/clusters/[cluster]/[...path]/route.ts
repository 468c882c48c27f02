// /api/clusters/{id}/… is the API of /api/… for one configured cluster. Each path is
// served by the unprefixed route's own handler, given the request with the cluster named
// in it (server/http/api.ts clusterFor reads it), so the two can never drift apart.
import * as clusterRoute from '../../../cluster/route';
import * as clusterHistory from '../../../cluster/history/route';
import * as demo from '../../../demo/route';
import * as groups from '../../../groups/route';
import * as group from '../../../groups/[group]/route';
import * as groupHistory from '../../../groups/[group]/history/route';
import * as groupOffsets from '../../../groups/[group]/offsets/route';
import * as groupReset from '../../../groups/[group]/reset/route';
import * as groupResets from '../../../groups/[group]/resets/route';
import * as labMembers from '../../../lab/members/route';
import * as labMember from '../../../lab/members/[member]/route';
import * as topics from '../../../topics/route';
import * as topic from '../../../topics/[topic]/route';
import * as topicConfigs from '../../../topics/[topic]/configs/route';
import * as topicDeleteRecords from '../../../topics/[topic]/delete-records/route';
import * as topicMessages from '../../../topics/[topic]/messages/route';
import * as topicPartitions from '../../../topics/[topic]/partitions/route';
import * as topicTail from '../../../topics/[topic]/tail/route';
import { errorResponse, withCluster } from '@/server/http/api';

export const dynamic = 'force-dynamic';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
type RouteModule = Partial<Record<Method, Handler>>;

/** A route module as the dispatcher calls it: each handler gets the params it declares. */
const mod = (m: unknown) => m as RouteModule;

// [path pattern, its named segments, the route module]
const ROUTES: [RegExp, string[], RouteModule][] = [
  [/^cluster$/, [], mod(clusterRoute)],
  [/^cluster\/history$/, [], mod(clusterHistory)],
  [/^demo$/, [], mod(demo)],
  [/^topics$/, [], mod(topics)],
  [/^topics\/([^/]+)$/, ['topic'], mod(topic)],
  [/^topics\/([^/]+)\/configs$/, ['topic'], mod(topicConfigs)],
  [/^topics\/([^/]+)\/delete-records$/, ['topic'], mod(topicDeleteRecords)],
  [/^topics\/([^/]+)\/messages$/, ['topic'], mod(topicMessages)],
  [/^topics\/([^/]+)\/partitions$/, ['topic'], mod(topicPartitions)],
  [/^topics\/([^/]+)\/tail$/, ['topic'], mod(topicTail)],
  [/^groups$/, [], mod(groups)],
  [/^groups\/([^/]+)$/, ['group'], mod(group)],
  [/^groups\/([^/]+)\/history$/, ['group'], mod(groupHistory)],
  [/^groups\/([^/]+)\/offsets$/, ['group'], mod(groupOffsets)],
  [/^groups\/([^/]+)\/reset$/, ['group'], mod(groupReset)],
  [/^groups\/([^/]+)\/resets$/, ['group'], mod(groupResets)],
  [/^lab\/members$/, [], mod(labMembers)],
  [/^lab\/members\/([^/]+)$/, ['member'], mod(labMember)],
];

type Ctx = { params: Promise<{ cluster: string; path: string[] }> };

function dispatch(method: Method) {
  return async (req: Request, ctx: Ctx): Promise<Response> => {
    const { cluster, path } = await ctx.params;
    // the segments arrive decoded; match on them joined, keep each as its own value
    const joined = path.map((p) => p.replace(/\//g, '\u0000')).join('/');
    for (const [pattern, names, mod] of ROUTES) {
      const m = pattern.exec(joined);
      if (!m) continue;
      const handler = mod[method];
      if (!handler) return errorResponse(405, 'METHOD_NOT_ALLOWED', `${method} is not served here.`);
      const params = Object.fromEntries(names.map((n, i) => [n, m[i + 1].replace(/\u0000/g, '/')]));
      return handler(withCluster(req, cluster), { params: Promise.resolve(params) });
    }
    return errorResponse(404, 'NOT_FOUND', `No API route /api/${path.join('/')}.`);
  };
}

export const GET = dispatch('GET');
export const POST = dispatch('POST');
export const PATCH = dispatch('PATCH');
export const DELETE = dispatch('DELETE');
