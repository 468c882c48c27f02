// SaslHandshake (key 17), v0–1 (the same on the wire): the client names a mechanism and
// learns the broker's. After v1 the exchange runs in SaslAuthenticate requests; after v0
// it would run as raw SASL tokens, which the broker does not serve (librdkafka still needs
// v0 in the advertised range before it uses v1).
import { api, array, int16, string, struct } from './codec';

export const SaslHandshake = api({
  key: 17,
  name: 'SaslHandshake',
  minVersion: 0,
  maxVersion: 1,
  request: struct({ mechanism: string }),
  response: struct({ errorCode: int16, mechanisms: array(string) }),
});
