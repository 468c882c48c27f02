// The `auth` part of the OFFSETSCOPE_CONFIG file: who may log in and how, and what each
// may do on which cluster. Absent: no login (as before; a non-loopback address then needs
// OFFSETSCOPE_AUTH=none). Secrets (the OIDC client secret) may be inline, in an
// environment variable (`…Env`) or a file (`…File`); password and token hashes are not
// secrets in the same sense, but are never sent anywhere either.
//   {"auth": {
//     "users": [{"name": "ana", "passwordHash": "scrypt$…", "roles": {"*": "viewer", "staging": "operator"}}],
//     "tokens": [{"name": "ci", "tokenHash": "scrypt$…", "roles": {"staging": "operator"}}],
//     "oidc": {"issuer": "https://login.example.com", "clientId": "offsetscope", "clientSecretEnv": "OIDC_SECRET",
//              "publicUrl": "https://kafka.example.com", "rolesClaim": "groups",
//              "roleMapping": {"kafka-admins": {"*": "admin"}, "kafka-ops": {"staging": "operator"}}, "defaultRoles": {"*": "viewer"}},
//     "proxy": {"userHeader": "x-forwarded-user", "groupsHeader": "x-forwarded-groups", "roleMapping": {…}},
//     "sessionHours": 12, "withholdMessagesFrom": ["viewer"]}}
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLES, type Grant, type Grants, type Role } from '../../lib/auth/permissions';
import { parseHash } from './password';

const Name = z.string().min(1).max(200);
const Pattern = z.string().min(1).max(249);

/** A role, or a role limited to topic and group name patterns (`*` any run of characters). */
const GrantSpec = z.union([
  z.enum(ROLES),
  z
    .object({ role: z.enum(ROLES), topics: z.array(Pattern).min(1).optional(), groups: z.array(Pattern).min(1).optional() })
    .strict(),
]);
/** Roles by cluster id (`*`: every cluster). */
const RolesSpec = z.record(z.string().min(1), GrantSpec);

