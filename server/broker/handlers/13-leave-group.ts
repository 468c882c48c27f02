// LeaveGroup v0–5. v1: throttle time; v2: no wire change; v3: a batch of members (member id,
// or an empty id and a group instance id) with an error each; v4: flexible; v5: a reason
// per member, which goes into the coordinator's log line for the leave. The remaining
// members rebalance at once (no waiting for the session timeout). For v0–2 the one
// member's error is the top-level error, as Kafka's LeaveGroupResponse does.
import { LeaveGroup } from '../../protocol/13-leave-group';
import { coordinates, handler } from './types';
import { ErrorCode } from '../../protocol/errors';

export default handler({
  api: LeaveGroup,
  minVersion: 0,
  maxVersion: 5,
  handle(req, ctx) {
    if (!coordinates(ctx, req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.NOT_COORDINATOR, members: [] };
    const leaving = ctx.version >= 3 ? req.members : [{ memberId: req.memberId, groupInstanceId: null }];
    const r = ctx.state.groups.leave(req.groupId, leaving);
    if (ctx.version >= 3) return { throttleTimeMs: 0, errorCode: r.errorCode, members: r.members };
    return { throttleTimeMs: 0, errorCode: r.errorCode || (r.members[0]?.errorCode ?? 0), members: [] };
  },
});
