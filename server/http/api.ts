// What every route handler shares: parsing input with the contract's zod schemas, the
// mutation guards (READ_ONLY, JSON only, our own host and origin), and one mapping from failures to
// `{ "error": { "code", "message" } }` with the right status.
import type { z } from 'zod';
import { API_ERROR } from '../../lib/contract/common';
import type { Cluster } from '../kafka/cluster';
import { clusterById, dashboardCluster } from '../kafka/clusters';
import { httpStatusForKafkaError, isClusterUnreachable, isKafkaApiError, isRefusal, type RefusalKind } from '../kafka/errors';
import { checkCrossSite, checkHost, hostPolicyFromEnv, type HostPolicy } from './host-policy';
import { requestContext } from './request-context';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function errorResponse(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error: { code, message, ...extra } }, { status, headers: { 'Cache-Control': 'no-store' } });
}

function describeZodError(e: z.ZodError): string {
  return e.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** What each kind of refusal from server/kafka answers over HTTP. */
const REFUSAL_STATUS: Record<RefusalKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  unavailable: 503,
};

export function toErrorResponse(e: unknown): Response {
  if (e instanceof HttpError) return errorResponse(e.status, e.code, e.message, e.extra);
  if (isRefusal(e)) return errorResponse(REFUSAL_STATUS[e.kind], e.code, e.message, e.extra);
  if (isKafkaApiError(e)) return errorResponse(httpStatusForKafkaError(e.code), e.codeName, e.message);
  if (isClusterUnreachable(e)) return errorResponse(503, API_ERROR.CLUSTER_UNREACHABLE, e.message);
  if (e && typeof e === 'object' && 'issues' in e && Array.isArray((e as z.ZodError).issues)) {
    return errorResponse(400, API_ERROR.BAD_REQUEST, describeZodError(e as z.ZodError));
  }
  console.error('[api] unexpected error', e);
  return errorResponse(500, API_ERROR.INTERNAL, 'Something went wrong on the server; the details are in its log.');
}

/** Runs a handler body and turns any failure into the API's error shape. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    return toErrorResponse(e);
  }
}

/** Names the cluster on requests that /api/clusters/{id}/… hands to the unprefixed handlers. */
const CLUSTER_HEADER = 'x-offsetscope-cluster';
/** Only requests made inside this process carry it: what a client sends is not trusted. */
const SCOPED = Symbol.for('offsetscope.scopedRequest');

/** The request, for the handlers of the unprefixed routes, about cluster `id`. */
export function withCluster(req: Request, id: string): Request {
  const headers = new Headers(req.headers);
  headers.set(CLUSTER_HEADER, id);
  const scoped = new Request(req.url, { method: req.method, headers, body: req.body, signal: req.signal, duplex: 'half' } as RequestInit);
  (scoped as unknown as Record<symbol, boolean>)[SCOPED] = true;
  return scoped;
}

/** The cluster a request is about: the one its /api/clusters/{id}/ prefix names, else the default. */
export function clusterFor(req: Request): Cluster {
  const id = (req as unknown as Record<symbol, boolean>)[SCOPED] ? req.headers.get(CLUSTER_HEADER) : null;
  if (id === null) return dashboardCluster();
  const c = clusterById(id);
  if (!c) throw new HttpError(404, 'UNKNOWN_CLUSTER', `No cluster '${id}' is configured.`);
  return c;
}

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { 'Cache-Control': 'no-store' } });
}

export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const r = schema.safeParse(params);
  if (!r.success) throw new HttpError(400, API_ERROR.BAD_REQUEST, describeZodError(r.error));
  return r.data;
}

let cachedPolicy: HostPolicy | undefined;
function policy(): HostPolicy {
  return (cachedPolicy ??= hostPolicyFromEnv());
}

/**
 * The guards every mutation passes before anything else: refused in read-only mode, only
 * `application/json`, and only from the dashboard's own origin (no cross-site forms).
 */
export function guardMutation(req: Request, { hasBody = true } = {}): void {
  const cluster = clusterFor(req);
  if (cluster.readOnly) {
    throw new HttpError(403, API_ERROR.READ_ONLY, process.env.READ_ONLY ? 'offsetscope runs read-only (READ_ONLY=1): changes are refused.' : `Cluster '${cluster.id}' is read-only: changes are refused.`);
  }
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (hasBody && type !== 'application/json') {
    throw new HttpError(415, API_ERROR.UNSUPPORTED_MEDIA_TYPE, `Send the body as application/json (got ${type || 'no content type'}).`);
  }
  // the front door (request-guard.ts) already refused these; asked again here so a
  // handler run without it (plain `next start`) still never changes anything cross-site
  const ctx = requestContext();
  const socketAddress = ctx ? ctx.socketAddress : null;
  const refusal = (ctx ? null : checkHost(policy(), req.headers, socketAddress)) ?? checkCrossSite(policy(), req.method, req.headers, socketAddress);
  if (refusal) throw new HttpError(refusal.status, refusal.code, refusal.message);
}

/** Who asked, for records such as the reset audit: the address the front door saw, never a header's claim. */
export function requester(req: Request): { address: string | null; userAgent: string | null } {
  return { address: requestContext()?.clientAddress ?? null, userAgent: req.headers.get('user-agent') };
}

export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  guardMutation(req);
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new HttpError(400, API_ERROR.BAD_REQUEST, 'The body is not valid JSON.');
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new HttpError(400, API_ERROR.BAD_REQUEST, describeZodError(r.error));
  return r.data;
}
