// DeleteTopics v0–3. v1: throttle time; v2–3: no wire change. Deletion is immediate: the
// topic's files are removed and waiting fetches on it are woken.
import { DeleteTopics } from '../../protocol/20-delete-topics';
import { asKafkaError } from './errors';
import { handler } from './types';

export default handler({
  api: DeleteTopics,
  minVersion: 0,
  maxVersion: 3,
  handle(req, ctx) {
    const responses = req.topicNames.map((name) => {
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
