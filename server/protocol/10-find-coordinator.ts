// FindCoordinator (key 10), v0–4. v1: key type (0 = group, 1 = transaction), throttle time,
// error message; v2: no wire change; v3: flexible; v4: many keys in one request
// (`coordinatorKeys`), answered per key in `coordinators`, replacing key and the top-level
// answer (KIP-699). (v5 only adds a transaction error code, v6 share-group keys: not spoken.)
import { api, array, int16, int32, int8, nullableString, optional, since, string, struct, type Infer } from './codec';
import { ProtocolError } from './primitives';

const coordinator = struct({
  key: string,
  nodeId: int32,
  host: string,
  port: int32,
  errorCode: int16,
  errorMessage: nullableString,
});

export const FindCoordinator = api({
  key: 10,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 4,
  flexibleSince: 3,
  request: struct({
    /** v0–3: the one key asked about. */
    key: optional(0, 3, string, ''),
    keyType: since(1, int8, 0),
    /** v4+: every key asked about. */
    coordinatorKeys: optional(4, Infinity, array(string), []),
  }),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    /** v0–3: the answer for the one key. */
    errorCode: optional(0, 3, int16, 0),
    errorMessage: optional(1, 3, nullableString, null),
    nodeId: optional(0, 3, int32, -1),
    host: optional(0, 3, string, ''),
    port: optional(0, 3, int32, -1),
    /** v4+: one answer per key asked. */
    coordinators: optional(4, Infinity, array(coordinator), []),
  }),
});

type Request = Infer<(typeof FindCoordinator)['request']>;
type Response = Infer<(typeof FindCoordinator)['response']>;
export type CoordinatorAnswer = Infer<typeof coordinator>;

/** A request for one group's coordinator that reads right in every version (v0–3: key; v4+: coordinatorKeys). */
export function oneKeyRequest(key: string, keyType = 0): Request {
  return { key, keyType, coordinatorKeys: [key] };
}

/**
 * One key's answer from either shape: v4+ answers each key asked in `coordinators`, v0–3
 * answer the one key at the top level (and `coordinators` reads as empty). An answer
 * without the key is an error.
 */
export function keyAnswer(res: Response, key: string): CoordinatorAnswer {
  const listed = res.coordinators ?? [];
  if (listed.length > 0) {
    const c = listed.find((x) => x.key === key);
    if (!c) throw new ProtocolError(`FindCoordinator answer has no entry for key ${key}`);
    return c;
  }
  const errorCode = res.errorCode ?? 0;
  const nodeId = res.nodeId ?? -1;
  // a v4 answer that left every key out reads as a top-level success without a node
  if (errorCode === 0 && nodeId < 0) throw new ProtocolError(`FindCoordinator answer has no entry for key ${key}`);
  return { key, nodeId, host: res.host ?? '', port: res.port ?? -1, errorCode, errorMessage: res.errorMessage ?? null };
}
