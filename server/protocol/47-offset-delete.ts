// OffsetDelete (key 47), v0 only (the only version; never flexible).
import { api, array, int16, int32, string, struct } from './codec';

export const OffsetDelete = api({
  key: 47,
  name: 'OffsetDelete',
  minVersion: 0,
  maxVersion: 0,
  request: struct({
    groupId: string,
    topics: array(
      struct({
        name: string,
        partitions: array(struct({ partitionIndex: int32 })),
      }),
    ),
  }),
  response: struct({
    /** Unusually, the error code comes before the throttle time. */
    errorCode: int16,
    throttleTimeMs: int32,
    topics: array(
      struct({
        name: string,
        partitions: array(struct({ partitionIndex: int32, errorCode: int16 })),
      }),
    ),
  }),
});
