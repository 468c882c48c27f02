// Single sign-on with OpenID Connect (authorization code with PKCE) through openid-client:
// /api/auth/oidc/start sends the browser to the provider, /api/auth/oidc/callback takes
// the code back, checks state, nonce and the PKCE verifier, and reads the person's name
// and groups from the ID token (or the userinfo endpoint when the ID token leaves the
// groups claim out). Groups map to roles through `roleMapping`. What a pending login needs
// stays on the server, keyed by its state, which a short-lived cookie ties to the browser
// that started it (so nobody can finish a login someone else began).
import * as client from 'openid-client';
import { grantsForGroups, type AuthSettings } from './config';
import type { Principal } from './sessions';

export const OIDC_STATE_COOKIE = 'offsetscope_oidc';
const PENDING_MS = 10 * 60_000;
const MAX_PENDING = 1000;

type OidcSettings = NonNullable<AuthSettings['oidc']>;

interface Pending {
  verifier: string;
  nonce: string;
  next: string;
  at: number;
}

type OidcCode = 'OIDC_STATE' | 'OIDC_PROVIDER' | 'OIDC_NO_NAME';

export class OidcError extends Error {
  constructor(
    readonly code: OidcCode,
    message: string,
  ) {
    super(message);
    this.name = 'OidcError';
  }
}

/**
 * The code of a failed login. Read by name, not instanceof: the service that threw may
 * come from the front door's copy of this module, not the route handlers' bundled one.
 */
export function oidcCode(e: unknown): OidcCode {
  return e instanceof Error && e.name === 'OidcError' ? (e as OidcError).code : 'OIDC_PROVIDER';
}

function groupsOf(claim: unknown): string[] {
  return Array.isArray(claim) ? claim.filter((g): g is string => typeof g === 'string') : typeof claim === 'string' ? claim.split(/[\s,]+/).filter(Boolean) : [];
}

export class OidcLogin {
  private config: Promise<client.Configuration> | null = null;
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly s: OidcSettings) {}

  get callbackUrl(): string {
    return `${this.s.publicUrl}/api/auth/oidc/callback`;
  }

  /** The provider's metadata, discovered once (again after a failure). */
  private configuration(): Promise<client.Configuration> {
    if (!this.config) {
      const issuer = new URL(this.s.issuer);
      // plain http only for a provider on this machine (tests, a local Keycloak), never across a network
      const local = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      const auth = this.s.clientSecret === null ? client.None() : client.ClientSecretPost(this.s.clientSecret);
      this.config = client.discovery(issuer, this.s.clientId, undefined, auth, local ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 });
      this.config.catch(() => (this.config = null));
    }
    return this.config;
  }

  /** Where to send the browser, and the state its cookie must hold when it comes back. */
  async start(next: string): Promise<{ url: string; state: string }> {
    let config: client.Configuration;
    try {
      config = await this.configuration();
    } catch (e) {
      throw new OidcError('OIDC_PROVIDER', `The OpenID provider ${this.s.issuer} could not be reached: ${(e as Error).message}`);
    }
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const now = Date.now();
    for (const [k, p] of this.pending) if (now - p.at > PENDING_MS) this.pending.delete(k);
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    this.pending.set(state, { verifier, nonce, next, at: now });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.callbackUrl,
      scope: this.s.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /** Finishes a login: the principal, the ID token (the logout hint) and where to go next. */
  async finish(query: URLSearchParams, cookieState: string | undefined): Promise<{ principal: Principal; idToken: string | undefined; next: string }> {
    const state = query.get('state') ?? '';
    const pending = this.pending.get(state);
    if (!pending || !cookieState || cookieState !== state || Date.now() - pending.at > PENDING_MS) {
      throw new OidcError('OIDC_STATE', 'This login was not started here, or took longer than 10 minutes; log in again.');
    }
    this.pending.delete(state);
    if (query.get('error')) throw new OidcError('OIDC_PROVIDER', `The OpenID provider refused the login: ${query.get('error_description') ?? query.get('error')}`);
    const config = await this.configuration();
    let tokens;
    try {
      const current = new URL(`${this.callbackUrl}?${query.toString()}`);
      tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: pending.verifier, expectedState: state, expectedNonce: pending.nonce, idTokenExpected: true });
    } catch (e) {
      throw new OidcError('OIDC_PROVIDER', `The OpenID provider's answer was not accepted: ${(e as Error).message}`);
    }
    let claims: Record<string, unknown> = { ...(tokens.claims() ?? {}) };
    if (claims[this.s.rolesClaim] === undefined || claims[this.s.usernameClaim] === undefined) {
      // many providers put groups only in userinfo
      try {
        claims = { ...(await client.fetchUserInfo(config, tokens.access_token, String(claims.sub))), ...claims };
      } catch {
        // the ID token's claims are all there is
      }
    }
    const name = [claims[this.s.usernameClaim], claims.email, claims.sub].find((v): v is string => typeof v === 'string' && v !== '');
    if (!name) throw new OidcError('OIDC_NO_NAME', 'The OpenID provider did not say who logged in.');
    const groups = groupsOf(claims[this.s.rolesClaim]);
    return { principal: { kind: 'oidc', name, groups, grants: grantsForGroups(this.s.roles, groups) }, idToken: tokens.id_token, next: pending.next };
  }

  /** The provider's logout address (RP-initiated logout), or null when it has none. */
  async endSessionUrl(idToken: string | undefined): Promise<string | null> {
    try {
      const config = await this.configuration();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(config, { post_logout_redirect_uri: `${this.s.publicUrl}/login`, ...(idToken ? { id_token_hint: idToken } : {}) }).href;
    } catch {
      return null;
    }
  }
}
