// The offset-reset part of the HTTP API contract (DESIGN.md's reset route), plus the
// reset audit records and the routes that delete a group or its offsets.
import { z } from 'zod';
import { safeInt } from './common';

export const RESET_STRATEGIES = ['to-earliest', 'to-latest', 'to-current', 'to-offset', 'shift-by', 'to-datetime', 'by-duration', 'from-file'] as const;
export type ResetStrategy = (typeof RESET_STRATEGIES)[number];

/** Kafka offsets are int64; a JSON number past 2^53 cannot be exact and is refused. */
const offsetNumber = safeInt;

export const ResetScope = z
  .object({
    topics: z.union([z.literal('all'), z.array(z.string().min(1).max(249)).max(10_000)]),
    /** Narrows a listed topic to these partitions. */
    partitions: z.record(z.string(), z.array(safeInt.refine((n) => n >= 0, { message: 'partitions are 0 or more' })).min(1)).optional(),
  })
  .strict();
export type ResetScope = z.infer<typeof ResetScope>;

/** POST /api/groups/{group}/reset */
export const ResetRequest = z
  .object({
    scope: ResetScope.optional(),
    strategy: z.enum(RESET_STRATEGIES),
    offset: offsetNumber.optional(),
    shiftBy: offsetNumber.optional(),
    /** ISO-8601; without a zone it is UTC. */
    datetime: z.string().max(64).optional(),
    /** ISO-8601 duration PnDTnHnMnS: now − duration. */
    duration: z.string().max(64).optional(),
    /** `topic,partition,offset` lines; the scope comes from the file. */
    csv: z.string().max(5_000_000).optional(),
    dryRun: z.boolean(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const need = (field: 'offset' | 'shiftBy' | 'datetime' | 'duration' | 'csv') => {
      if (r[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `${r.strategy} needs "${field}"` });
    };
    if (r.strategy === 'to-offset') need('offset');
    if (r.strategy === 'shift-by') need('shiftBy');
    if (r.strategy === 'to-datetime') need('datetime');
    if (r.strategy === 'by-duration') need('duration');
    if (r.strategy === 'from-file') need('csv');
    else if (!r.scope) ctx.addIssue({ code: 'custom', path: ['scope'], message: `${r.strategy} needs a scope ({"topics": "all"} or a list of topics)` });
  });
export type ResetRequest = z.infer<typeof ResetRequest>;

export const PlanRow = z.object({
  topic: z.string(),
  partition: z.number().int(),
  currentOffset: z.number().nullable(),
  /** null when this partition cannot be planned (see `error`). */
  newOffset: z.number().nullable(),
  lagBefore: z.number().nullable(),
  lagAfter: z.number().nullable(),
  logStartOffset: z.number(),
  logEndOffset: z.number(),
  warnings: z.array(z.string()),
  error: z.string().nullable(),
});
export type PlanRow = z.infer<typeof PlanRow>;

export const ActiveGroup = z.object({
  state: z.string(),
  members: z.array(z.object({ memberId: z.string(), clientId: z.string(), host: z.string() })),
});
export type ActiveGroup = z.infer<typeof ActiveGroup>;

export const ResetResponse = z.object({
  plan: z.array(PlanRow),
  applied: z.boolean(),
  active: ActiveGroup.optional(),
  /** The audit record of an applied reset. */
  auditId: z.string().optional(),
  /** Set when the reset was applied but its audit record could not be written (why). */
  auditError: z.string().optional(),
});
export type ResetResponse = z.infer<typeof ResetResponse>;

export const ResetAudit = z.object({
  id: z.string(),
  at: z.number(),
  groupId: z.string(),
  requestedBy: z.object({ address: z.string().nullable(), userAgent: z.string().nullable(), user: z.string().optional() }),
  request: z.unknown(),
  plan: z.array(PlanRow),
  /** Each partition's committed offset before the reset (null: it had none). */
  before: z.array(z.object({ topic: z.string(), partition: z.number().int(), offset: z.number().nullable() })),
});
export type ResetAudit = z.infer<typeof ResetAudit>;

/** GET /api/groups/{group}/resets: newest first. */
export const ResetAuditList = z.object({ resets: z.array(ResetAudit) });
export type ResetAuditList = z.infer<typeof ResetAuditList>;

/** DELETE /api/groups/{group}/offsets?topic= */
export const DeleteOffsetsQuery = z.object({ topic: z.string().min(1).max(249) });
