// LeaveGroup (key 13), v0–5. v1: throttle time; v2: no wire change; v3: a batch of members
// (member id + group instance id) replaces the single member id, with an error per member;
// v4: flexible; v5: each leaving member's reason (KIP-800).
import { api, array, int16, int32, nullableString, optional, since, string, struct, until } from './codec';

export const LeaveGroup = api({
  key: 13,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 5,
  flexibleSince: 4,
  request: struct({
    groupId: string,
    memberId: until(2, string, ''),
    members: since(
      3,
      array(
        struct({
          memberId: string,
          groupInstanceId: nullableString,
          /** v5+: why the member leaves, for the coordinator's log. */
          reason: optional(5, Infinity, nullableString, null),
        }),
      ),
      [],
    ),
  }),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    errorCode: int16,
    members: since(3, array(struct({ memberId: string, groupInstanceId: nullableString, errorCode: int16 })), []),
  }),
});
