// DeleteTopics v0–6. v1: throttle time; v2–3: no wire change; v4: flexible; v5: error
// messages (no quotas here, so never THROTTLING_QUOTA_EXCEEDED); v6: topics by name or by
// id, each answered with both (an unknown id: UNKNOWN_TOPIC_ID, name null). As on Kafka's
// controller, an entry with both a name and an id, or neither, is INVALID_REQUEST, and so is
// a topic named more than once (by name, by id, or both): it is answered once, with Kafka's
// wording for the case, and not deleted. Deletion is immediate: the topic's files are
// removed and waiting fetches on it are woken. Answers follow the request's order (Kafka
// shuffles them; clients match them by name or id).
import { ZERO_UUID } from '../../protocol/codec';
import { DeleteTopics } from '../../protocol/20-delete-topics';
import { ErrorCode } from '../../protocol/errors';
import type { Topic } from '../state/cluster';
import { asKafkaError } from './errors';
import { Slices } from './slices';
import { handler, type HandlerContext } from './types';

interface Result {
  name: string | null;
  topicId: string;
  errorCode: number;
  errorMessage: string | null;
}

/** One entry of the request as the client wrote it: by name (id all zeros) or by id (name null). */
interface Entry {
  name: string | null;
  topicId: string;
}

// Kafka's default messages for these codes
const UNKNOWN_TOPIC = 'This server does not host this topic-partition.';
const UNKNOWN_ID = 'This server does not host this topic ID.';
const BY_NAME = 1;
const BY_ID = 2;

export default handler({
  api: DeleteTopics,
  minVersion: 0,
  maxVersion: 6,
  async handle(req, ctx) {
    const entries: Entry[] = ctx.version >= 6 ? (req.topics ?? []).map((t) => ({ name: t.name, topicId: t.topicId.toLowerCase() })) : (req.topicNames ?? []).map((name) => ({ name, topicId: ZERO_UUID }));
    const byId = entries.some((e) => e.topicId !== ZERO_UUID) ? topicsById(ctx) : new Map<string, Topic>();
    // Which topic each entry means: a name (asked by name, or the name of a known id), or an
    // unknown id. Counted first, so a topic meant more than once is refused, not deleted.
    const named = new Map<string, number>();
    const unknownIds = new Map<string, number>();
    const subject = (e: Entry): [Map<string, number>, string] => {
      if (e.name !== null) return [named, e.name];
      const topic = byId.get(e.topicId);
      return topic ? [named, topic.name] : [unknownIds, e.topicId];
    };
    const how = new Map<string, number>(); // BY_NAME | BY_ID: how a name was meant
    const viaId = new Map<string, Topic>(); // topics meant by their id, by name
    const slices = new Slices(); // 100000 names must not hold up other clients
    for (const e of entries) {
      await slices.next();
      if (invalid(e)) continue;
      const [counts, key] = subject(e);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (counts !== named) continue;
      how.set(key, (how.get(key) ?? 0) | (e.name !== null ? BY_NAME : BY_ID));
      if (e.name === null) viaId.set(key, byId.get(e.topicId)!);
    }
    const refusedAsDuplicate = new Set<string>();
    const responses: Result[] = [];
    for (const e of entries) {
      await slices.next();
      const problem = invalid(e);
      if (problem) {
        responses.push(refused(e.name, e.topicId, problem));
        continue;
      }
      const [counts, key] = subject(e);
      if (counts.get(key)! === 1) {
        responses.push(deleteOne(ctx, e, byId));
      } else if (!refusedAsDuplicate.has(`${counts === named ? 'n' : 'i'}${key}`)) {
        refusedAsDuplicate.add(`${counts === named ? 'n' : 'i'}${key}`);
        responses.push(duplicate(e, counts === named ? how.get(key)! : BY_ID, viaId.get(key)));
      }
    }
    return { throttleTimeMs: 0, responses };
  },
});

function invalid(e: Entry): string | null {
  if (e.name === null && e.topicId === ZERO_UUID) return 'Neither topic name nor id were specified.';
  if (e.name !== null && e.topicId !== ZERO_UUID) return 'You may not specify both topic name and topic id.';
  return null;
}

const refused = (name: string | null, topicId: string, errorMessage: string): Result => ({ name, topicId, errorCode: ErrorCode.INVALID_REQUEST, errorMessage });

/** The one answer for a topic meant more than once, worded as Kafka words each case. */
function duplicate(e: Entry, how: number, topicOfId: Topic | undefined): Result {
  if (how === BY_NAME) return refused(e.name, ZERO_UUID, 'Duplicate topic name.');
  if (how === BY_ID || !topicOfId) return refused(null, e.topicId, 'Duplicate topic id.');
  return refused(topicOfId.name, topicOfId.id, 'The provided topic name maps to an ID that was already supplied.');
}

function topicsById(ctx: HandlerContext): Map<string, Topic> {
  const out = new Map<string, Topic>();
  for (const t of ctx.state.topics.values()) out.set(t.id.toLowerCase(), t);
  return out;
}

function deleteOne(ctx: HandlerContext, e: Entry, byId: Map<string, Topic>): Result {
  // looked up first: a thrown error per unknown name made 100000 of them cost a second
  const known = e.name !== null ? ctx.state.topics.get(e.name) : byId.get(e.topicId);
  // between slices another client may have deleted it (or made a new topic of its name)
  const topic = known && ctx.state.topics.get(known.name) === known ? known : undefined;
  if (!topic) {
    if (e.name !== null) return { name: e.name, topicId: ZERO_UUID, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: UNKNOWN_TOPIC };
    return { name: null, topicId: e.topicId, errorCode: ErrorCode.UNKNOWN_TOPIC_ID, errorMessage: UNKNOWN_ID };
  }
  try {
    ctx.state.deleteTopic(topic.name);
    return { name: topic.name, topicId: topic.id, errorCode: 0, errorMessage: null };
  } catch (err) {
    return { name: topic.name, topicId: topic.id, ...asKafkaError(err, ctx) };
  }
}
