// SyncGroup v0–5. v1: throttle time; v2: no wire change; v3: group instance id (ignored);
// v4: flexible; v5: the member names the protocol type and name its JoinGroup answer gave
// (INCONSISTENT_GROUP_PROTOCOL 23 when either differs from the group's; null is not
// checked), and the answer carries the group's (null on an error), as Kafka does.
// The leader brings every member's assignment; followers' requests are held until it does.
// Then the group is Stable and its metadata (GroupMetadataKey v2 / value v1, with the
// assignments) is written to __consumer_offsets. Errors: UNKNOWN_MEMBER_ID 25,
// ILLEGAL_GENERATION 22, REBALANCE_IN_PROGRESS 27 (the member must rejoin).
import { SyncGroup } from '../../protocol/14-sync-group';
import { coordinates, handler } from './types';
import { ErrorCode } from '../../protocol/errors';

export default handler({
  api: SyncGroup,
  minVersion: 0,
  maxVersion: 5,
  async handle(req, ctx) {
    if (!coordinates(ctx, req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.NOT_COORDINATOR, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) };
    const r = await ctx.state.groups.sync({
      groupId: req.groupId,
      generationId: req.generationId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId,
      protocolType: req.protocolType ?? null,
      protocolName: req.protocolName ?? null,
      assignments: req.assignments.map((a) => ({ memberId: a.memberId, assignment: Buffer.from(a.assignment) })),
    });
    return { throttleTimeMs: 0, errorCode: r.errorCode, protocolType: r.protocolType, protocolName: r.protocolName, assignment: r.assignment };
  },
});
