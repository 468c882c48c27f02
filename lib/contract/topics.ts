// The topics part of the HTTP API contract: one schema per payload, used by the route
// handlers to parse and by the browser hooks to type (and check) what comes back.
import { z } from 'zod';
import { nonNegative, safeInt } from './common';
import { TOPIC_NAME_RULE, topicNameProblem } from '../topics/name';

export const TopicName = z.string().superRefine((name, ctx) => {
  const problem = topicNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const TopicSummary = z.object({
  name: z.string(),
  partitions: z.number().int(),
  underReplicated: z.number().int(),
  offline: z.number().int(),
  /** Σ (log-end − log-start): an offset span, not an exact record count. */
  messages: z.number(),
  /** Bytes on disk, null when the cluster does not say (DescribeLogDirs refused). */
  bytes: z.number().nullable(),
  internal: z.boolean(),
  /** null = unknown; −1 = forever. */
  retentionMs: z.number().nullable(),
});
export type TopicSummary = z.infer<typeof TopicSummary>;

export const TOPIC_SORT_KEYS = ['name', 'partitions', 'messages', 'bytes', 'retentionMs'] as const;
export const TopicsQuery = z.object({
  q: z.string().max(249).optional(),
  internal: z.enum(['true', 'false']).optional(),
  sort: z.enum(TOPIC_SORT_KEYS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
export type TopicsQuery = z.infer<typeof TopicsQuery>;

/** GET /api/topics */
export const TopicsResponse = z.object({
  topics: z.array(TopicSummary),
  /** Topics in the cluster before filtering (internal ones included). */
  total: z.number().int(),
  fetchedAt: z.number(),
});
export type TopicsResponse = z.infer<typeof TopicsResponse>;

const configValue = z.string().max(10_000);

/** POST /api/topics */
export const CreateTopicRequest = z
  .object({
    name: TopicName,
    partitions: safeInt.refine((n) => n >= 1 && n <= 100_000, { message: 'partitions must be between 1 and 100000' }),
    replicationFactor: safeInt.refine((n) => n >= 1 && n <= 32767, { message: 'replication factor must be between 1 and 32767' }),
    configs: z.record(z.string().min(1).max(249), configValue).optional(),
  })
  .strict();
export type CreateTopicRequest = z.infer<typeof CreateTopicRequest>;
export const CreateTopicResponse = z.object({ name: z.string() });

export const PartitionDetail = z.object({
  partition: z.number().int(),
  leader: z.number().int(),
  replicas: z.array(z.number().int()),
  isr: z.array(z.number().int()),
  offlineReplicas: z.array(z.number().int()),
  logStartOffset: z.number().nullable(),
  logEndOffset: z.number().nullable(),
  messages: z.number().nullable(),
  bytes: z.number().nullable(),
});
export type PartitionDetail = z.infer<typeof PartitionDetail>;

export const ConfigEntry = z.object({
  name: z.string(),
  value: z.string().nullable(),
  /** 'default' or 'set' (a topic override), plus Kafka's other sources on real clusters. */
  source: z.string(),
  readOnly: z.boolean(),
  sensitive: z.boolean(),
});
export type ConfigEntry = z.infer<typeof ConfigEntry>;

/** GET /api/topics/{topic} */
export const TopicDetail = z.object({
  name: z.string(),
  internal: z.boolean(),
  partitions: z.array(PartitionDetail),
  configs: z.array(ConfigEntry),
  groups: z.array(z.object({ groupId: z.string(), offsets: z.array(z.object({ partition: z.number().int(), committedOffset: z.number().nullable() })) })),
  fetchedAt: z.number(),
});
export type TopicDetail = z.infer<typeof TopicDetail>;

/** PATCH /api/topics/{topic}/configs: sets the named configs (null puts one back to its default); every other override stays as it is. */
export const PatchConfigsRequest = z.object({ configs: z.record(z.string().min(1).max(249), configValue.nullable()) }).strict();
export type PatchConfigsRequest = z.infer<typeof PatchConfigsRequest>;

/** POST /api/topics/{topic}/partitions: the new total. */
export const AddPartitionsRequest = z.object({ count: safeInt.refine((n) => n >= 1 && n <= 100_000, { message: 'count must be between 1 and 100000' }) }).strict();
export type AddPartitionsRequest = z.infer<typeof AddPartitionsRequest>;

/** POST /api/topics/{topic}/delete-records */
export const DeleteRecordsRequest = z
  .object({ partitions: z.array(z.object({ partition: nonNegative, beforeOffset: nonNegative }).strict()).min(1).max(100_000) })
  .strict();
export type DeleteRecordsRequest = z.infer<typeof DeleteRecordsRequest>;
export const DeleteRecordsResponse = z.object({ partitions: z.array(z.object({ partition: z.number().int(), logStartOffset: z.number() })) });
export type DeleteRecordsResponse = z.infer<typeof DeleteRecordsResponse>;

export { TOPIC_NAME_RULE };
