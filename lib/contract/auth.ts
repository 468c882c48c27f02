// The login and audit parts of the HTTP API contract.
import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../auth/permissions';

/** POST /api/auth/login */
export const LoginRequest = z.object({ name: z.string().min(1).max(200), password: z.string().min(1).max(1024) }).strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

/** GET /api/auth/me: who is logged in and what they may do on each cluster. */
export const MeResponse = z.object({
  /** false: no login is configured (everyone may do what READ_ONLY allows). */
  enabled: z.boolean(),
  user: z.object({ name: z.string(), kind: z.enum(['user', 'oidc', 'proxy', 'token']) }).nullable(),
  /** Send it as x-csrf-token with every change (cookie sessions only; null otherwise). */
  csrfToken: z.string().nullable(),
  /** The clusters the person may read (every one without a login). */
  clusters: z.array(z.object({ id: z.string(), role: z.enum(ROLES).nullable(), permissions: z.array(z.enum(PERMISSIONS)) })),
  /** The cluster the unprefixed pages and routes serve. */
  defaultCluster: z.string(),
  /** Whether logging out goes through the OpenID provider. */
  oidc: z.boolean(),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** GET /api/auth/methods (public): how the login page offers to log in. */
export const LoginMethods = z.object({ password: z.boolean(), oidc: z.object({ label: z.string() }).nullable() });
export type LoginMethods = z.infer<typeof LoginMethods>;

export const AUDIT_ACTIONS = [
  'login',
  'login-failed',
  'logout',
  'topic.create',
  'topic.configs',
  'topic.partitions',
  'topic.delete',
  'topic.delete-records',
  'topic.produce',
  'group.reset',
  'group.delete',
  'group.delete-offsets',
  'lab.join',
  'lab.action',
  'lab.end',
  'demo.start',
] as const;

/** One line of the audit trail. */
export const AuditEntry = z.object({
  at: z.number(),
  /** The user (a token's name for scripts); null without a login, or for a failed login's unknown person. */
  user: z.string().nullable(),
  /** The socket's address, or the client's from a trusted proxy. */
  address: z.string().nullable(),
  cluster: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  /** What was changed: a topic, a group, a user name. */
  target: z.string().nullable(),
  /** Short facts about the change (counts, strategies); never message contents or secrets. */
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  user: z.string().max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
});

/** GET /api/audit: newest first. */
export const AuditResponse = z.object({ entries: z.array(AuditEntry), maxBytes: z.number() });
export type AuditResponse = z.infer<typeof AuditResponse>;
