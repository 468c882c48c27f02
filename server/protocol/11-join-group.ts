// JoinGroup (key 11), v0–9. v1: rebalance timeout; v2: throttle time; v3: no wire change;
// v4: no wire change (a new member must rejoin with the id it is given); v5: group instance
// id; v6: flexible; v7: protocol type in the answer, protocol name nullable (KIP-559); v8:
// the client's reason for (re)joining (KIP-800); v9: skipAssignment in the answer (a static
// leader rejoining must not assign again, KIP-814).
import { api, array, bool, byVersion, bytes, int16, int32, nullableString, optional, since, string, struct } from './codec';

export const JoinGroup = api({
  key: 11,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 9,
  flexibleSince: 6,
  request: struct({
    groupId: string,
    sessionTimeoutMs: int32,
    /** Absent in v0, where the session timeout is also the rebalance timeout. */
    rebalanceTimeoutMs: since(1, int32, -1),
    memberId: string,
    groupInstanceId: since(5, nullableString, null),
    protocolType: string,
    protocols: array(struct({ name: string, metadata: bytes })),
    /** v8+: why the member (re)joins, for the coordinator's log. */
    reason: optional(8, Infinity, nullableString, null),
  }),
  response: struct({
    throttleTimeMs: since(2, int32, 0),
    errorCode: int16,
    generationId: int32,
    /** v7+: the group's protocol type (null on an error). */
    protocolType: since(7, nullableString, null),
    /** The selected protocol; v7+ null on an error (before: a string, "" then). */
    protocolName: byVersion<string | null>((v) => (v >= 7 ? nullableString : string)),
    leader: string,
    /** v9+: the leader must not compute an assignment (it keeps the current one). */
    skipAssignment: since(9, bool, false),
    memberId: string,
    members: array(
      struct({
        memberId: string,
        groupInstanceId: since(5, nullableString, null),
        metadata: bytes,
      }),
    ),
  }),
});
