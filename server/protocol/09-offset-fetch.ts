// OffsetFetch (key 9), v0–8. v1: offsets from __consumer_offsets (no wire change); v2: null
// topics = every committed partition, top-level error code; v3: throttle time; v4: no wire
// change; v5: committed leader epoch; v6: flexible; v7: requireStable; v8: many groups in
// one request (`groups`, answered per group in `groups`), replacing groupId/topics; v9:
// each group's member id and member epoch, checked when the group is a KIP-848 consumer
// group (null and -1 from anyone else, e.g. an admin client).
import {
  api,
  array,
  bool,
  byVersion,
  int16,
  int32,
  int64,
  nullableArray,
  nullableString,
  since,
  string,
  optional,
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

const responsePartition = struct({
  partitionIndex: int32,
  committedOffset: int64,
  committedLeaderEpoch: since(5, int32, -1),
  metadata: nullableString,
  errorCode: int16,
});
const responseTopic = struct({ name: string, partitions: array(responsePartition) });

export const OffsetFetch = api({
  key: 9,
  name: 'OffsetFetch',
  minVersion: 0,
  maxVersion: 9,
  flexibleSince: 6,
  request: struct({
    /** v0–7: the one group asked about. */
    groupId: optional(0, 7, string, ''),
    /** v0–7. null = all committed partitions of the group (v2+). */
    topics: optional(0, 7, byVersion<RequestTopic[] | null>((v) => (v < 2 ? topicsNonNull : topicsV2)), null),
    /** v8+: each group with its topics (null = all its committed partitions). */
    groups: optional(
      8,
      Infinity,
      array(
        struct({
          groupId: string,
          /** v9+: the asking member of a consumer group; null = not a member. */
          memberId: optional(9, Infinity, nullableString, null),
          /** v9+: that member's epoch; -1 = not a member. */
          memberEpoch: optional(9, Infinity, int32, -1),
          topics: nullableArray(requestTopic),
        }),
      ),
      [],
    ),
    /** v7+: hold back offsets of pending transactions (a retriable error) instead of answering older ones. */
    requireStable: optional(7, Infinity, bool, false),
  }),
  response: struct({
    throttleTimeMs: since(3, int32, 0),
    /** v0–7. */
    topics: optional(0, 7, array(responseTopic), []),
    /** v2–7. */
    errorCode: optional(2, 7, int16, 0),
    /** v8+: per group, its topics and its group-level error. */
    groups: optional(8, Infinity, array(struct({ groupId: string, topics: array(responseTopic), errorCode: int16 })), []),
  }),
});

type Request = Infer<(typeof OffsetFetch)['request']>;
type Response = Infer<(typeof OffsetFetch)['response']>;
export type OffsetFetchTopic = Infer<typeof responseTopic>;

/** A request for one group that reads right in every version (v0–7: groupId and topics; v8+: groups). */
export function oneGroupRequest(groupId: string, topics: RequestTopic[] | null): Request {
  return { groupId, topics, groups: [{ groupId, topics }] };
}

/**
 * One group's answer from either shape: v8+ answers every group asked in `groups`, v0–7
 * answer at the top level (and `groups` reads as empty). A v8 answer without the group is
 * an error.
 */
export function groupAnswer(res: Response, groupId: string): { errorCode: number; topics: OffsetFetchTopic[] } {
  const groups = res.groups ?? [];
  if (groups.length === 0) return { errorCode: res.errorCode ?? 0, topics: res.topics ?? [] };
  const g = groups.find((x) => x.groupId === groupId);
  if (!g) throw new ProtocolError(`OffsetFetch answer has no entry for group ${groupId}`);
  return { errorCode: g.errorCode, topics: g.topics };
}
