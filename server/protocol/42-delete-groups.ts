// DeleteGroups (key 42), v0–2. v1: no wire change; v2: flexible.
import { api, array, int16, int32, string, struct } from './codec';

export const DeleteGroups = api({
  key: 42,
  name: 'DeleteGroups',
  minVersion: 0,
  maxVersion: 2,
  flexibleSince: 2,
  request: struct({
    /** Spelled so in Kafka's schema. */
    groupsNames: array(string),
  }),
  response: struct({
    throttleTimeMs: int32,
    results: array(struct({ groupId: string, errorCode: int16 })),
  }),
});
