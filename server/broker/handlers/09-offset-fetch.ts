// OffsetFetch v0–8. v0–1: the listed partitions; v2: topics null = every partition the group
// has a commit for, and a top-level error code; v3: throttle time; v4: no wire change; v5:
// committed leader epoch; v6: flexible; v7: requireStable (nothing here is ever pending: no
// transactions, so it changes nothing); v8: many groups a request, each answered with its
// own error (NOT_COORDINATOR for a group another broker coordinates); v9: the asking member's
// id and epoch, checked for a KIP-848 consumer group (UNKNOWN_MEMBER_ID, STALE_MEMBER_EPOCH;
// null and -1 from anyone else, e.g. an admin, are not checked). A partition without a
// commit answers offset −1, metadata "" and no error, whether or not the group or topic
// exists (as Kafka does).
import { OffsetFetch } from '../../protocol/09-offset-fetch';
import { coordinates, handler, type HandlerContext } from './types';
import { ErrorCode } from '../../protocol/errors';

type Topics = { name: string; partitionIndexes: number[] }[] | null;

function oneGroup(ctx: HandlerContext, groupId: string, topics: Topics, member: { memberId: string | null; memberEpoch: number } = { memberId: null, memberEpoch: -1 }) {
  if (!coordinates(ctx, groupId)) {
    // v0–1 carry the error per partition only
    const perPartition = (topics ?? []).map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, committedOffset: -1, committedLeaderEpoch: -1, metadata: null, errorCode: ErrorCode.NOT_COORDINATOR })) }));
    return { topics: perPartition, errorCode: ErrorCode.NOT_COORDINATOR };
  }
  const refused = ctx.state.groups.checkFetcher(groupId, member.memberId, member.memberEpoch);
  if (refused !== null) return { topics: [], errorCode: refused };
  return { topics: ctx.state.groups.fetchOffsets(groupId, topics), errorCode: 0 };
}

export default handler({
  api: OffsetFetch,
  minVersion: 0,
  maxVersion: 9,
  handle(req, ctx) {
    if (ctx.version >= 8) {
      const groups = (req.groups ?? []).map((g) => {
        const a = oneGroup(ctx, g.groupId, g.topics, { memberId: g.memberId ?? null, memberEpoch: g.memberEpoch ?? -1 });
        // a group-level error answers no topics (as Kafka does)
        return { groupId: g.groupId, topics: a.errorCode === 0 ? a.topics : [], errorCode: a.errorCode };
      });
      return { throttleTimeMs: 0, groups };
    }
    return { throttleTimeMs: 0, ...oneGroup(ctx, req.groupId ?? '', req.topics ?? null) };
  },
});
