// ListOffsets (key 2), v0–9. v0: max_num_offsets and an old-style offsets array; v1: one
// timestamp/offset pair per partition; v2: isolation level, throttle time; v3: no wire
// change; v4: current leader epoch (request) and leader epoch (response); v5: no wire change
// (OFFSET_NOT_AVAILABLE); v6: flexible; v7: no wire change (timestamp −3: the record with the
// largest timestamp, KIP-734); v8: no wire change (−4: earliest local offset, KIP-405); v9:
// no wire change (−5: latest tiered offset, KIP-1005).
import { api, array, int16, int32, int64, int8, optional, since, string, struct, until } from './codec';

export const ListOffsets = api({
  key: 2,
  name: 'ListOffsets',
  minVersion: 0,
  maxVersion: 9,
  flexibleSince: 6,
  request: struct({
    replicaId: int32,
    isolationLevel: since(2, int8, 0),
    topics: array(
      struct({
        name: string,
        partitions: array(
          struct({
            partitionIndex: int32,
            /** v4+: the leader epoch the client knows (−1: none), for fencing. */
            currentLeaderEpoch: optional(4, Infinity, int32, -1),
            timestamp: int64,
            maxNumOffsets: until(0, int32, 1),
          }),
        ),
      }),
    ),
  }),
  response: struct({
    throttleTimeMs: since(2, int32, 0),
    topics: array(
      struct({
        name: string,
        partitions: array(
          struct({
            partitionIndex: int32,
            errorCode: int16,
            oldStyleOffsets: until(0, array(int64), []),
            timestamp: since(1, int64, -1),
            offset: since(1, int64, -1),
            leaderEpoch: since(4, int32, -1),
          }),
        ),
      }),
    ),
  }),
});
