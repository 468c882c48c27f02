// Heartbeat (key 12), v0–4. v1: throttle time; v2: no wire change; v3: group instance id;
// v4: flexible.
import { api, int16, int32, nullableString, since, string, struct } from './codec';

export const Heartbeat = api({
  key: 12,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 4,
  flexibleSince: 4,
  request: struct({
    groupId: string,
    generationId: int32,
    memberId: string,
    groupInstanceId: since(3, nullableString, null),
  }),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    errorCode: int16,
  }),
});
