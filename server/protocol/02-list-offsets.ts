// ListOffsets (key 2), v0–3. v0: max_num_offsets and an old-style offsets array; v1: one
// timestamp/offset pair per partition; v2: isolation level, throttle time; v3: no wire change.
import { api, array, int16, int32, int64, int8, since, string, struct, until } from './codec';

export const ListOffsets = api({
  key: 2,
  name: 'ListOffsets',
  minVersion: 0,
  maxVersion: 3,
  request: struct({
    replicaId: int32,
    isolationLevel: since(2, int8, 0),
    topics: array(
      struct({
        name: string,
        partitions: array(
          struct({
            partitionIndex: int32,
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
          }),
        ),
      }),
    ),
  }),
});
