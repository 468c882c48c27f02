// The dashboard's front door: every request — pages, /api/**, /metrics, the SSE tail,
// Next's own assets — passes here before Next.js sees it. A Host that is not ours gets
// 421 and a cross-site change 403, and nothing else runs. Answers that pass get the
// security headers, pages a fresh CSP nonce (handed to Next in the request's own
// Content-Security-Policy header, which is where Next looks for it), and the handlers a
// request context with the socket's address instead of headers anyone can send. With a
// login configured it also says who is asking (session cookie, API token or a trusted
// proxy's user header): nobody gets past it to anything but the login page and static
// assets (pages go to /login, the API answers 401), and a change made with the session
// cookie must carry the session's CSRF token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkCrossSite, checkHost, clientAddress, isTrustedProxy, normalizeAddress, type HostPolicy, type Refusal } from './host-policy';
import { timingSafeEqual } from 'node:crypto';
import { CSRF_HEADER, UNAUTHENTICATED_MESSAGE, type AuthService, type Identity } from '../auth/service';
import { runWithRequestContext, type RequestContext } from './request-context';
import { COMMON_SECURITY_HEADERS, DATA_POLICY, isDataPath, newNonce, pagePolicy } from './security-headers';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Headers only a trusted proxy may set: from anyone else they are dropped before Next reads them. */
const PROXY_HEADERS = ['x-forwarded-host', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded', 'x-real-ip'];

function headerOnce(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function pathnameOf(url: string | undefined): string {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q === -1 ? u : u.slice(0, q);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function refuse(res: ServerResponse, refusal: Refusal | { status: 403 | 400; code: 'CSRF' | 'BAD_PATH'; message: string }, dataPath: boolean): void {
  res.statusCode = refusal.status;
  res.setHeader('Cache-Control', 'no-store');
  if (dataPath) {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
    return;
  }
  const title = refusal.status === 421 ? 'Not served under this name' : refusal.status === 400 ? 'Not a path served here' : 'Refused';
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>offsetscope: ${title}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">` +
      `<h1>${title}</h1><p>${escapeHtml(refusal.message)}</p><p>(${refusal.status} ${refusal.code})</p></body></html>`,
  );
}

/** Paths anyone may reach when a login is configured: the login page and routes, and static assets. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === '/login' ||
    pathname === '/api/auth/login' ||
    pathname === '/api/auth/methods' ||
    pathname.startsWith('/api/auth/oidc/') ||
    pathname.startsWith('/_next/static/') ||
    pathname === '/icon.svg' ||
    pathname === '/favicon.ico'
  );
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A `.` or `..` segment, literal or percent-encoded. */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;

function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function unauthenticated(res: ServerResponse, dataPath: boolean, url: string, message: string): void {
  res.setHeader('Cache-Control', 'no-store');
  if (dataPath) {
    res.statusCode = 401;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('WWW-Authenticate', 'Bearer');
    res.end(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message } }));
    return;
  }
  res.statusCode = 302;
  res.setHeader('Location', `/login?next=${encodeURIComponent(url)}`);
  res.end();
}

export function createRequestGuard(policy: HostPolicy, next: NodeHandler, auth: AuthService | null = null): NodeHandler {
  return async (req, res) => {
    const socketAddress = normalizeAddress(req.socket.remoteAddress);
    const pathname = pathnameOf(req.url);
    const dataPath = isDataPath(pathname);

    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) res.setHeader(name, value);
    let policyHeader = DATA_POLICY;
    let nonce: string | null = null;
    if (!dataPath) {
      nonce = newNonce();
      policyHeader = pagePolicy(nonce);
    }
    res.setHeader('Content-Security-Policy', policyHeader);

    const refusal = checkHost(policy, req.headers, socketAddress) ?? checkCrossSite(policy, req.method ?? 'GET', req.headers, socketAddress);
    if (refusal) return refuse(res, refusal, dataPath);
    // Next resolves `..` (also as %2e%2e) before routing: a path that needs it could look
    // public here and reach something else there, so none is served
    if (DOT_SEGMENT.test(pathname) || pathname.includes('\\')) {
      return refuse(res, { status: 400, code: 'BAD_PATH', message: 'Paths with . or .. segments or backslashes are not served.' }, dataPath);
    }

    const trusted = isTrustedProxy(policy, socketAddress);
    const client = clientAddress(policy, req.headers, socketAddress);
    const ctx: RequestContext = { socketAddress, clientAddress: client, principal: null, session: null };
    if (auth) {
      let who: Identity;
      try {
        who = await auth.identify(req.headers, trusted, client);
      } catch (e) {
        console.error('[auth] could not check who is asking', e);
        who = null;
      }
      if (who?.via === 'bad-token') return unauthenticated(res, true, req.url ?? '/', 'The bearer token is not valid.');
      if (!who && !isPublicPath(pathname)) return unauthenticated(res, dataPath, req.url ?? '/', UNAUTHENTICATED_MESSAGE);
      if (who) {
        ctx.principal = who.principal;
        // a change made with a browser's credentials (our session cookie, or the login
        // proxy's) must prove it comes from our own page; a bearer token cannot ride along
        const csrf = who.via === 'session' ? who.session.csrf : who.via === 'proxy' ? auth.sessions.csrfFor(who.principal.name) : null;
        if (who.via === 'session') ctx.session = who.session;
        if (csrf !== null && !SAFE_METHODS.has(req.method ?? 'GET') && pathname !== '/api/auth/login' && !sameSecret(headerOnce(req.headers[CSRF_HEADER]), csrf)) {
          return refuse(res, { status: 403, code: 'CSRF', message: `A change made with a login session must carry the session's CSRF token in the ${CSRF_HEADER} header (the dashboard's pages send it).` }, true);
        }
      }
      // the proxy's user headers count only from the proxy: nobody else may claim a user
      if (auth.settings.proxy && !trusted) {
        delete req.headers[auth.settings.proxy.userHeader];
        delete req.headers[auth.settings.proxy.groupsHeader];
      }
    }
    if (!trusted) for (const h of PROXY_HEADERS) delete req.headers[h];
    // Next takes the nonce for its inline scripts from the request's CSP header; a client's own is replaced
    delete req.headers['content-security-policy-report-only'];
    if (nonce) req.headers['content-security-policy'] = policyHeader;
    else delete req.headers['content-security-policy'];
    return runWithRequestContext(ctx, () => next(req, res));
  };
}
