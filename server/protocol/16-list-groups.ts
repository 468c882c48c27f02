// ListGroups (key 16), v0–2. v1: throttle time; v2: no wire change.
import { api, array, int16, int32, since, string, struct } from './codec';

export const ListGroups = api({
  key: 16,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 2,
  request: struct({}),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    errorCode: int16,
    groups: array(struct({ groupId: string, protocolType: string })),
  }),
});
