// JoinGroup v0–9. v0: the session timeout is also the rebalance timeout; v1: rebalance
// timeout; v2: throttle time; v3: no wire change; v4: a member joining with an empty member
// id gets MEMBER_ID_REQUIRED (79) and the id to rejoin with; v5: group instance id (kept
// and reported; members are dynamic all the same, see UNSUPPORTED.md); v6: flexible; v7:
// the group's protocol type in the answer, and the protocol name null (not "") on an error;
// v8: the client's reason, which goes into the coordinator's log line for the join; v9:
// skipAssignment, always false here (only a static leader rejoining skips, and members are
// never static here). The answer is held until the rebalance completes (every known member
// has rejoined, or the rebalance timeout has passed); the connection's later requests wait
// behind it, as they do on Kafka.
// Errors: INVALID_GROUP_ID 24 (empty id), INVALID_SESSION_TIMEOUT 26 (outside
// group.min/max.session.timeout.ms), INCONSISTENT_GROUP_PROTOCOL 23, UNKNOWN_MEMBER_ID 25.
import { JoinGroup } from '../../protocol/11-join-group';
import { coordinates, handler } from './types';
import { ErrorCode } from '../../protocol/errors';

export default handler({
  api: JoinGroup,
  minVersion: 0,
  maxVersion: 9,
  async handle(req, ctx) {
    // v0–6 have no null protocol name: "" stands for none there
    const nameFor = (name: string | null) => (ctx.version >= 7 ? name : (name ?? ''));
    if (!coordinates(ctx, req.groupId)) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.NOT_COORDINATOR, generationId: -1, protocolType: null, protocolName: nameFor(null), leader: '', skipAssignment: false, memberId: req.memberId, members: [] };
    }
    const r = await ctx.state.groups.join({
      groupId: req.groupId,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId,
      requireKnownMemberId: ctx.version >= 4,
      clientId: ctx.clientId ?? '',
      clientHost: `/${ctx.conn.remoteHost}`,
      sessionTimeoutMs: req.sessionTimeoutMs,
      rebalanceTimeoutMs: ctx.version >= 1 ? req.rebalanceTimeoutMs : req.sessionTimeoutMs,
      protocolType: req.protocolType,
      // Copies: request fields are views into the frame, and a member outlives its request.
      protocols: req.protocols.map((p) => ({ name: p.name, metadata: Buffer.from(p.metadata) })),
      reason: req.reason ?? null,
    });
    return {
      throttleTimeMs: 0,
      errorCode: r.errorCode,
      generationId: r.generationId,
      protocolType: r.protocolType,
      protocolName: nameFor(r.protocolName),
      leader: r.leader,
      skipAssignment: false,
      memberId: r.memberId,
      members: r.members,
    };
  },
});
