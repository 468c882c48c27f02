// OffsetCommit v0–8. v0: group and offsets only (treated as generation −1, no member: a
// "simple" commit); v1: generation, member id and a per-partition commit timestamp; v2–4:
// retention time (accepted and ignored: offsets stay until deleted, see UNSUPPORTED.md);
// v3: throttle time; v5: retention time gone; v6: leader epoch per partition (stored);
// v7: group instance id; v8: flexible (v9, the same message for KIP-848's member epochs,
// is not served: no consumer-protocol groups here). Generation −1 with no member id is
// accepted only while the group is Empty (or unknown: it is created Empty); members must
// name the current generation.
// Each accepted commit is an OffsetCommitKey v1 / OffsetCommitValue v3 record in
// __consumer_offsets before the answer goes out.
import { OffsetCommit } from '../../protocol/08-offset-commit';
import { coordinates, handler } from './types';
import { ErrorCode } from '../../protocol/errors';

export default handler({
  api: OffsetCommit,
  minVersion: 0,
  maxVersion: 9,
  handle(req, ctx) {
    const every = (errorCode: number) => ({ throttleTimeMs: 0, topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })) });
    // Kafka: an empty group id is not a group (it would otherwise be created)
    if (req.groupId === '') return every(ErrorCode.INVALID_GROUP_ID);
    if (!coordinates(ctx, req.groupId)) {
      return every(ErrorCode.NOT_COORDINATOR);
    }
    // A legal int64 past 2^53 cannot be held exactly here (and no log gets near it): the
    // whole commit is refused, nothing is written (found by the fuzzer: it used to fail inside)
    const unsafe = req.topics.some((t) => t.partitions.some((p) => !Number.isSafeInteger(p.committedOffset) || !Number.isSafeInteger(p.commitTimestamp)));
    if (unsafe) return every(ErrorCode.INVALID_COMMIT_OFFSET_SIZE);
    const topics = ctx.state.groups.commitOffsets({
      groupId: req.groupId,
      generationId: req.generationIdOrMemberEpoch,
      memberId: req.memberId,
      groupInstanceId: req.groupInstanceId,
      apiVersion: ctx.version,
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          committedOffset: p.committedOffset,
          committedLeaderEpoch: p.committedLeaderEpoch,
          committedMetadata: p.committedMetadata,
          commitTimestamp: p.commitTimestamp,
        })),
      })),
    });
    return { throttleTimeMs: 0, topics };
  },
});
