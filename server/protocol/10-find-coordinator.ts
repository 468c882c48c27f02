// FindCoordinator (key 10), v0–2. v1: key type (0 = group, 1 = transaction), throttle time,
// error message; v2: no wire change (v3 is flexible, v4 batches keys).
import { api, int16, int32, int8, nullableString, since, string, struct } from './codec';

export const FindCoordinator = api({
  key: 10,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 2,
  request: struct({
    key: string,
    keyType: since(1, int8, 0),
  }),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    errorCode: int16,
    errorMessage: since(1, nullableString, null),
    nodeId: int32,
    host: string,
    port: int32,
  }),
});
