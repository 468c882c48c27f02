// Metadata (key 3). v1: controller id, is_internal, rack, null topics = all (v0: empty = all);
// v2: cluster id; v3: throttle time; v4: allow_auto_topic_creation; v5: offline replicas;
// v6: same as v5.
import { api, array, bool, byVersion, int16, int32, nullableArray, nullableString, since, string, struct } from './codec';

const topicsV0 = array(struct({ name: string }));
const topicsV1 = nullableArray(struct({ name: string }));

export const Metadata = api({
  key: 3,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 6,
  request: struct({
    /** null = all topics (v1+); in v0 an empty list means all. */
    topics: byVersion((v) => (v === 0 ? topicsV0 : topicsV1)),
    allowAutoTopicCreation: since(4, bool, true),
  }),
  response: struct({
    throttleTimeMs: since(3, int32, 0),
    brokers: array(
      struct({
        nodeId: int32,
        host: string,
        port: int32,
        rack: since(1, nullableString, null),
      }),
    ),
    clusterId: since(2, nullableString, null),
    controllerId: since(1, int32, -1),
    topics: array(
      struct({
        errorCode: int16,
        name: string,
        isInternal: since(1, bool, false),
        partitions: array(
          struct({
            errorCode: int16,
            partitionIndex: int32,
            leaderId: int32,
            replicaNodes: array(int32),
            isrNodes: array(int32),
            offlineReplicas: since(5, array(int32), []),
          }),
        ),
      }),
    ),
  }),
});
