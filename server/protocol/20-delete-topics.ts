// DeleteTopics (key 20), v0–3. v1: throttle time; v2–3: no wire change.
import { api, array, int16, int32, since, string, struct } from './codec';

export const DeleteTopics = api({
  key: 20,
  name: 'DeleteTopics',
  minVersion: 0,
  maxVersion: 3,
  request: struct({
    topicNames: array(string),
    timeoutMs: int32,
  }),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    responses: array(struct({ name: string, errorCode: int16 })),
  }),
});
