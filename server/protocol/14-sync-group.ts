// SyncGroup (key 14), v0–3. v1: throttle time; v2: no wire change; v3: group instance id.
import { api, array, bytes, int16, int32, nullableString, since, string, struct } from './codec';

export const SyncGroup = api({
  key: 14,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 3,
  request: struct({
    groupId: string,
    generationId: int32,
    memberId: string,
    groupInstanceId: since(3, nullableString, null),
    assignments: array(struct({ memberId: string, assignment: bytes })),
  }),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    errorCode: int16,
    assignment: bytes,
  }),
});
