// OffsetDelete v0 (the only version). Deletes a group's committed offsets for the given
// partitions, writing tombstones. Top-level errors: GROUP_ID_NOT_FOUND 69, INVALID_GROUP_ID
// 24, NON_EMPTY_GROUP 68 (an active group that does not use the consumer protocol); per
// partition: GROUP_SUBSCRIBED_TO_TOPIC 86 while an active consumer group subscribes to the
// topic, UNKNOWN_TOPIC_OR_PARTITION 3. An Empty group left with no offsets is deleted.
import { OffsetDelete } from '../../protocol/47-offset-delete';
import { coordinates, handler } from './types';
import { ErrorCode } from '../../protocol/errors';

export default handler({
  api: OffsetDelete,
  minVersion: 0,
  maxVersion: 0,
  handle(req, ctx) {
    if (!coordinates(ctx, req.groupId)) return { errorCode: ErrorCode.NOT_COORDINATOR, throttleTimeMs: 0, topics: [] };
    const r = ctx.state.groups.deleteOffsets(req.groupId, req.topics);
    return { errorCode: r.errorCode, throttleTimeMs: 0, topics: r.topics };
  },
});
