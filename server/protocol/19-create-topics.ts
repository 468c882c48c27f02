// CreateTopics (key 19), v0–4. v1: validate_only, error messages; v2: throttle time;
// v3: no wire change; v4: −1 partitions / replication factor = broker default.
import { api, array, bool, int16, int32, nullableString, since, string, struct } from './codec';

export const CreateTopics = api({
  key: 19,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 4,
  request: struct({
    topics: array(
      struct({
        name: string,
        numPartitions: int32,
        replicationFactor: int16,
        assignments: array(struct({ partitionIndex: int32, brokerIds: array(int32) })),
        configs: array(struct({ name: string, value: nullableString })),
      }),
    ),
    timeoutMs: int32,
    validateOnly: since(1, bool, false),
  }),
  response: struct({
    throttleTimeMs: since(2, int32, 0),
    topics: array(
      struct({
        name: string,
        errorCode: int16,
        errorMessage: since(1, nullableString, null),
      }),
    ),
  }),
});
