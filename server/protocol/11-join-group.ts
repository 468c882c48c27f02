// JoinGroup (key 11), v0–5. v1: rebalance timeout; v2: throttle time; v3: no wire change;
// v4: no wire change (a new member must rejoin with the id it is given); v5: group instance id.
import { api, array, bytes, int16, int32, nullableString, since, string, struct } from './codec';

export const JoinGroup = api({
  key: 11,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 5,
  request: struct({
    groupId: string,
    sessionTimeoutMs: int32,
    /** Absent in v0, where the session timeout is also the rebalance timeout. */
    rebalanceTimeoutMs: since(1, int32, -1),
    memberId: string,
    groupInstanceId: since(5, nullableString, null),
    protocolType: string,
    protocols: array(struct({ name: string, metadata: bytes })),
  }),
  response: struct({
    throttleTimeMs: since(2, int32, 0),
    errorCode: int16,
    generationId: int32,
    protocolName: string,
    leader: string,
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
