// The messages part of the HTTP API contract: browse, tail and produce.
import { z } from 'zod';
import { nonNegative, safeInt } from './common';

export const Encoding = z.enum(['utf8', 'base64']);

export const Message = z.object({
  partition: z.number().int(),
  offset: z.number(),
  timestamp: z.number(),
  timestampType: z.enum(['CreateTime', 'LogAppendTime']),
  /** UTF-8 text when valid UTF-8 (keyEncoding "utf8"), else base64; null = no key. */
  key: z.string().nullable(),
  keyEncoding: Encoding.nullable(),
  value: z.string().nullable(),
  valueEncoding: Encoding.nullable(),
  headers: z.array(z.object({ key: z.string(), value: z.string().nullable(), valueEncoding: Encoding.nullable() })),
  /** Key + value + headers bytes (uncompressed). */
  size: z.number().int(),
  /** When the value was longer than maxValueBytes, the bytes left out. */
  truncated: z.number().int().optional(),
});
export type Message = z.infer<typeof Message>;

export const MESSAGE_LIMIT_MAX = 500;

/** GET /api/topics/{topic}/messages */
export const MessagesQuery = z.object({
  partition: z.coerce.number().pipe(nonNegative).optional(),
  from: z.enum(['newest', 'oldest', 'offset', 'timestamp']).default('newest'),
  offset: z.coerce.number().pipe(nonNegative).optional(),
  /** Epoch ms or ISO-8601 (no zone = UTC). */
  timestamp: z.string().max(40).optional(),
  limit: z.coerce.number().pipe(safeInt).refine((n) => n >= 1 && n <= MESSAGE_LIMIT_MAX, { message: `limit must be 1–${MESSAGE_LIMIT_MAX}` }).default(50),
  /** Text to look for in key, value and header values. */
  q: z.string().max(200).optional(),
  /** Values longer than this are cut (default 64 KiB). */
  maxValueBytes: z.coerce.number().pipe(safeInt).refine((n) => n >= 16 && n <= 10 * 1024 * 1024, { message: 'maxValueBytes must be 16 B–10 MiB' }).optional(),
});
export type MessagesQuery = z.infer<typeof MessagesQuery>;

export const MessagesResponse = z.object({
  messages: z.array(Message),
  /**
   * Where to continue, per partition. Oldest-first reads (oldest, offset, timestamp): the
   * offset the next page starts at. Newest-first reads: the lowest offset read, so the
   * older page is the offsets before it (exclusive).
   */
  next: z.record(z.string(), z.number()).nullable(),
  /** How many records were read to find these (filters scan a bounded window). */
  scanned: z.number().int(),
  fetchedAt: z.number(),
});
export type MessagesResponse = z.infer<typeof MessagesResponse>;

export const PRODUCE_COUNT_MAX = 100_000;

/**
 * POST /api/topics/{topic}/messages. In key, value and header values, {{i}} (the copy's
 * number from 0), {{uuid}} (a random UUID) and {{now}} (ISO-8601 time) are filled per copy.
 * `encoding` applies to key, value and header values alike.
 */
export const ProduceRequest = z
  .object({
    partition: nonNegative.optional(),
    partitioner: z.enum(['murmur2', 'round-robin']).optional(),
    key: z.string().max(1_000_000).nullable().optional(),
    value: z.string().max(10_000_000).nullable(),
    valueFormat: z.enum(['text', 'json']).optional(),
    encoding: Encoding.optional(),
    headers: z.array(z.object({ key: z.string().min(1).max(10_000), value: z.string().max(1_000_000).nullable() }).strict()).max(1000).optional(),
    compression: z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd']).optional(),
    count: safeInt.refine((n) => n >= 1 && n <= PRODUCE_COUNT_MAX, { message: `count must be 1–${PRODUCE_COUNT_MAX}` }).optional(),
    /** The {{i}} of the first copy (default 0), so a large N sent in several requests keeps counting; round-robin starts there too. */
    indexFrom: nonNegative.optional(),
  })
  .strict();
export type ProduceRequest = z.infer<typeof ProduceRequest>;

export const ProduceResponse = z.object({
  count: z.number().int(),
  results: z.array(z.object({ partition: z.number().int(), firstOffset: z.number(), lastOffset: z.number(), count: z.number().int() })),
});
export type ProduceResponse = z.infer<typeof ProduceResponse>;
