// OffsetCommit (key 8), v0–9. v1: generation, member id, per-partition commit timestamp;
// v2: retention time (commit timestamp removed); v3: throttle time; v4: no wire change;
// v5: retention time removed; v6: committed leader epoch; v7: group instance id; v8:
// flexible; v9: no wire change, the first version a KIP-848 consumer group accepts (its
// members send their member epoch where classic members send the generation).
import { api, array, int16, int32, int64, nullableString, since, string, struct, versions } from './codec';

export const OffsetCommit = api({
  key: 8,
  name: 'OffsetCommit',
  minVersion: 0,
  maxVersion: 9,
  flexibleSince: 8,
  request: struct({
    groupId: string,
    /** The generation (classic groups) or the member epoch (consumer groups, v9+). */
    generationIdOrMemberEpoch: since(1, int32, -1),
    memberId: since(1, string, ''),
    groupInstanceId: since(7, nullableString, null),
    /** v2–4 only; -1 = the broker's default retention. */
    retentionTimeMs: versions(2, 4, int64, -1),
    topics: array(
      struct({
        name: string,
        partitions: array(
          struct({
            partitionIndex: int32,
            committedOffset: int64,
            committedLeaderEpoch: since(6, int32, -1),
            /** v1 only; -1 = the broker's time. */
            commitTimestamp: versions(1, 1, int64, -1),
            committedMetadata: nullableString,
          }),
        ),
      }),
    ),
  }),
  response: struct({
    throttleTimeMs: since(3, int32, 0),
    topics: array(
      struct({
        name: string,
        partitions: array(struct({ partitionIndex: int32, errorCode: int16 })),
      }),
    ),
  }),
});
