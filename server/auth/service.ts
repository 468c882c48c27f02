// The one owner of the dashboard's login state: its settings, the session store, the
// login throttle and the cache of checked API tokens. The front door (server/http/
// request-guard.ts) asks it who each request is; the /api/auth routes log people in and
// out through it. Next.js bundles route handlers apart from the server that runs them, so
// it lives on globalThis: one per process.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { PermissionPolicy } from '../../lib/auth/permissions';
import { dashboardDataDir } from '../kafka/data-dir';
import { grantsForGroups, type AuthSettings, type AuthToken } from './config';
import { authFromEnv } from './load';
import { LoginThrottle } from './login-throttle';
import { OidcLogin } from './oidc';
import { verifyNobody, verifyPassword } from './password';
import { SessionStore, sessionSecret, type Principal, type Session } from './sessions';
import path from 'node:path';

export const SESSION_COOKIE = 'offsetscope_session';
/** What a request with no valid session or token is told (401), by the front door and the handlers alike. */
export const UNAUTHENTICATED_MESSAGE = 'Log in, or send an API token as Authorization: Bearer <token>.';
/** A mutation made with the session cookie must carry the session's CSRF token in this header. */
export const CSRF_HEADER = 'x-csrf-token';

/** What the front door learnt of who is asking. */
export type Identity =
  | { via: 'session'; principal: Principal; session: Session; cookie: string }
  | { via: 'token' | 'proxy'; principal: Principal }
  /** A bearer token that is not one of ours: 401, whatever else the request carries. */
  | { via: 'bad-token' }
  | null;

const TOKEN_CACHE = 1000;

export class AuthService {
  readonly sessions: SessionStore;
  readonly throttle = new LoginThrottle();
  /** Wrong bearer tokens, by address; apart from password logins so a script's mistake slows no person. */
  private readonly tokenThrottle = new LoginThrottle();
  /** SHA-256 of a token already checked against its scrypt hash: the slow check runs once. */
  private readonly tokenCache = new Map<string, AuthToken>();

  /** Single sign-on, when configured. */
  readonly oidc: OidcLogin | null;
  /** What the settings add to the roles' permissions (message contents withheld). */
  readonly policy: PermissionPolicy;

  constructor(
    readonly settings: AuthSettings,
    dir: string,
  ) {
    this.oidc = settings.oidc ? new OidcLogin(settings.oidc) : null;
    this.policy = { withholdMessagesFrom: settings.withholdMessagesFrom };
    this.sessions = new SessionStore({ file: path.join(dir, 'sessions.json'), secret: sessionSecret(path.join(dir, 'session-secret')), sessionMs: settings.sessionMs, maxSessions: settings.maxSessions });
  }

  /** Local users: the principal on a right name and password; `retryAfterMs` while the name or address is slowed down. */
  async login(name: string, password: string, address: string | null): Promise<{ principal: Principal } | { retryAfterMs: number } | null> {
    const wait = this.throttle.attempt(name, address);
    if (wait > 0) return { retryAfterMs: wait };
    const user = this.settings.users.find((u) => u.name === name);
    const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyNobody(password, this.settings.users[0]?.passwordHash);
    if (!ok || !user) return null;
    this.throttle.refund(name, address);
    return { principal: { kind: 'user', name: user.name, grants: user.grants } };
  }

  /**
   * The API token a bearer value is, checked against each configured hash (once; then
   * cached). An address that keeps sending wrong tokens is slowed down, but a token it
   * already proved stays good.
   */
  async token(value: string, address: string | null): Promise<AuthToken | null> {
    if (value.length < 16 || value.length > 512) return null;
    const key = createHash('sha256').update(value).digest('hex');
    const cached = this.tokenCache.get(key);
    if (cached) return cached;
    // wrong tokens slow their address only (a name would let anyone block every script)
    if (this.tokenThrottle.attempt(null, address) > 0) return null;
    const found = await this.checkToken(value, key);
    if (found) this.tokenThrottle.refund(null, address);
    return found;
  }

  private async checkToken(value: string, key: string): Promise<AuthToken | null> {
    for (const t of this.settings.tokens) {
      if (await verifyPassword(value, t.tokenHash)) {
        if (this.tokenCache.size >= TOKEN_CACHE) this.tokenCache.delete(this.tokenCache.keys().next().value as string);
        this.tokenCache.set(key, t);
        return t;
      }
    }
    return null;
  }

  /**
   * Who a request is: a bearer token (`Authorization: Bearer …`), a trusted proxy's user
   * header (only when `fromTrustedProxy`), or the session cookie; null for nobody.
   */
  async identify(headers: IncomingHttpHeaders, fromTrustedProxy: boolean, address: string | null): Promise<Identity> {
    const authz = headers.authorization;
    if (authz !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
      if (!m) return { via: 'bad-token' };
      const t = await this.token(m[1], address);
      if (!t) return { via: 'bad-token' };
      return { via: 'token', principal: { kind: 'token', name: t.name, grants: t.grants } };
    }
    const proxy = this.settings.proxy;
    if (proxy && fromTrustedProxy) {
      const user = headerValue(headers[proxy.userHeader]);
      if (user) {
        const groups = (headerValue(headers[proxy.groupsHeader]) ?? '')
          .split(proxy.groupsSeparator)
          .map((g) => g.trim())
          .filter(Boolean);
        return { via: 'proxy', principal: { kind: 'proxy', name: user, grants: grantsForGroups(proxy.roles, groups) } };
      }
    }
    const cookie = cookieValue(headers.cookie, SESSION_COOKIE);
    const session = this.sessions.get(cookie);
    if (!session || !cookie) return null;
    // roles as the settings say now, not as they were at login (a user removed or demoted since)
    const principal = this.current(session.principal);
    if (!principal) {
      this.sessions.end(cookie);
      return null;
    }
    return { via: 'session', principal, session, cookie };
  }

  /** The principal with today's grants; null for a local user no longer configured. */
  private current(p: Principal): Principal | null {
    if (p.kind === 'user') {
      const u = this.settings.users.find((x) => x.name === p.name);
      return u ? { ...p, grants: u.grants } : null;
    }
    if (p.kind === 'oidc' && this.settings.oidc) return { ...p, grants: grantsForGroups(this.settings.oidc.roles, p.groups ?? []) };
    return p;
  }
}

function headerValue(v: string | string[] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() || null;
}

/** One cookie's value from a Cookie header (the first of that name). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const KEY = Symbol.for('offsetscope.auth');
type Holder = { [KEY]?: AuthService | null };

/** The process's auth service; null when no login is configured. */
export function authService(): AuthService | null {
  const g = globalThis as Holder;
  if (g[KEY] === undefined) {
    const settings = authFromEnv();
    g[KEY] = settings ? new AuthService(settings, dashboardDataDir('auth')) : null;
  }
  return g[KEY];
}
