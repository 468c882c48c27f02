// CreatePartitions (key 37), v0–3. v1: no wire change; v2: flexible; v3: no wire change
// (THROTTLING_QUOTA_EXCEEDED may be answered, KIP-599).
import { api, array, bool, int16, int32, nullableArray, nullableString, string, struct } from './codec';

export const CreatePartitions = api({
  key: 37,
  name: 'CreatePartitions',
  minVersion: 0,
  maxVersion: 3,
  flexibleSince: 2,
  request: struct({
    topics: array(
      struct({
        name: string,
        count: int32,
        assignments: nullableArray(struct({ brokerIds: array(int32) })),
      }),
    ),
    timeoutMs: int32,
    validateOnly: bool,
  }),
  response: struct({
    throttleTimeMs: int32,
    results: array(struct({ name: string, errorCode: int16, errorMessage: nullableString })),
  }),
});
