// LeaveGroup (key 13), v0–3. v1: throttle time; v2: no wire change; v3: a batch of members
// (member id + group instance id) replaces the single member id, with an error per member.
import { api, array, int16, int32, nullableString, since, string, struct, until } from './codec';

export const LeaveGroup = api({
  key: 13,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 3,
  request: struct({
    groupId: string,
    memberId: until(2, string, ''),
    members: since(3, array(struct({ memberId: string, groupInstanceId: nullableString })), []),
  }),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    errorCode: int16,
    members: since(3, array(struct({ memberId: string, groupInstanceId: nullableString, errorCode: int16 })), []),
  }),
});
