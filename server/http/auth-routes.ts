// What the /api/auth routes do: log in with a name and password, log out, say who is
// logged in and what they may do. The cookie is HttpOnly, SameSite=Lax, and Secure when
// the page was reached over https (directly, or as a trusted proxy says).
import { safeNext } from '../../lib/auth/next';
import { permissionsOn, roleOn } from '../../lib/auth/permissions';
import type { LoginRequest, MeResponse } from '../../lib/contract/auth';
import { authService, cookieValue, SESSION_COOKIE, type AuthService } from '../auth/service';
import type { Principal } from '../auth/sessions';
import { OIDC_STATE_COOKIE, oidcCode } from '../auth/oidc';
import { dashboardClusters } from '../kafka/clusters';
import { audit, HttpError, principal } from './api';
import { requestContext } from './request-context';

function secure(req: Request): boolean {
  // x-forwarded-proto reaches here only from a trusted proxy (the front door drops it otherwise)
  return new URL(req.url).protocol === 'https:' || req.headers.get('x-forwarded-proto') === 'https';
}

export function sessionCookie(req: Request, value: string, maxAgeMs: number): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure(req) ? '; Secure' : ''}`;
}

export function clearedCookie(req: Request): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure(req) ? '; Secure' : ''}`;
}

export function requireAuth(): AuthService {
  const auth = authService();
  if (!auth) throw new HttpError(404, 'NO_LOGIN', 'No login is configured: offsetscope serves without one.');
  return auth;
}

/** A session for `principal`, answered with its cookie. */
export function startSession(req: Request, auth: AuthService, principal: Principal, extra: { idToken?: string } = {}): { cookie: string } {
  const { cookie } = auth.sessions.create(principal, extra);
  audit(req, 'login', principal.name, { via: principal.kind }, { user: principal.name });
  return { cookie: sessionCookie(req, cookie, auth.settings.sessionMs) };
}

export async function passwordLogin(req: Request, body: LoginRequest): Promise<Response> {
  const auth = requireAuth();
  const address = requestContext()?.clientAddress ?? null;
  const r = await auth.login(body.name, body.password, address);
  if (r && 'retryAfterMs' in r) {
    const s = Math.ceil(r.retryAfterMs / 1000);
    return Response.json(
      { error: { code: 'TOO_MANY_ATTEMPTS', message: `Too many failed logins for this name or from this address; try again in ${s} s.` } },
      { status: 429, headers: { 'Retry-After': String(s), 'Cache-Control': 'no-store' } },
    );
  }
  if (!r) {
    // the name is recorded only if it is a user's (a password typed into the name field must not land in the trail)
    const known = auth.settings.users.some((u) => u.name === body.name);
    audit(req, 'login-failed', known ? body.name : null, { via: 'user' }, { user: null });
    return Response.json({ error: { code: 'INVALID_LOGIN', message: 'That name and password do not match.' } }, { status: 401, headers: { 'Cache-Control': 'no-store' } });
  }
  const { cookie } = startSession(req, auth, r.principal);
  return Response.json({ user: { name: r.principal.name, kind: r.principal.kind } }, { headers: { 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } });
}

/** Ends the request's session; answers where the browser goes next (the provider's logout for OIDC). */
export async function logout(req: Request): Promise<{ cookie: string; redirect: string }> {
  const auth = requireAuth();
  const ctx = requestContext();
  const session = ctx?.session ?? null;
  let redirect = '/login';
  if (session) {
    auth.sessions.end(cookieValue(req.headers.get('cookie') ?? undefined, SESSION_COOKIE));
    audit(req, 'logout', session.principal.name);
    if (session.principal.kind === 'oidc' && auth.oidc) redirect = (await auth.oidc.endSessionUrl(session.idToken)) ?? redirect;
  }
  return { cookie: clearedCookie(req), redirect };
}

function redirectTo(location: string, cookies: string[]): Response {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' });
  for (const c of cookies) headers.append('Set-Cookie', c);
  return new Response(null, { status: 302, headers });
}

function stateCookie(req: Request, value: string, maxAgeS: number): string {
  return `${OIDC_STATE_COOKIE}=${value}; Path=/api/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}${secure(req) ? '; Secure' : ''}`;
}

/** GET /api/auth/oidc/start: off to the provider, with the state in a cookie for the way back. */
export async function oidcStart(req: Request): Promise<Response> {
  const auth = requireAuth();
  if (!auth.oidc) throw new HttpError(404, 'NO_OIDC', 'Single sign-on is not configured.');
  const next = safeNext(new URL(req.url).searchParams.get('next'));
  try {
    const { url, state } = await auth.oidc.start(next);
    return redirectTo(url, [stateCookie(req, state, 600)]);
  } catch (e) {
    console.error(`[auth] single sign-on could not start: ${(e as Error).message}`);
    return redirectTo(`/login?error=${encodeURIComponent(oidcCode(e))}`, []);
  }
}

/** GET /api/auth/oidc/callback: the provider sends the browser back with a code; a session starts. */
export async function oidcCallback(req: Request): Promise<Response> {
  const auth = requireAuth();
  if (!auth.oidc) throw new HttpError(404, 'NO_OIDC', 'Single sign-on is not configured.');
  const url = new URL(req.url);
  try {
    const r = await auth.oidc.finish(url.searchParams, cookieValue(req.headers.get('cookie') ?? undefined, OIDC_STATE_COOKIE));
    const { cookie } = startSession(req, auth, r.principal, { idToken: r.idToken });
    return redirectTo(r.next, [cookie, stateCookie(req, '', 0)]);
  } catch (e) {
    const code = oidcCode(e);
    console.error(`[auth] single sign-on failed: ${(e as Error).message}`);
    audit(req, 'login-failed', null, { via: 'oidc', reason: code }, { user: null });
    return redirectTo(`/login?error=${encodeURIComponent(code)}`, [stateCookie(req, '', 0)]);
  }
}

export function me(): MeResponse {
  const auth = authService();
  const clusters = dashboardClusters();
  const defaultCluster = clusters[0].id;
  if (!auth) return { enabled: false, user: null, csrfToken: null, clusters: clusters.map((c) => ({ id: c.id, role: 'admin', permissions: [...permissionsOn({ '*': { role: 'admin' } }, { withholdMessagesFrom: [] }, c.id)] })), defaultCluster, oidc: false };
  const p = principal()!;
  const ctx = requestContext();
  const policy = auth.policy;
  return {
    enabled: true,
    user: { name: p.name, kind: p.kind },
    csrfToken: ctx?.session?.csrf ?? (p.kind === 'proxy' ? auth.sessions.csrfFor(p.name) : null),
    // only the clusters they may read: the others' ids are none of their business
    clusters: clusters.filter((c) => permissionsOn(p.grants, policy, c.id).includes('read')).map((c) => ({ id: c.id, role: roleOn(p.grants, c.id), permissions: permissionsOn(p.grants, policy, c.id) })),
    defaultCluster,
    oidc: p.kind === 'oidc',
  };
}
