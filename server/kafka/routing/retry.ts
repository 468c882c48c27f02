// Which failures are worth another try, and how long to wait before it. Kafka marks these
// errors retriable: a leader or coordinator that moved, is loading, or did not answer in
// time; a connection that failed. Everything else (bad input, missing topic, no
// permission) fails at once.
import { ErrorCode } from '../../protocol/errors';
import { isClusterUnreachable, isKafkaApiError } from '../errors';

/** A group's coordinator moved, is loading or is away: find it again and retry. */
export const COORDINATOR_CODES: ReadonlySet<number> = new Set([ErrorCode.NOT_COORDINATOR, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, ErrorCode.COORDINATOR_NOT_AVAILABLE]);

export const RETRIABLE_CODES: ReadonlySet<number> = new Set([
  ...COORDINATOR_CODES,
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.LEADER_NOT_AVAILABLE,
  ErrorCode.REQUEST_TIMED_OUT,
]);

export function isRetriable(e: unknown): boolean {
  if (isKafkaApiError(e)) return RETRIABLE_CODES.has(e.code);
  return isClusterUnreachable(e);
}

/** Doubling waits from 50 ms: short enough for a page's request, long enough for a leader election's metadata to settle. */
export function backoff(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
}
