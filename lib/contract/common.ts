// Shared pieces of the HTTP API contract. Offsets, counts and timestamps are JSON numbers;
// a value at or above 2^53 cannot be represented exactly and is refused, never rounded.
import { z } from 'zod';

export const safeInt = z.number().int().refine(Number.isSafeInteger, { message: 'must be below 2^53 (a Kafka offset never gets that large)' });
export const nonNegative = safeInt.refine((n) => n >= 0, { message: 'must be 0 or more' });

export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** Error codes the API answers with (`error.code`), besides Kafka's own error names. */
export const API_ERROR = {
  BAD_REQUEST: 'BAD_REQUEST',
  READ_ONLY: 'READ_ONLY',
  FORBIDDEN_ORIGIN: 'FORBIDDEN_ORIGIN',
  MISDIRECTED_REQUEST: 'MISDIRECTED_REQUEST',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NOT_FOUND: 'NOT_FOUND',
  CLUSTER_UNREACHABLE: 'CLUSTER_UNREACHABLE',
  INTERNAL: 'INTERNAL',
} as const;
