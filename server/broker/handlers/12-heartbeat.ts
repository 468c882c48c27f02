// Heartbeat v0–4. v1: throttle time; v2: no wire change; v3: group instance id (ignored);
// v4: flexible. Restarts the member's session clock. Answers: NONE while
// CompletingRebalance or Stable, REBALANCE_IN_PROGRESS 27 while PreparingRebalance (the
// member must rejoin), UNKNOWN_MEMBER_ID 25 (unknown group or member, or the group is
// Empty), ILLEGAL_GENERATION 22, INVALID_GROUP_ID 24 (empty id).
import { Heartbeat } from '../../protocol/12-heartbeat';
import { coordinates, handler } from './types';
import { ErrorCode } from '../../protocol/errors';

export default handler({
  api: Heartbeat,
  minVersion: 0,
  maxVersion: 4,
  handle(req, ctx) {
    if (!coordinates(ctx, req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.NOT_COORDINATOR };
    return { throttleTimeMs: 0, errorCode: ctx.state.groups.heartbeat(req.groupId, req.generationId, req.memberId) };
  },
});
