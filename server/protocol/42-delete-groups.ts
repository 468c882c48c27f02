// DeleteGroups (key 42), v0–1 (v1: no wire change).
import { api, array, int16, int32, string, struct } from './codec';

export const DeleteGroups = api({
  key: 42,
  name: 'DeleteGroups',
  minVersion: 0,
  maxVersion: 1,
  request: struct({
    /** Spelled so in Kafka's schema. */
    groupsNames: array(string),
  }),
  response: struct({
    throttleTimeMs: int32,
    results: array(struct({ groupId: string, errorCode: int16 })),
  }),
});
