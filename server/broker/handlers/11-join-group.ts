// JoinGroup v0–5. v0: the session timeout is also the rebalance timeout; v1: rebalance
// timeout; v2: throttle time; v3: no wire change; v4: a member joining with an empty member
// id gets MEMBER_ID_REQUIRED (79) and the id to rejoin with; v5: group instance id (kept
// and reported; members are dynamic all the same, see UNSUPPORTED.md). The answer is held
// until the rebalance completes (every known member has rejoined, or the rebalance timeout
// has passed); the connection's later requests wait behind it, as they do on Kafka.
// Errors: INVALID_GROUP_ID 24 (empty id), INVALID_SESSION_TIMEOUT 26 (outside
// group.min/max.session.timeout.ms), INCONSISTENT_GROUP_PROTOCOL 23, UNKNOWN_MEMBER_ID 25.
import { JoinGroup } from '../../protocol/11-join-group';
import { coordinates, handler } from './types';
import { ErrorCode } from '../../protocol/errors';

export default handler({
  api: JoinGroup,
  minVersion: 0,
  maxVersion: 5,
  async handle(req, ctx) {
    if (!coordinates(ctx, req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.NOT_COORDINATOR, generationId: -1, protocolName: '', leader: '', memberId: req.memberId, members: [] };
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
    });
    return {
      throttleTimeMs: 0,
      errorCode: r.errorCode,
      generationId: r.generationId,
      protocolName: r.protocolName ?? '',
      leader: r.leader,
      memberId: r.memberId,
      members: r.members,
    };
  },
});
