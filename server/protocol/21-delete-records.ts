// DeleteRecords (key 21), v0–2. v1: no wire change; v2: flexible.
import { api, array, int16, int32, int64, string, struct } from './codec';

export const DeleteRecords = api({
  key: 21,
  name: 'DeleteRecords',
  minVersion: 0,
  maxVersion: 2,
  flexibleSince: 2,
  request: struct({
    topics: array(
      struct({
        name: string,
        partitions: array(struct({ partitionIndex: int32, offset: int64 })),
      }),
    ),
    timeoutMs: int32,
  }),
  response: struct({
    throttleTimeMs: int32,
    topics: array(
      struct({
        name: string,
        partitions: array(struct({ partitionIndex: int32, lowWatermark: int64, errorCode: int16 })),
      }),
    ),
  }),
});
