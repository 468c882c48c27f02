// ConsumerGroupHeartbeat (key 68), v0–1: the KIP-848 consumer group protocol's one request.
// A member joins (epoch 0), heartbeats with its epoch, and leaves (-1; -2 for a static
// member that will come back); the coordinator answers with its epoch and, when it changed,
// the partitions it may now own. Flexible from v0. v1: the member generates its own id
// (KIP-1082) and may subscribe by regex (SubscribedTopicRegex). Nulls in the request mean
// "unchanged since the last heartbeat".
import { api, array, int16, int32, nullableArray, nullableString, nullableStruct, since, string, struct, uuid } from './codec';

/** Partitions of one topic, named by topic id. */
const topicPartitions = struct({ topicId: uuid, partitions: array(int32) });

export const ConsumerGroupHeartbeat = api({
  key: 68,
  name: 'ConsumerGroupHeartbeat',
  minVersion: 0,
  maxVersion: 1,
  flexibleSince: 0,
  request: struct({
    groupId: string,
    /** v0: empty on the first heartbeat (the coordinator makes one); v1: made by the member. */
    memberId: string,
    /** 0 to join, -1 to leave, -2 for a static member that leaves and will rejoin. */
    memberEpoch: int32,
    instanceId: nullableString,
    rackId: nullableString,
    /** -1 = unchanged. */
    rebalanceTimeoutMs: int32,
    subscribedTopicNames: nullableArray(string),
    /** v1+. */
    subscribedTopicRegex: since(1, nullableString, null),
    serverAssignor: nullableString,
    /** The partitions the member owns now; null = unchanged. */
    topicPartitions: nullableArray(topicPartitions),
  }),
  response: struct({
    throttleTimeMs: int32,
    errorCode: int16,
    errorMessage: nullableString,
    memberId: nullableString,
    memberEpoch: int32,
    heartbeatIntervalMs: int32,
    /** null = the same as the last one sent. */
    assignment: nullableStruct(struct({ topicPartitions: array(topicPartitions) })),
  }),
});
