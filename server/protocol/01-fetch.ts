// Fetch (key 1), v0–17. v1: throttle time; v2: no wire change (message format v1); v3:
// max_bytes; v4: isolation level, last stable offset, aborted transactions; v5: log-start
// offset; v6: no wire change; v7: fetch sessions, forgotten topics, top-level error code;
// v8: no wire change; v9: current leader epoch; v10: no wire change (zstd); v11: rack id and
// preferred read replica; v12: flexible, last fetched epoch per partition, tagged cluster id
// (request) and diverging epoch, current leader and snapshot id (response); v13: topics
// named by id (UUID) instead of name, in the request, the forgotten topics and the response
// (KIP-516); v14: no wire change (OFFSET_MOVED_TO_TIERED_STORAGE); v15: the replica id
// moves into a tagged replica state (KIP-903); v16: tagged node endpoints in the response
// (KIP-951); v17: tagged replica directory id per partition (KIP-853).
import {
  ZERO_UUID,
  api,
  array,
  int16,
  int32,
  int64,
  int8,
  nullableArray,
  nullableString,
  optional,
  records,
  since,
  string,
  struct,
  tagged,
  uuid,
  versions,
  type Infer,
  type Tagged,
} from './codec';
import { NO_LEADER, leaderIdAndEpoch, nodeEndpoint } from './leader-hints';

/** A tagged request field callers may leave out: written only when set and not its default. */
const optionalTag = <T>(t: Tagged<T>) => t as Tagged<T | undefined>;

const replicaState = struct({ replicaId: int32, replicaEpoch: int64 });
const divergingEpoch = struct({ epoch: int32, endOffset: int64 });
const snapshotId = struct({ endOffset: int64, epoch: int32 });

// The defaults of the tagged struct fields: answers use these very objects to leave them out.
export const NO_REPLICA_STATE: Infer<typeof replicaState> = Object.freeze({ replicaId: -1, replicaEpoch: -1 });
export const NO_DIVERGING_EPOCH: Infer<typeof divergingEpoch> = Object.freeze({ epoch: -1, endOffset: -1 });
export const NO_SNAPSHOT_ID: Infer<typeof snapshotId> = Object.freeze({ endOffset: -1, epoch: -1 });

export const Fetch = api({
  key: 1,
  name: 'Fetch',
  minVersion: 0,
  maxVersion: 17,
  flexibleSince: 12,
  // The dashboard names topics, and Fetch v13+ only knows them by id: our client stops at
  // v12 (flexible, by name) rather than carry an id map from Metadata to every fetch.
  clientMaxVersion: 12,
  request: struct({
    /** v12+ (tagged): the cluster the sender believes it talks to (brokers' own fetches). */
    clusterId: optionalTag(tagged(0, nullableString, null, 12)),
    /** v0–14: −1 for a consumer; v15+ carry it in replicaState. */
    replicaId: versions(0, 14, int32, -1),
    /** v15+ (tagged): a follower's id and broker epoch. */
    replicaState: optionalTag(tagged(1, replicaState, NO_REPLICA_STATE, 15)),
    maxWaitMs: int32,
    minBytes: int32,
    maxBytes: since(3, int32, 0x7fffffff),
    isolationLevel: since(4, int8, 0),
    sessionId: since(7, int32, 0),
    sessionEpoch: since(7, int32, -1),
    topics: array(
      struct({
        /** v0–12. */
        topic: versions(0, 12, string, ''),
        /** v13+. */
        topicId: optional(13, Infinity, uuid, ZERO_UUID),
        partitions: array(
          struct({
            partition: int32,
            currentLeaderEpoch: since(9, int32, -1),
            fetchOffset: int64,
            /** v12+: the epoch of the last record fetched (−1: none). */
            lastFetchedEpoch: optional(12, Infinity, int32, -1),
            logStartOffset: since(5, int64, -1),
            partitionMaxBytes: int32,
            /** v17+ (tagged): the fetching follower's log directory. */
            replicaDirectoryId: optionalTag(tagged(0, uuid, ZERO_UUID, 17)),
          }),
        ),
      }),
    ),
    forgottenTopicsData: since(
      7,
      array(
        struct({
          /** v7–12. */
          topic: versions(7, 12, string, ''),
          /** v13+. */
          topicId: optional(13, Infinity, uuid, ZERO_UUID),
          partitions: array(int32),
        }),
      ),
      [],
    ),
    rackId: since(11, string, ''),
  }),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    errorCode: since(7, int16, 0),
    sessionId: since(7, int32, 0),
    responses: array(
      struct({
        /** v0–12. */
        topic: versions(0, 12, string, ''),
        /** v13+. */
        topicId: since(13, uuid, ZERO_UUID),
        partitions: array(
          struct({
            partitionIndex: int32,
            errorCode: int16,
            highWatermark: int64,
            lastStableOffset: since(4, int64, -1),
            logStartOffset: since(5, int64, -1),
            /** v12+ (tagged): where a follower's log diverges from the leader's. */
            divergingEpoch: tagged(0, divergingEpoch, NO_DIVERGING_EPOCH, 12),
            /** v12+ (tagged): the partition's leader, with NOT_LEADER_OR_FOLLOWER. */
            currentLeader: tagged(1, leaderIdAndEpoch, NO_LEADER, 12),
            /** v12+ (tagged): the snapshot to fetch instead (KRaft's metadata log). */
            snapshotId: tagged(2, snapshotId, NO_SNAPSHOT_ID, 12),
            abortedTransactions: since(4, nullableArray(struct({ producerId: int64, firstOffset: int64 })), null),
            preferredReadReplica: since(11, int32, -1),
            records,
          }),
        ),
      }),
    ),
    /** v16+ (tagged): the addresses of the leaders named in currentLeader. */
    nodeEndpoints: tagged(0, array(nodeEndpoint), [], 16),
  }),
});
