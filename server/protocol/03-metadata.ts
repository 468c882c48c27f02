// Metadata (key 3), v0–12. v1: controller id, is_internal, rack, null topics = all (v0: empty
// = all); v2: cluster id; v3: throttle time; v4: allow_auto_topic_creation; v5: offline
// replicas; v6: no wire change; v7: leader epoch per partition; v8: authorized operations
// (asked for per request, answered per topic and for the cluster); v9: flexible; v10: topic
// ids in the answer (and in the request, where brokers ignore them until v12); v11: no
// cluster authorized operations any more (KIP-700: DescribeCluster has them); v12: topics
// asked for by id, with a null name (an unknown id is answered with a null name).
import {
  ZERO_UUID,
  api,
  array,
  bool,
  byVersion,
  int16,
  int32,
  nullableArray,
  nullableString,
  optional,
  since,
  string,
  struct,
  uuid,
  versions,
  type Codec,
  type Infer,
} from './codec';

/** Kafka's "not asked for" value of the authorized-operations bitfields (Integer.MIN_VALUE). */
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

/** A name that may be null from `nullableSince` on (and is a plain string before). */
const nameNullableFrom = (nullableSince: number): Codec<string | null> => byVersion((v) => (v >= nullableSince ? nullableString : string));

const requestTopic = struct({
  /** v10+; zero = by name. Brokers look it up from v12 on. */
  topicId: optional(10, Infinity, uuid, ZERO_UUID),
  /** Null (v10+) when asking by id. */
  name: nameNullableFrom(10),
});
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
  maxVersion: 12,
  flexibleSince: 9,
  request: struct({
    /** null = all topics (v1+); in v0 an empty list means all. */
    topics: byVersion<RequestTopic[] | null>((v) => (v === 0 ? topicsV0 : topicsV1)),
    allowAutoTopicCreation: since(4, bool, true),
    /** v8–10. */
    includeClusterAuthorizedOperations: optional(8, 10, bool, false),
    /** v8+. */
    includeTopicAuthorizedOperations: optional(8, Infinity, bool, false),
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
        /** Null (v12+) for an unknown topic asked for by id. */
        name: nameNullableFrom(12),
        /** v10+; zero for a topic that does not exist. */
        topicId: since(10, uuid, ZERO_UUID),
        isInternal: since(1, bool, false),
        partitions: array(
          struct({
            errorCode: int16,
            partitionIndex: int32,
            leaderId: int32,
            leaderEpoch: since(7, int32, -1),
            replicaNodes: array(int32),
            isrNodes: array(int32),
            offlineReplicas: since(5, array(int32), []),
          }),
        ),
        topicAuthorizedOperations: since(8, int32, AUTHORIZED_OPERATIONS_OMITTED),
      }),
    ),
    /** v8–10. */
    clusterAuthorizedOperations: versions(8, 10, int32, AUTHORIZED_OPERATIONS_OMITTED),
  }),
});
