// The search part of the HTTP API contract: POST /api/topics/{topic}/search runs a CEL
// filter expression on the server while it scans, and answers NDJSON (one SearchEvent per
// line) as it goes. Budgets bound every scan; each has a default and a server-side cap.
import { z } from 'zod';
import { nonNegative, safeInt } from './common';
import { Message } from './messages';

export const SEARCH_CAPS = {
  /** Characters of an expression. */
  expressionChars: 2000,
  /** Brackets, calls and operators nested inside each other. */
  nesting: 32,
  maxMatches: 10_000,
  maxScanned: 5_000_000,
  maxMillis: 120_000,
} as const;

export const SEARCH_DEFAULTS = { maxMatches: 500, maxScanned: 100_000, maxMillis: 10_000 } as const;

const within = (name: string, max: number) => safeInt.refine((n) => n >= 1 && n <= max, { message: `${name} must be 1–${max.toLocaleString('en-US')}` });

/** Where the scan starts in each partition: its oldest record, its newest (scanning backwards), an offset or a time. */
export const SearchStart = z.union([
  z.enum(['oldest', 'newest']),
  z.object({ offset: nonNegative }).strict(),
  /** Epoch ms or ISO-8601 (no zone = UTC). */
  z.object({ timestamp: z.union([nonNegative, z.string().max(40)]) }).strict(),
]);
export type SearchStart = z.infer<typeof SearchStart>;

export const SearchRequest = z
  .object({
    /** A CEL expression over key, value, headers, partition, offset, timestamp and size; empty matches every record. */
    expression: z.string().max(SEARCH_CAPS.expressionChars, { message: `expression must be at most ${SEARCH_CAPS.expressionChars} characters` }),
    partitions: z.array(nonNegative).max(100_000).optional(),
    start: SearchStart.default('oldest'),
    maxMatches: within('maxMatches', SEARCH_CAPS.maxMatches).default(SEARCH_DEFAULTS.maxMatches),
    maxScanned: within('maxScanned', SEARCH_CAPS.maxScanned).default(SEARCH_DEFAULTS.maxScanned),
    maxMillis: within('maxMillis', SEARCH_CAPS.maxMillis).default(SEARCH_DEFAULTS.maxMillis),
  })
  .strict();
/** What a client sends (defaults applied by the server). */
export type SearchRequestInput = z.input<typeof SearchRequest>;

export const SEARCH_END_REASONS = ['end', 'maxMatches', 'maxScanned', 'maxMillis', 'cancelled'] as const;
export type SearchEndReason = (typeof SEARCH_END_REASONS)[number];

const Counts = {
  /** Records read and tested so far. */
  scanned: z.number().int(),
  /** Records in the ranges to scan, as the log offsets said when the scan began. */
  total: z.number().int(),
  matches: z.number().int(),
  elapsedMs: z.number().int(),
};

export const SearchEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), ...Counts }),
  z.object({ type: z.literal('match'), message: Message }),
  z.object({
    type: z.literal('end'),
    reason: z.enum(SEARCH_END_REASONS),
    ...Counts,
    /** Records the expression could not test (a missing field, a type mismatch, no boolean): not matches. */
    problems: z.number().int().optional(),
    /** The first of them, with its partition and offset. */
    firstProblem: z.string().optional(),
  }),
  /** The scan failed part-way (a broker went away); no end event follows. */
  z.object({ type: z.literal('error'), code: z.string(), message: z.string(), ...Counts }),
]);
export type SearchEvent = z.infer<typeof SearchEvent>;

/** The 400 answer to an expression that does not parse: where, counted from 1. */
export const ExpressionErrorDetail = z.object({ line: z.number().int(), column: z.number().int(), offset: z.number().int() });
export type ExpressionErrorDetail = z.infer<typeof ExpressionErrorDetail>;
