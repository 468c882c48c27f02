// The lab part of the HTTP API contract: consumer members that run in the dashboard's
// server on behalf of one browser page (its `session`), polled and committed by hand.
import { z } from 'zod';
import { ASSIGNORS } from '../groups/assignors';
import { nonNegative, safeInt } from './common';
import { Message } from './messages';

export const LAB_POLL_MAX = 500;
export const LAB_MEMBERS_PER_SESSION_MAX = 8;
/** Brokers refuse session timeouts outside their group.min/max.session.timeout.ms (Kafka: 6 s–30 min). */
export const LAB_SESSION_TIMEOUT_DEFAULT_MS = 10_000;

const sessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'session must be 8–64 letters, digits, - or _');

export const LabMemberState = z.enum(['joining', 'stable', 'rebalancing', 'killed', 'left', 'failed']);
export type LabMemberState = z.infer<typeof LabMemberState>;

export const LabPartition = z.object({
  partition: z.number().int(),
  /** The next offset this member will fetch (its position). */
  position: z.number().nullable(),
  /** The group's committed offset as this member last read or wrote it. */
  committed: z.number().nullable(),
  /** Records polled but not committed yet: position − committed. */
  uncommitted: z.number().int(),
});

export const LabCommit = z.object({
  at: z.number(),
  offsets: z.array(z.object({ partition: z.number().int(), offset: z.number() })),
  auto: z.boolean(),
  /** Null when the broker took every offset; otherwise why it refused. */
  error: z.string().nullable(),
});
export type LabCommit = z.infer<typeof LabCommit>;

export const LabMember = z.object({
  id: z.string(),
  session: z.string(),
  groupId: z.string(),
  topic: z.string(),
  clientId: z.string(),
  /** The id the coordinator gave this member; empty until it has joined. */
  memberId: z.string(),
  generationId: z.number().int(),
  leader: z.boolean(),
  assignor: z.enum(ASSIGNORS),
  state: LabMemberState,
  error: z.string().nullable(),
  autoCommit: z.boolean(),
  autoCommitIntervalMs: z.number().int(),
  sessionTimeoutMs: z.number().int(),
  /** When the coordinator last accepted a heartbeat (epoch ms). */
  lastHeartbeatAt: z.number().nullable(),
  /** For a killed member: when the coordinator's session timeout runs out (epoch ms). */
  expiresAt: z.number().nullable(),
  partitions: z.array(LabPartition),
  lastCommit: LabCommit.nullable(),
  startedAt: z.number(),
});
export type LabMember = z.infer<typeof LabMember>;

/** GET /api/lab/members?session= */
export const LabMembersQuery = z.object({ session: sessionId });
export const LabMembersResponse = z.object({ members: z.array(LabMember), idleTimeoutMs: z.number().int() });
export type LabMembersResponse = z.infer<typeof LabMembersResponse>;

/** POST /api/lab/members */
export const StartLabMember = z.object({
  session: sessionId,
  topic: z.string().min(1).max(249),
  groupId: z.string().min(1).max(255),
  sessionTimeoutMs: safeInt.refine((n) => n >= 1000 && n <= 300_000, { message: 'sessionTimeoutMs must be 1 s–5 min' }).default(LAB_SESSION_TIMEOUT_DEFAULT_MS),
  autoCommit: z.boolean().default(false),
  autoCommitIntervalMs: safeInt.refine((n) => n >= 500 && n <= 60_000, { message: 'autoCommitIntervalMs must be 0.5–60 s' }).default(5000),
  /** Where a partition without a committed offset starts (auto.offset.reset). */
  autoOffsetReset: z.enum(['earliest', 'latest']).default('earliest'),
  assignor: z.enum(ASSIGNORS).default('range'),
});
export type StartLabMember = z.infer<typeof StartLabMember>;
export const StartLabMemberResponse = z.object({ member: LabMember });

/** POST /api/lab/members/{id}: one action on a member. */
export const LabAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('poll'), max: safeInt.refine((n) => n >= 1 && n <= LAB_POLL_MAX, { message: `max must be 1–${LAB_POLL_MAX}` }).default(5) }),
  z.object({ action: z.literal('commit') }),
  z.object({ action: z.literal('auto-commit'), enabled: z.boolean() }),
  /** Stops heartbeating and drops the connection without LeaveGroup, like a crashed process. */
  z.object({ action: z.literal('kill') }),
  /** LeaveGroup (after a last commit when auto-commit is on), as a clean shutdown. */
  z.object({ action: z.literal('leave') }),
  /** Forget a member that was killed or left. */
  z.object({ action: z.literal('remove') }),
]);
export type LabAction = z.infer<typeof LabAction>;

export const LabActionResponse = z.object({
  member: LabMember.nullable(),
  /** For poll: the records fetched, in the order the member processed them. */
  records: z.array(Message).optional(),
});
export type LabActionResponse = z.infer<typeof LabActionResponse>;

