// ListGroups (key 16), v0–5. v1: throttle time; v2: no wire change; v3: flexible; v4: a
// states filter, and each group's state in the answer (KIP-518); v5: a types filter, and
// each group's type ("classic", "consumer", "share"…) in the answer (KIP-848).
import { api, array, int16, int32, optional, since, string, struct } from './codec';

export const ListGroups = api({
  key: 16,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 5,
  flexibleSince: 3,
  request: struct({
    /** v4+: only groups in these states (empty = all). */
    statesFilter: optional(4, Infinity, array(string), []),
    /** v5+: only groups of these types (empty = all). */
    typesFilter: optional(5, Infinity, array(string), []),
  }),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    errorCode: int16,
    groups: array(
      struct({
        groupId: string,
        protocolType: string,
        // Read as undefined from a version without them: an older broker does not say
        // (an answer from before v5 means a cluster with classic groups only).
        /** v4+. */
        groupState: optional<string | undefined>(4, Infinity, string, undefined),
        /** v5+. */
        groupType: optional<string | undefined>(5, Infinity, string, undefined),
      }),
    ),
  }),
});
