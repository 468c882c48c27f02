// OffsetFetch v0–5. v0–1: the listed partitions; v2: topics null = every partition the group
// has a commit for, and a top-level error code; v3: throttle time; v4: no wire change; v5:
// committed leader epoch. A partition without a commit answers offset −1, metadata "" and
// no error, whether or not the group or topic exists (as Kafka does). v6+ is flexible.
import { OffsetFetch } from '../../protocol/09-offset-fetch';
import { coordinates, handler } from './types';
import { ErrorCode } from '../../protocol/errors';

export default handler({
  api: OffsetFetch,
  minVersion: 0,
  maxVersion: 5,
  handle(req, ctx) {
    if (!coordinates(ctx, req.groupId)) {
      // v0–1 carry the error per partition only
      const topics = (req.topics ?? []).map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, committedOffset: -1, committedLeaderEpoch: -1, metadata: null, errorCode: ErrorCode.NOT_COORDINATOR })) }));
      return { throttleTimeMs: 0, topics, errorCode: ErrorCode.NOT_COORDINATOR };
    }
    const topics = ctx.state.groups.fetchOffsets(req.groupId, req.topics);
    return { throttleTimeMs: 0, topics, errorCode: 0 };
  },
});
