// SyncGroup (key 14), v0–5. v1: throttle time; v2: no wire change; v3: group instance id;
// v4: flexible; v5: protocol type and name both ways (KIP-559): the client says which it
// joined with (the coordinator refuses a mismatch), the answer says the group's.
import { api, array, bytes, int16, int32, nullableString, optional, since, string, struct } from './codec';

export const SyncGroup = api({
  key: 14,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 5,
  flexibleSince: 4,
  request: struct({
    groupId: string,
    generationId: int32,
    memberId: string,
    groupInstanceId: since(3, nullableString, null),
    /** v5+: what the JoinGroup answer said; null = not checked. */
    protocolType: optional(5, Infinity, nullableString, null),
    protocolName: optional(5, Infinity, nullableString, null),
    assignments: array(struct({ memberId: string, assignment: bytes })),
  }),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    errorCode: int16,
    /** v5+: the group's protocol type and name (null on an error). */
    protocolType: since(5, nullableString, null),
    protocolName: since(5, nullableString, null),
    assignment: bytes,
  }),
});
