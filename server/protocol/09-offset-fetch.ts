// OffsetFetch (key 9), v0–5. v1: offsets from __consumer_offsets (no wire change); v2: null
// topics = every committed partition, top-level error code; v3: throttle time; v4: no wire
// change; v5: committed leader epoch.
import {
  api,
  array,
  byVersion,
  int16,
  int32,
  int64,
  nullableArray,
  nullableString,
  since,
  string,
  struct,
  type Codec,
  type Infer,
} from './codec';
import { ProtocolError } from './primitives';

const requestTopic = struct({ name: string, partitionIndexes: array(int32) });
type RequestTopic = Infer<typeof requestTopic>;

const topicsV0 = array(requestTopic);
/** v0–1 cannot ask for all topics; Kafka's client refuses rather than send an empty list. */
const topicsNonNull: Codec<RequestTopic[] | null> = {
  read: (r, v) => topicsV0.read(r, v),
  write(w, value, v) {
    if (value === null) throw new ProtocolError(`null topics (all partitions) needs OffsetFetch v2+, not v${v}`);
    topicsV0.write(w, value, v);
  },
};
const topicsV2 = nullableArray(requestTopic);

export const OffsetFetch = api({
  key: 9,
  name: 'OffsetFetch',
  minVersion: 0,
  maxVersion: 5,
  request: struct({
    groupId: string,
    /** null = all committed partitions of the group (v2+). */
    topics: byVersion<RequestTopic[] | null>((v) => (v < 2 ? topicsNonNull : topicsV2)),
  }),
  response: struct({
    throttleTimeMs: since(3, int32, 0),
    topics: array(
      struct({
        name: string,
        partitions: array(
          struct({
            partitionIndex: int32,
            committedOffset: int64,
            committedLeaderEpoch: since(5, int32, -1),
            metadata: nullableString,
            errorCode: int16,
          }),
        ),
      }),
    ),
    errorCode: since(2, int16, 0),
  }),
});
