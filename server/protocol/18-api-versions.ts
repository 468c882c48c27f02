// ApiVersions (key 18). v0: error + api ranges; v1: throttle time; v2: same as v1.
// v3 is flexible and is not decoded here: the broker answers it with UNSUPPORTED_VERSION
// and a v0 body (see server/broker/handlers/18-api-versions.ts), and clients fall back.
import { api, array, int16, int32, struct, since } from './codec';

export const apiVersionRange = struct({
  apiKey: int16,
  minVersion: int16,
  maxVersion: int16,
});

export const ApiVersions = api({
  key: 18,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 2,
  request: struct({}),
  response: struct({
    errorCode: int16,
    apiKeys: array(apiVersionRange),
    throttleTimeMs: since(1, int32, 0),
  }),
});
