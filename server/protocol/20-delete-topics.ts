// DeleteTopics (key 20), v0–6. v1: throttle time; v2–3: no wire change; v4: flexible;
// v5: error messages (THROTTLING_QUOTA_EXCEEDED may be answered, KIP-599); v6: topics
// named by name or by id (`topics`, replacing `topicNames`), each answered with both.
import { ZERO_UUID, api, array, byVersion, int16, int32, nullableString, optional, since, string, struct, uuid, type Codec, type Infer } from './codec';
import { ProtocolError } from './primitives';

/** v0–5 answer names that cannot be null: refused rather than written as an empty/−1 string. */
const nameNonNull: Codec<string | null> = {
  read: (r, v) => string.read(r, v),
  write(w, value, v) {
    if (value === null) throw new ProtocolError(`a null topic name needs DeleteTopics v6+, not v${v}`);
    string.write(w, value, v);
  },
};
/** The answer's topic name: nullable from v6 (a topic asked by an id that names none). */
const resultName = byVersion<string | null>((v) => (v >= 6 ? nullableString : nameNonNull));

export const DeleteTopics = api({
  key: 20,
  name: 'DeleteTopics',
  minVersion: 0,
  maxVersion: 6,
  flexibleSince: 4,
  request: struct({
    /** v6+: each topic by name (id all zeros) or by id (name null). */
    topics: optional(6, Infinity, array(struct({ name: nullableString, topicId: uuid })), []),
    /** v0–5. */
    topicNames: optional(0, 5, array(string), []),
    timeoutMs: int32,
  }),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    responses: array(
      struct({
        name: resultName,
        /** v6+; all zeros when not known. */
        topicId: since(6, uuid, ZERO_UUID),
        errorCode: int16,
        errorMessage: since(5, nullableString, null),
      }),
    ),
  }),
});

type Request = Infer<(typeof DeleteTopics)['request']>;

/** A request that deletes these topics by name in every version (v0–5: topicNames; v6+: topics). */
export function byNameRequest(names: string[], timeoutMs: number): Request {
  return { topicNames: names, topics: names.map((name) => ({ name, topicId: ZERO_UUID })), timeoutMs };
}
