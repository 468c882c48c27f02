// DeleteTopics v0–3. v1: throttle time; v2–3: no wire change. Deletion is immediate: the
// topic's files are removed and waiting fetches on it are woken.
import { DeleteTopics } from '../../protocol/20-delete-topics';
import { ErrorCode } from '../../protocol/errors';
import { asKafkaError } from './errors';
import { mapInSlices } from './slices';
import { handler } from './types';

export default handler({
  api: DeleteTopics,
  minVersion: 0,
  maxVersion: 3,
  async handle(req, ctx) {
    const responses = await mapInSlices(req.topicNames, (name) => {
      // looked up first: a thrown error per unknown name made 100000 of them cost a second
      if (!ctx.state.topics.has(name)) return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
      try {
        ctx.state.deleteTopic(name);
        return { name, errorCode: 0 };
      } catch (e) {
        return { name, errorCode: asKafkaError(e, ctx).errorCode };
      }
    });
    return { throttleTimeMs: 0, responses };
  },
});
