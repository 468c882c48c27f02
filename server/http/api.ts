// What every route handler shares: parsing input with the contract's zod schemas, the
// mutation guards (READ_ONLY, JSON only, our own host and origin), the permission checks
// of a login (lib/auth/permissions.ts: reading a cluster in clusterFor, each change in
// guardMutation/parseBody and, for names, authorize), and one mapping from failures to
// `{ "error": { "code", "message" } }` with the right status.
import type { z } from 'zod';
import { API_ERROR } from '../../lib/contract/common';
import type { Cluster } from '../kafka/cluster';
import { clusterById, dashboardCluster, dashboardClusters } from '../kafka/clusters';
import { httpStatusForKafkaError, isClusterUnreachable, isKafkaApiError, isRefusal, type RefusalKind } from '../kafka/errors';
import { checkCrossSite, checkHost, hostPolicyFromEnv, type HostPolicy } from './host-policy';
import { requestContext } from './request-context';
import { can, permissionsOn, type Permission, type Target } from '../../lib/auth/permissions';
import { authService, UNAUTHENTICATED_MESSAGE } from '../auth/service';
import { sessionLive, type Principal } from '../auth/sessions';
import type { AuditEntry } from '../../lib/contract/auth';
import { auditLog } from '../audit/audit-log';

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

/** The cluster a request is about, without asking whether the person may read it. */
function clusterOf(req: Request): Cluster {
  const id = (req as unknown as Record<symbol, boolean>)[SCOPED] ? req.headers.get(CLUSTER_HEADER) : null;
  if (id === null) return dashboardCluster();
  const c = clusterById(id);
  if (!c) throw new HttpError(404, 'UNKNOWN_CLUSTER', `No cluster '${id}' is configured.`);
  return c;
}

/** The cluster a request is about: the one its /api/clusters/{id}/ prefix names, else the default. Refused (403) to whoever may not read it. */
export function clusterFor(req: Request): Cluster {
  const c = clusterOf(req);
  authorizeOn(c, 'read');
  return c;
}

/**
 * Who is asking, with a login configured; null without one (everyone may do everything
 * the cluster's read-only setting allows). A request that did not come through the front
 * door (plain `next start`) has nobody, so it is refused rather than let through.
 */
