// DescribeLogDirs (key 35), v0–1 (v1: no wire change). null topics = every partition.
import { api, array, bool, int16, int32, int64, nullableArray, string, struct } from './codec';

export const DescribeLogDirs = api({
  key: 35,
  name: 'DescribeLogDirs',
  minVersion: 0,
  maxVersion: 1,
  request: struct({
    topics: nullableArray(struct({ topic: string, partitions: array(int32) })),
  }),
  response: struct({
    throttleTimeMs: int32,
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
      }),
    ),
  }),
});
