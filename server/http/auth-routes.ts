// What the /api/auth routes do: log in with a name and password, log out, say who is
// logged in and what they may do. The cookie is HttpOnly, SameSite=Lax, and Secure when
// the page was reached over https (directly, or as a trusted proxy says).
import { permissionsOn, roleOn } from '../../lib/auth/permissions';
import type { LoginRequest, MeResponse } from '../../lib/contract/auth';
import { authService, cookieValue, SESSION_COOKIE, type AuthService } from '../auth/service';
import type { Principal } from '../auth/sessions';
import { dashboardClusters } from '../kafka/clusters';
import { audit, HttpError } from './api';
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
    // the name is recorded (it is what was tried), never the password; the answer does not say which was wrong
    audit(req, 'login-failed', body.name, { via: 'user' }, { user: null });
    return Response.json({ error: { code: 'INVALID_LOGIN', message: 'That name and password do not match.' } }, { status: 401, headers: { 'Cache-Control': 'no-store' } });
  }
  const { cookie } = startSession(req, auth, r.principal);
  return Response.json({ user: { name: r.principal.name, kind: r.principal.kind } }, { headers: { 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } });
}

/** Ends the request's session; answers where the browser goes next (the provider's logout for OIDC). */
export function logout(req: Request): { cookie: string; redirect: string } {
  const auth = requireAuth();
  const ctx = requestContext();
  const session = ctx?.session ?? null;
  if (session) {
    auth.sessions.end(cookieValue(req.headers.get('cookie') ?? undefined, SESSION_COOKIE));
    audit(req, 'logout', session.principal.name);
  }
  return { cookie: clearedCookie(req), redirect: '/login' };
}

export function me(): MeResponse {
  const auth = authService();
  const clusters = dashboardClusters();
  if (!auth) return { enabled: false, user: null, csrfToken: null, clusters: clusters.map((c) => ({ id: c.id, role: 'admin', permissions: [...permissionsOn({ '*': { role: 'admin' } }, { withholdMessagesFrom: [] }, c.id)] })), oidc: false };
  const ctx = requestContext();
  const p = ctx?.principal;
  if (!p) throw new HttpError(401, 'UNAUTHENTICATED', 'Log in, or send an API token as Authorization: Bearer <token>.');
  const policy = { withholdMessagesFrom: auth.settings.withholdMessagesFrom };
  return {
    enabled: true,
    user: { name: p.name, kind: p.kind },
    csrfToken: ctx?.session?.csrf ?? (p.kind === 'proxy' ? auth.sessions.csrfFor(p.name) : null),
    clusters: clusters.map((c) => ({ id: c.id, role: roleOn(p.grants, c.id), permissions: permissionsOn(p.grants, policy, c.id) })),
    oidc: p.kind === 'oidc',
  };
}
