// Failures the dashboard's cluster access can end in. server/kafka knows nothing of HTTP:
// server/http/api.ts turns these into statuses at the edge (DESIGN.md): 503 when the
// cluster cannot be reached, Kafka error codes sorted into 400 / 403 / 404 / 409, and a
// Refusal's kind into its status.
import { ErrorCode, errorName } from '../protocol/errors';

// Next.js bundles each route separately while the cluster connection is shared on
// globalThis, so an error may come from another bundle's copy of these classes:
// `instanceof` would fail. The brand (a registered symbol) identifies them everywhere.
const BRAND = Symbol.for('offsetscope.error');

export class ClusterUnreachableError extends Error {
  readonly [BRAND] = 'ClusterUnreachableError';
  constructor(message: string) {
    super(message);
    this.name = 'ClusterUnreachableError';
  }
}

/** How a refused request failed, independent of the transport that reports it. */
export type RefusalKind = 'invalid' | 'not-found' | 'conflict' | 'too-large' | 'forbidden' | 'unavailable';

/**
 * A request the dashboard refuses for a reason of its own (bad input, a limit, a group
 * that is active): a stable code the API answers with, a message for people, and
 * optional details (e.g. the members of an active group).
 */
export class Refusal extends Error {
  readonly [BRAND] = 'Refusal';
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export function isRefusal(e: unknown): e is Refusal {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === 'Refusal';
}

export function isClusterUnreachable(e: unknown): e is ClusterUnreachableError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === 'ClusterUnreachableError';
}
export function isKafkaApiError(e: unknown): e is KafkaApiError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === 'KafkaApiError';
}

export class KafkaApiError extends Error {
  readonly [BRAND] = 'KafkaApiError';
  constructor(
    readonly code: number,
    message: string | null,
    readonly context = '',
  ) {
    super(message || `${errorName(code)}${context ? ` (${context})` : ''}`);
    this.name = 'KafkaApiError';
  }
  get codeName(): string {
    return errorName(this.code);
  }
}

const NOT_FOUND: number[] = [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.GROUP_ID_NOT_FOUND];
const CONFLICT: number[] = [ErrorCode.TOPIC_ALREADY_EXISTS, ErrorCode.NON_EMPTY_GROUP, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, ErrorCode.REBALANCE_IN_PROGRESS];
const FORBIDDEN: number[] = [ErrorCode.TOPIC_AUTHORIZATION_FAILED, ErrorCode.GROUP_AUTHORIZATION_FAILED, ErrorCode.CLUSTER_AUTHORIZATION_FAILED];
const UNAVAILABLE: number[] = [
  ErrorCode.LEADER_NOT_AVAILABLE,
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.REQUEST_TIMED_OUT,
  ErrorCode.COORDINATOR_LOAD_IN_PROGRESS,
  ErrorCode.COORDINATOR_NOT_AVAILABLE,
  ErrorCode.NOT_COORDINATOR,
  ErrorCode.NOT_CONTROLLER,
  ErrorCode.KAFKA_STORAGE_ERROR,
];

export function httpStatusForKafkaError(code: number): number {
  if (NOT_FOUND.includes(code)) return 404;
  if (CONFLICT.includes(code)) return 409;
  if (FORBIDDEN.includes(code)) return 403;
  if (UNAVAILABLE.includes(code)) return 503;
  if (code === ErrorCode.UNKNOWN_SERVER_ERROR) return 502;
  return 400;
}
