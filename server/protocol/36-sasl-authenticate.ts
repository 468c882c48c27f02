// SaslAuthenticate (key 36), v0–2: one SASL token each way per request. v1: the session
// lifetime (0 = no re-authentication required); v2: flexible.
import { api, bytes, int16, int64, nullableString, since, struct } from './codec';

export const SaslAuthenticate = api({
  key: 36,
  name: 'SaslAuthenticate',
  minVersion: 0,
  maxVersion: 2,
  flexibleSince: 2,
  request: struct({ authBytes: bytes }),
  response: struct({
    errorCode: int16,
    errorMessage: nullableString,
    authBytes: bytes,
    sessionLifetimeMs: since(1, int64, 0),
  }),
});
