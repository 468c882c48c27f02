// Fetch (key 1), v0–11. v1: throttle time; v2: no wire change (message format v1); v3:
// max_bytes; v4: isolation level, last stable offset, aborted transactions; v5: log-start
// offset; v6: no wire change; v7: fetch sessions, forgotten topics, top-level error code;
// v8: no wire change; v9: current leader epoch; v10: no wire change (zstd); v11: rack id and
// preferred read replica.
import { api, array, int16, int32, int64, int8, nullableArray, records, since, string, struct } from './codec';

export const Fetch = api({
  key: 1,
  name: 'Fetch',
  minVersion: 0,
  maxVersion: 11,
  request: struct({
    replicaId: int32,
    maxWaitMs: int32,
    minBytes: int32,
    maxBytes: since(3, int32, 0x7fffffff),
    isolationLevel: since(4, int8, 0),
    sessionId: since(7, int32, 0),
    sessionEpoch: since(7, int32, -1),
    topics: array(
      struct({
        topic: string,
        partitions: array(
          struct({
            partition: int32,
            currentLeaderEpoch: since(9, int32, -1),
            fetchOffset: int64,
            logStartOffset: since(5, int64, -1),
            partitionMaxBytes: int32,
          }),
        ),
      }),
    ),
    forgottenTopicsData: since(7, array(struct({ topic: string, partitions: array(int32) })), []),
    rackId: since(11, string, ''),
  }),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    errorCode: since(7, int16, 0),
    sessionId: since(7, int32, 0),
    responses: array(
      struct({
        topic: string,
        partitions: array(
          struct({
            partitionIndex: int32,
            errorCode: int16,
            highWatermark: int64,
            lastStableOffset: since(4, int64, -1),
            logStartOffset: since(5, int64, -1),
            abortedTransactions: since(4, nullableArray(struct({ producerId: int64, firstOffset: int64 })), null),
            preferredReadReplica: since(11, int32, -1),
            records,
          }),
        ),
      }),
    ),
  }),
});
