// How one member of a KIP-848 consumer group moves toward its target assignment, heartbeat
// by heartbeat (what Kafka's CurrentAssignmentBuilder decides). Pure: the coordinator calls
// it with the member's state, the target, the partitions the member says it owns, and who
// owns what now, and stores what comes back.
//
// The rule is revoke before assign: a member that must give partitions up first keeps only
// what stays (epoch unchanged, UNREVOKED_PARTITIONS) until a heartbeat shows it no longer
// owns them; only then does it get new partitions and the target's epoch. A partition the
// target gives it but another member still holds is held back (UNRELEASED_PARTITIONS) and
// handed over on a later heartbeat, once released.
import { intersects, type TopicPartitions } from './partitions';

export type MemberState = 'STABLE' | 'UNREVOKED_PARTITIONS' | 'UNRELEASED_PARTITIONS' | 'UNKNOWN';

export interface Reconcilable {
  state: MemberState;
  memberEpoch: number;
  previousMemberEpoch: number;
  assigned: TopicPartitions;
  pendingRevocation: TopicPartitions;
}

export class MustRejoinError extends Error {}

/**
 * The member's next state, or the same object when nothing changes.
 * `owned`: the partitions the heartbeat says the member owns (null = not sent: assume it
 * still owns everything). `isHeld`: whether a member holds the partition now (assigned or
 * pending revocation).
 */
export function reconcile(
  member: Reconcilable,
  targetEpoch: number,
  target: TopicPartitions,
  owned: TopicPartitions | null,
  isHeld: (topicId: string, partition: number) => boolean,
): Reconcilable {
  const stillOwns = (revoking: TopicPartitions) => owned === null || intersects(owned, revoking);
  const next = (epochIfRevoking: number): Reconcilable => {
    const keep: TopicPartitions = new Map();
    const revoke: TopicPartitions = new Map();
    const incoming: TopicPartitions = new Map();
    let heldBack = false;
    for (const topicId of new Set([...target.keys(), ...member.assigned.keys()])) {
      const want = target.get(topicId) ?? new Set<number>();
      const have = member.assigned.get(topicId) ?? new Set<number>();
      const k = new Set([...have].filter((p) => want.has(p)));
      const r = new Set([...have].filter((p) => !k.has(p)));
      const a = new Set<number>();
      for (const p of want) {
        if (k.has(p)) continue;
        if (isHeld(topicId, p)) heldBack = true;
        else a.add(p);
      }
      if (k.size) keep.set(topicId, k);
      if (r.size) revoke.set(topicId, r);
      if (a.size) incoming.set(topicId, a);
    }
    const withEpoch = (state: MemberState, epoch: number, assigned: TopicPartitions, pendingRevocation: TopicPartitions): Reconcilable => ({
      state,
      memberEpoch: epoch,
      previousMemberEpoch: member.memberEpoch,
      assigned,
      pendingRevocation,
    });
    if (revoke.size > 0 && stillOwns(revoke)) return withEpoch('UNREVOKED_PARTITIONS', epochIfRevoking, keep, revoke);
    if (incoming.size > 0) {
      for (const [t, ps] of incoming) keep.set(t, new Set([...(keep.get(t) ?? []), ...ps]));
    }
    return withEpoch(heldBack ? 'UNRELEASED_PARTITIONS' : 'STABLE', targetEpoch, keep, new Map());
  };

  switch (member.state) {
    case 'STABLE':
      return member.memberEpoch === targetEpoch ? member : next(member.memberEpoch);
    case 'UNREVOKED_PARTITIONS':
      // a new epoch if it must revoke again, so the member can tell the two requests apart
      return stillOwns(member.pendingRevocation) ? member : next(member.memberEpoch + 1);
    case 'UNRELEASED_PARTITIONS':
      return next(member.memberEpoch);
    case 'UNKNOWN':
      if (owned === null || owned.size > 0) throw new MustRejoinError('The consumer group member is in an unknown state. It must give up all its partitions and rejoin.');
      return next(targetEpoch);
  }
}
