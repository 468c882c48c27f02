// The dashboard's front door: every request — pages, /api/**, /metrics, the SSE tail,
// Next's own assets — passes here before Next.js sees it. A Host that is not ours gets
// 421 and a cross-site change 403, and nothing else runs. Answers that pass get the
// security headers, pages a fresh CSP nonce (handed to Next in the request's own
// Content-Security-Policy header, which is where Next looks for it), and the handlers a
// request context with the socket's address instead of headers anyone can send.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkCrossSite, checkHost, clientAddress, isTrustedProxy, normalizeAddress, type HostPolicy, type Refusal } from './host-policy';
import { runWithRequestContext } from './request-context';
import { COMMON_SECURITY_HEADERS, DATA_POLICY, isDataPath, newNonce, pagePolicy } from './security-headers';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Headers only a trusted proxy may set: from anyone else they are dropped before Next reads them. */
const PROXY_HEADERS = ['x-forwarded-host', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded', 'x-real-ip'];

function pathnameOf(url: string | undefined): string {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q === -1 ? u : u.slice(0, q);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function refuse(res: ServerResponse, refusal: Refusal, dataPath: boolean): void {
  res.statusCode = refusal.status;
  res.setHeader('Cache-Control', 'no-store');
  if (dataPath) {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
    return;
  }
  const title = refusal.status === 421 ? 'Not served under this name' : 'Refused';
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>offsetscope: ${title}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">` +
      `<h1>${title}</h1><p>${escapeHtml(refusal.message)}</p><p>(${refusal.status} ${refusal.code})</p></body></html>`,
  );
}

export function createRequestGuard(policy: HostPolicy, next: NodeHandler): NodeHandler {
  return (req, res) => {
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

    const ctx = { socketAddress, clientAddress: clientAddress(policy, req.headers, socketAddress) };
    if (!isTrustedProxy(policy, socketAddress)) for (const h of PROXY_HEADERS) delete req.headers[h];
    // Next takes the nonce for its inline scripts from the request's CSP header; a client's own is replaced
    delete req.headers['content-security-policy-report-only'];
    if (nonce) req.headers['content-security-policy'] = policyHeader;
    else delete req.headers['content-security-policy'];
    return runWithRequestContext(ctx, () => next(req, res));
  };
}
