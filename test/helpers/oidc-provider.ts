// A real OpenID provider (oidc-provider) on loopback for tests: one confidential client
// (offsetscope), PKCE required, RP-initiated logout, and its development login page, which
// takes any name (the password is not checked) — the name is the account, whose `groups`
// claim is set per test. Groups are in the ID token (conformIdTokenClaims: false).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Groups per account name; an unknown account has none. */
  groups: Map<string, string[]>;
  close(): Promise<void>;
}

export async function startOidcProvider(opts: { dashboardUrl: string; port?: number }): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const groups = new Map<string, string[]>();
  const clientSecret = 'test-client-secret-0123456789abcdef';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'offsetscope',
        client_secret: clientSecret,
        redirect_uris: [`${opts.dashboardUrl}/api/auth/oidc/callback`],
        post_logout_redirect_uris: [`${opts.dashboardUrl}/login`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], profile: ['preferred_username', 'groups'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, preferred_username: sub, groups: groups.get(sub) ?? [] }),
    }),
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key-0123456789'] },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId: 'offsetscope',
    clientSecret,
    groups,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
