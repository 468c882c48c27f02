// DescribeLogDirs (key 35), v0–4. null topics = every partition. v1: no wire change; v2:
// flexible; v3: a top-level error code; v4: each log dir's volume size and usable space.
import { api, array, bool, int16, int32, int64, nullableArray, since, string, struct } from './codec';

export const DescribeLogDirs = api({
  key: 35,
  name: 'DescribeLogDirs',
  minVersion: 0,
  maxVersion: 4,
  flexibleSince: 2,
  request: struct({
    topics: nullableArray(struct({ topic: string, partitions: array(int32) })),
  }),
  response: struct({
    throttleTimeMs: int32,
    /** v3+. */
    errorCode: since(3, int16, 0),
    results: array(
      struct({
        errorCode: int16,
        logDir: string,
        topics: array(
          struct({
            name: string,
            partitions: array(
              struct({ partitionIndex: int32, partitionSize: int64, offsetLag: int64, isFutureKey: bool }),
            ),
          }),
        ),
        /** v4+: bytes of the volume holding the log dir, and those usable; −1 when not known. */
        totalBytes: since(4, int64, -1),
        usableBytes: since(4, int64, -1),
      }),
    ),
  }),
});
