// The consumer-groups part of the HTTP API contract.
import { z } from 'zod';

export const PARTITION_STATUSES = ['OK', 'WARN', 'STALL', 'STOP', 'REWIND'] as const;
export const GROUP_STATUSES = ['OK', 'WARN', 'ERR'] as const;
/** Classic groups' states, then those only KIP-848 consumer (and streams) groups have, then Unknown. */
export const GROUP_STATES = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Assigning', 'Reconciling', 'NotReady', 'Unknown'] as const;

/**
 * Set on a group whose coordinator could not be asked: its values are the last ones read
 * (at `valuesAt`; null when never read), not fresh. Every other group stays fresh.
 */
export const GroupUnavailable = z.object({
  /** The coordinator that did not answer (the last one known). */
  broker: z.number().int().nullable(),
  /** When the group was first seen unavailable (epoch ms, this dashboard run). */
  since: z.number(),
  message: z.string(),
  valuesAt: z.number().nullable(),
});
export type GroupUnavailable = z.infer<typeof GroupUnavailable>;

export const GroupSummary = z.object({
  groupId: z.string(),
  state: z.string(),
  /**
   * The group's type as the cluster's ListGroups (v5+, Kafka 3.7+) reports it: "classic",
   * "consumer" (KIP-848), or any other it names (e.g. "share"); "classic" for an older
   * cluster, which has no other kind.
   */
  type: z.string(),
  protocolType: z.string(),
  /** Member count. */
  members: z.number().int(),
  topics: z.array(z.string()),
  /** Σ lag over partitions with a commit; null when the group has no commits. */
  totalLag: z.number().nullable(),
  /** The worst partition's time lag (ms): from its record's timestamp, or estimated from the sampled log-end history. */
  maxTimeLagMs: z.number().nullable(),
  /** true when maxTimeLagMs is an estimate (lib/offsets/time-lag.ts), false when it is read from the record (or 0: caught up). */
  maxTimeLagEstimated: z.boolean(),
  status: z.enum(GROUP_STATUSES).nullable(),
  statusReason: z.string().nullable(),
  unavailable: GroupUnavailable.nullable(),
});
export type GroupSummary = z.infer<typeof GroupSummary>;

export const GROUP_SORT_KEYS = ['name', 'lag', 'timeLag', 'members'] as const;
export const GroupsQuery = z.object({
  q: z.string().max(255).optional(),
  state: z.enum(GROUP_STATES).optional(),
  sort: z.enum(GROUP_SORT_KEYS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
export type GroupsQuery = z.infer<typeof GroupsQuery>;

/** GET /api/groups */
export const GroupsResponse = z.object({
  groups: z.array(GroupSummary),
  total: z.number().int(),
  fetchedAt: z.number(),
});
export type GroupsResponse = z.infer<typeof GroupsResponse>;

const TopicPartitions = z.array(z.object({ topic: z.string(), partitions: z.array(z.number().int()) }));

/** What ConsumerGroupDescribe says of a member of a KIP-848 consumer group. */
export const ConsumerMemberInfo = z.object({
  /** group.instance.id of a static member. */
  instanceId: z.string().nullable(),
  /** The member's epoch: the group epoch it has caught up with (it lags the group's while it reconciles). */
  memberEpoch: z.number().int(),
  subscribedTopicNames: z.array(z.string()),
  subscribedTopicRegex: z.string().nullable(),
  /** What the broker's assignor gives it; `assignments` is what it owns now (they differ while it reconciles). */
  targetAssignments: TopicPartitions,
});
export type ConsumerMemberInfo = z.infer<typeof ConsumerMemberInfo>;

export const GroupMember = z.object({
  memberId: z.string(),
  clientId: z.string(),
  host: z.string(),
  /** The partitions the member owns now. */
  assignments: TopicPartitions,
  /** Set for a member of a KIP-848 consumer group; null for classic groups. */
  consumer: ConsumerMemberInfo.nullable(),
});
export type GroupMember = z.infer<typeof GroupMember>;

export const GroupPartition = z.object({
  topic: z.string(),
  partition: z.number().int(),
  logStartOffset: z.number().nullable(),
  committedOffset: z.number().nullable(),
  logEndOffset: z.number().nullable(),
  lag: z.number().nullable(),
  /** now − timestamp of the record at the committed offset; 0 when caught up. */
  timeLagMs: z.number().nullable(),
  /** true when the record could not be read and timeLagMs comes from sampled log-end offsets. */
  timeLagEstimated: z.boolean(),
  /** When the current committed offset was committed (epoch ms). */
  lastCommitAt: z.number().nullable(),
  /** The member that owns the partition now, if any. */
  owner: z.string().nullable(),
  status: z.enum(PARTITION_STATUSES).nullable(),
  statusReason: z.string().nullable(),
  /** A commit below log-start: records were deleted before the group read them. */
  lostToRetention: z.boolean(),
});
export type GroupPartition = z.infer<typeof GroupPartition>;

/** What ConsumerGroupDescribe says of a KIP-848 consumer group as a whole. */
export const ConsumerGroupInfo = z.object({
  /** Bumped by every change of membership or subscription. */
  groupEpoch: z.number().int(),
  /** The group epoch the current target assignment was computed for. */
  assignmentEpoch: z.number().int(),
  /** The server-side assignor ("uniform", "range"). */
  assignor: z.string(),
});
export type ConsumerGroupInfo = z.infer<typeof ConsumerGroupInfo>;

/** GET /api/groups/{group} */
export const GroupDetail = z.object({
  groupId: z.string(),
  state: z.string(),
  /** As in GroupSummary: "classic", "consumer" (KIP-848) or another type the cluster names. */
  type: z.string(),
  /** Set for a KIP-848 consumer group (read with ConsumerGroupDescribe); null otherwise. */
  consumer: ConsumerGroupInfo.nullable(),
  protocolType: z.string(),
  protocol: z.string(),
  members: z.array(GroupMember),
  offsets: z.array(GroupPartition),
  totalLag: z.number().nullable(),
  status: z.enum(GROUP_STATUSES).nullable(),
  statusReason: z.string().nullable(),
  /** true when commit times are the sampler's first sight, not the broker's record. */
  commitTimesApproximate: z.boolean(),
  /** How far lastCommitAt may be from the commit: 0 when read from __consumer_offsets, else the sample interval. */
  commitTimeResolutionMs: z.number().int().nonnegative(),
  /** Why commit times are approximate (e.g. no permission to read __consumer_offsets); null when they are exact. */
  commitTimesReason: z.string().nullable(),
  unavailable: GroupUnavailable.nullable(),
  fetchedAt: z.number(),
});
export type GroupDetail = z.infer<typeof GroupDetail>;

/** GET /api/groups/{group}/history: lag over time, per topic and for the group. */
export const GroupHistory = z.object({
  intervalMs: z.number(),
  /** How far back the history reaches under its byte bound: every sample for the last hour, then coarser (README). */
  retentionMs: z.number(),
  points: z.array(z.object({ t: z.number(), totalLag: z.number().nullable(), byTopic: z.record(z.string(), z.number()) })),
});
export type GroupHistory = z.infer<typeof GroupHistory>;
