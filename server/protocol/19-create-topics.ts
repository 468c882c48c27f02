// CreateTopics (key 19), v0–7. v1: validate_only, error messages; v2: throttle time;
// v3: no wire change; v4: −1 partitions / replication factor = broker default; v5:
// flexible, and the answer describes the created topic (partitions, replication factor,
// configs, or a tagged TopicConfigErrorCode saying why the configs are missing; KIP-525);
// v6: no wire change (THROTTLING_QUOTA_EXCEEDED may be answered, KIP-599); v7: the
// created topic's id.
import { ZERO_UUID, api, array, bool, int16, int32, int8, nullableArray, nullableString, since, string, struct, tagged, uuid } from './codec';

const createdConfig = struct({
  name: string,
  value: nullableString,
  readOnly: bool,
  /** DescribeConfigs' source ids: 1 topic override, 5 default, …; −1 unknown. */
  configSource: int8,
  isSensitive: bool,
});

export const CreateTopics = api({
  key: 19,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 7,
  flexibleSince: 5,
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
        /** v7+; all zeros when nothing was created. */
        topicId: since(7, uuid, ZERO_UUID),
        errorCode: int16,
        errorMessage: since(1, nullableString, null),
        /** v5+ (tag 0): why `configs` is left out (e.g. TOPIC_AUTHORIZATION_FAILED); 0 when it is not. */
        topicConfigErrorCode: tagged(0, int16, 0, 5),
        /** v5+; −1 when not known (an error, or an older version). */
        numPartitions: since(5, int32, -1),
        replicationFactor: since(5, int16, -1),
        /** v5+: the topic's configs as created; empty on an error or before v5 (Kafka's default). */
        configs: since(5, nullableArray(createdConfig), []),
      }),
    ),
  }),
});