const HashString = z.string().superRefine((s, ctx) => {
  try {
    parseHash(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
  }
});

const User = z.object({ name: Name, passwordHash: HashString, roles: RolesSpec }).strict();
const Token = z.object({ name: Name, tokenHash: HashString, roles: RolesSpec }).strict();

const Oidc = z
  .object({
    issuer: z.url(),
    clientId: z.string().min(1),
    clientSecret: z.string().optional(),
    clientSecretEnv: z.string().optional(),
    clientSecretFile: z.string().optional(),
    /** The dashboard's address as the browser reaches it; the callback is {publicUrl}/api/auth/oidc/callback. */
    publicUrl: z.url(),
    scopes: z.array(z.string().min(1)).default(['openid', 'profile', 'email']),
    /** The claim (in the ID token or userinfo) that lists the person's groups. */
    rolesClaim: z.string().min(1).default('groups'),
    /** The claim that names the person. */
    usernameClaim: z.string().min(1).default('preferred_username'),
    /** Roles for each value of rolesClaim; a person gets the union of their groups' roles. */
    roleMapping: z.record(z.string(), RolesSpec).default({}),
    /** Roles everyone who logs in gets (e.g. viewer everywhere); none by default. */
    defaultRoles: RolesSpec.default({}),
    /** Shown on the login button. */
    label: z.string().min(1).max(100).default('Log in with single sign-on'),
  })
  .strict();

const Proxy = z
  .object({
    userHeader: z.string().min(1).default('x-forwarded-user'),
    groupsHeader: z.string().min(1).default('x-forwarded-groups'),
    /** oauth2-proxy and Authelia separate groups with commas. */
    groupsSeparator: z.string().min(1).default(','),
    roleMapping: z.record(z.string(), RolesSpec).default({}),
    defaultRoles: RolesSpec.default({}),
  })
  .strict();

export const AuthSpec = z
  .object({
    users: z.array(User).default([]),
    tokens: z.array(Token).default([]),
    oidc: Oidc.optional(),
    proxy: Proxy.optional(),
    sessionHours: z.number().positive().max(24 * 365).default(12),
    /** Roles that see topics and offsets but not message contents. */
    withholdMessagesFrom: z.array(z.enum(ROLES)).default([]),
    /** The audit trail's bound on disk; the oldest half is dropped past it. */
    auditMaxBytes: z.number().int().min(64 * 1024).default(64 * 1024 * 1024),
    /** At most this many live sessions; the oldest ends first. */
    maxSessions: z.number().int().min(1).default(10_000),
  })
  .strict()
  .superRefine((a, ctx) => {
    const names = new Set<string>();
    for (const u of a.users) {
      if (names.has(u.name)) ctx.addIssue({ code: 'custom', message: `user '${u.name}' is listed twice`, path: ['users'] });
      names.add(u.name);
    }
    if (a.users.length + a.tokens.length === 0 && !a.oidc && !a.proxy) ctx.addIssue({ code: 'custom', message: 'gives no way in: add users, tokens, oidc or proxy' });
  });
type AuthSpec = z.infer<typeof AuthSpec>;

function grantsOf(spec: z.infer<typeof RolesSpec>): Grants {
  const out: Grants = {};
  for (const [cluster, g] of Object.entries(spec)) out[cluster] = typeof g === 'string' ? { role: g } : g;
  return out;
}

export interface AuthUser {
  name: string;
  passwordHash: string;
  grants: Grants;
}

export interface AuthToken {
  name: string;
  tokenHash: string;
  grants: Grants;
}

export interface RoleMapping {
  byGroup: Map<string, Grants>;
  defaults: Grants;
}

export interface AuthSettings {
  users: AuthUser[];
  tokens: AuthToken[];
  oidc: (Omit<z.infer<typeof Oidc>, 'clientSecret' | 'clientSecretEnv' | 'clientSecretFile' | 'roleMapping' | 'defaultRoles'> & { clientSecret: string | null; roles: RoleMapping }) | null;
  proxy: (Omit<z.infer<typeof Proxy>, 'roleMapping' | 'defaultRoles'> & { roles: RoleMapping }) | null;
  sessionMs: number;
  withholdMessagesFrom: Role[];
  auditMaxBytes: number;
  maxSessions: number;
}

function mapping(m: Record<string, z.infer<typeof RolesSpec>>, defaults: z.infer<typeof RolesSpec>): RoleMapping {
  return { byGroup: new Map(Object.entries(m).map(([k, v]) => [k, grantsOf(v)])), defaults: grantsOf(defaults) };
}

function secret(o: { clientSecret?: string; clientSecretEnv?: string; clientSecretFile?: string }, base: string): string | null {
  const given = [o.clientSecret, o.clientSecretEnv, o.clientSecretFile].filter((x) => x !== undefined).length;
  if (given > 1) throw new Error('auth.oidc: give one of clientSecret, clientSecretEnv or clientSecretFile');
  if (o.clientSecretEnv !== undefined) {
    const v = process.env[o.clientSecretEnv];
    if (v === undefined) throw new Error(`auth.oidc.clientSecretEnv: the environment variable ${o.clientSecretEnv} is not set`);
    return v;
  }
  if (o.clientSecretFile !== undefined) return fs.readFileSync(path.resolve(base, o.clientSecretFile), 'utf8').trim();
  return o.clientSecret ?? null;
}

/** The settings from the file's `auth` value (already parsed JSON); `base` resolves relative files. */
export function authSettings(raw: unknown, base: string): AuthSettings {
  const r = AuthSpec.safeParse(raw);
  if (!r.success) throw new Error(`auth: ${r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}`);
  const a: AuthSpec = r.data;
  return {
    users: a.users.map((u) => ({ name: u.name, passwordHash: u.passwordHash, grants: grantsOf(u.roles) })),
    tokens: a.tokens.map((t) => ({ name: t.name, tokenHash: t.tokenHash, grants: grantsOf(t.roles) })),
    oidc: a.oidc
      ? (() => {
          const { clientSecret: _s, clientSecretEnv: _e, clientSecretFile: _f, roleMapping, defaultRoles, ...rest } = a.oidc;
          return { ...rest, publicUrl: rest.publicUrl.replace(/\/+$/, ''), clientSecret: secret(a.oidc, base), roles: mapping(roleMapping, defaultRoles) };
        })()
      : null,
    proxy: a.proxy
      ? (() => {
          const { roleMapping, defaultRoles, ...rest } = a.proxy;
          return { ...rest, userHeader: rest.userHeader.toLowerCase(), groupsHeader: rest.groupsHeader.toLowerCase(), roles: mapping(roleMapping, defaultRoles) };
        })()
      : null,
    sessionMs: a.sessionHours * 3_600_000,
    withholdMessagesFrom: a.withholdMessagesFrom,
    auditMaxBytes: a.auditMaxBytes,
    maxSessions: a.maxSessions,
  };
}

/** The grants of someone in `groups`: the defaults, plus each of their groups'. */
export function grantsForGroups(m: RoleMapping, groups: string[]): Grants {
  const out: Record<string, Grant[]> = {};
  const merge = (gs: Grants) => {
    for (const [cluster, g] of Object.entries(gs)) (out[cluster] ??= []).push(...[g].flat());
  };
  merge(m.defaults);
  for (const g of new Set(groups)) {
    const gs = m.byGroup.get(g);
    if (gs) merge(gs);
  }
  return out;
}
