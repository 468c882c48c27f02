// Metadata (key 3). v1: controller id, is_internal, rack, null topics = all (v0: empty = all);
// v2: cluster id; v3: throttle time; v4: allow_auto_topic_creation; v5: offline replicas;
// v6: same as v5.
import {
  api,
  array,
  bool,
  byVersion,
  int16,
  int32,
  nullableArray,
  nullableString,
  since,
  string,
  struct,
  type Codec,
  type Infer,
} from './codec';

const requestTopic = struct({ name: string });
type RequestTopic = Infer<typeof requestTopic>;

const topicsArray = array(requestTopic);
/** v0 has no null array: an empty list already means all topics, so null is written as []. */
const topicsV0: Codec<RequestTopic[] | null> = {
  read: (r, v) => topicsArray.read(r, v),
  write: (w, value, v) => topicsArray.write(w, value ?? [], v),
};
const topicsV1 = nullableArray(requestTopic);

export const Metadata = api({
  key: 3,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 6,
  request: struct({
    /** null = all topics (v1+); in v0 an empty list means all. */
    topics: byVersion<RequestTopic[] | null>((v) => (v === 0 ? topicsV0 : topicsV1)),
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
