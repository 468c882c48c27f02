// Failures the dashboard's cluster access can end in, each mapped to what the HTTP API
// answers (DESIGN.md): 503 when the cluster cannot be reached, and the Kafka error codes
// sorted into 400 / 403 / 404 / 409.
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