export function principal(): Principal | null {
  if (!authService()) return null;
  const p = requestContext()?.principal;
  if (!p) throw new HttpError(401, 'UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE);
  return p;
}

function describeTarget(t: Target): string {
  return [t.topic !== undefined ? `topic '${t.topic}'` : null, t.group !== undefined ? `group '${t.group}'` : null].filter(Boolean).join(' and ');
}

function authorizeOn(cluster: Cluster, permission: Permission, target?: Target): void {
  const p = principal();
  if (!p) return;
  const policy = authService()!.policy;
  // no target: whether some grant on the cluster has the permission for some names (the handler checks the names)
  const ok = target ? can(p.grants, policy, cluster.id, permission, target) : permissionsOn(p.grants, policy, cluster.id).includes(permission);
  if (ok) return;
  const on = target && describeTarget(target) ? ` on ${describeTarget(target)}` : '';
  throw new HttpError(403, 'FORBIDDEN', `'${p.name}' lacks the permission ${permission}${on} on cluster '${cluster.id}'.`, { permission, cluster: cluster.id });
}

/** Refuses (403, naming the permission) unless whoever asks may `permission` on the request's cluster, for `target` when given. */
export function authorize(req: Request, permission: Permission, target?: Target): void {
  authorizeOn(clusterOf(req), permission, target);
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

/** Only `application/json`, and only from the dashboard's own origin (no cross-site forms): every POST, PUT, PATCH and DELETE. */
function guardBody(req: Request, hasBody: boolean): void {
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

/**
 * The guards every mutation passes before anything else: refused in read-only mode, only
 * `application/json`, and only from the dashboard's own origin (no cross-site forms).
 */
export function guardMutation(req: Request, permission: Permission, { hasBody = true } = {}): void {
  const cluster = clusterFor(req);
  if (cluster.readOnly) {
    throw new HttpError(403, API_ERROR.READ_ONLY, process.env.READ_ONLY ? 'offsetscope runs read-only (READ_ONLY=1): changes are refused.' : `Cluster '${cluster.id}' is read-only: changes are refused.`);
  }
  guardBody(req, hasBody);
  authorizeOn(cluster, permission);
}

/** Who asked, for records such as the reset audit: the address the front door saw, never a header's claim. */
export function requester(req: Request): { address: string | null; userAgent: string | null; user: string | null } {
  return { address: requestContext()?.clientAddress ?? null, userAgent: req.headers.get('user-agent'), user: requestContext()?.principal?.name ?? null };
}

async function readBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
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

/** A mutation's body, after its guards (`permission` is checked for the cluster; names, by the handler). */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S, permission: Permission): Promise<z.infer<S>> {
  guardMutation(req, permission);
  return readBody(req, schema);
}

/**
 * The body of a read sent as POST (a search: its expression does not belong in a URL):
 * JSON from our own origin like a change, but served in read-only mode.
 */
export async function parseReadBody<S extends z.ZodType>(req: Request, schema: S, permission: Permission): Promise<z.infer<S>> {
  authorizeOn(clusterFor(req), permission);
  guardBody(req, true);
  return readBody(req, schema);
}

const AUTH_EVENTS = new Set<AuditEntry['action']>(['login', 'login-failed', 'logout', 'lab.end']);

/**
 * Records a change in the audit trail: who (the login's user or token), from where, on
 * which cluster, what and on what. A trail that cannot be written is logged, not thrown:
 * the change has happened, and its answer must say so.
 */
export function audit(req: Request, action: AuditEntry['action'], target: string | null, detail?: Record<string, unknown>, as?: { user: string | null }): void {
  const ctx = requestContext();
  let cluster: string | null = null;
  // logins and lab sessions belong to no one cluster (only admins of every cluster see them)
  if (!AUTH_EVENTS.has(action)) {
    try {
      cluster = clusterOf(req).id;
    } catch {
      // an unknown cluster id: nothing was changed there anyway
    }
  }
  try {
    auditLog(authService()?.settings.auditMaxBytes).append({ at: Date.now(), user: as ? as.user : (ctx?.principal?.name ?? null), address: ctx?.clientAddress ?? null, cluster, action, target, ...(detail ? { detail } : {}) });
  } catch (e) {
    console.error(`[audit] could not record ${action} on ${target ?? '-'}`, e);
  }
}

/**
 * Which audit entries whoever asks may see: everything without a login; with one, the
 * entries of clusters where they hold viewAudit (admin), and entries of no cluster (logins)
 * only with it on `*`. 403 for someone who may see none.
 */
export function auditVisibleTo(): (e: AuditEntry) => boolean {
  const p = principal();
  if (!p) return () => true;
  const policy = authService()!.policy;
  const clusters = dashboardClusters().filter((c) => can(p.grants, policy, c.id, 'viewAudit')).map((c) => c.id);
  const everywhere = can({ '*': p.grants['*'] ?? [] }, policy, '*', 'viewAudit');
  if (clusters.length === 0 && !everywhere) throw new HttpError(403, 'FORBIDDEN', `'${p.name}' lacks the permission viewAudit (the admin role).`, { permission: 'viewAudit' });
  return (e) => (e.cluster === null ? everywhere : clusters.includes(e.cluster));
}

/** The clusters where whoever asks has `permission` for some names (every one without a login). */
export function clustersWhere(permission: Permission): Cluster[] {
  const p = principal();
  const all = dashboardClusters();
  if (!p) return all;
  return all.filter((c) => permissionsOn(p.grants, authService()!.policy, c.id).includes(permission));
}

/** The clusters whoever asks may read (every one without a login). */
export function readableClusters(): Cluster[] {
  return clustersWhere('read');
}

/** How often a long answer (a live tail) checks that its session still stands. */
const SESSION_CHECK_MS = 5000;

/**
 * The request's abort signal, also fired when the login session it came with ends
 * (logout, expiry, eviction): a stream must not outlive the session that opened it.
 */
export function sessionSignal(req: Request): AbortSignal {
  const session = requestContext()?.session;
  if (!session) return req.signal;
  const ac = new AbortController();
  const timer = setInterval(() => {
    if (!sessionLive(session)) ac.abort();
  }, SESSION_CHECK_MS);
  timer.unref();
  ac.signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  if (req.signal.aborted) ac.abort();
  else req.signal.addEventListener('abort', () => ac.abort(), { once: true });
  return ac.signal;
}
