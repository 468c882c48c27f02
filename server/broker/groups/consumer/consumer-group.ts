// One KIP-848 consumer group as its coordinator holds it (Kafka's ConsumerGroup and
// ConsumerGroupMember): the group epoch (bumped by every change of who subscribes to what),
// the assignment epoch (the group epoch the target was computed at), the members with their
// subscriptions and their current assignment on the way to their target, and the committed
// offsets. Pure data plus queries; consumer-groups.ts owns every ConsumerGroup and changes it
// only through the apply* functions of records.ts, the same path a restart replays.
import type { StoredOffset } from '../group';
import type { MemberState, Reconcilable } from './reconcile';
import { noPartitions, type TopicPartitions } from './partitions';

export type ConsumerGroupState = 'Empty' | 'Assigning' | 'Reconciling' | 'Stable';

export class ConsumerMember implements Reconcilable {
  instanceId: string | null = null;
  rackId: string | null = null;
  clientId = '';
  clientHost = '';
  /** Sorted, as Kafka writes them. */
  subscribedTopicNames: string[] = [];
  subscribedTopicRegex: string | null = null;
  rebalanceTimeoutMs = -1;
  serverAssignor: string | null = null;

  state: MemberState = 'STABLE';
  memberEpoch = 0;
  previousMemberEpoch = -1;
  assigned: TopicPartitions = noPartitions();
  pendingRevocation: TopicPartitions = noPartitions();

  /** Removes the member when it stops heartbeating. */
  sessionTimer: NodeJS.Timeout | null = null;
  /** Removes the member when it does not revoke in time (armed only while UNREVOKED_PARTITIONS). */
  rebalanceTimer: NodeJS.Timeout | null = null;

  constructor(readonly memberId: string) {}

  clearTimers(): void {
    for (const t of [this.sessionTimer, this.rebalanceTimer]) if (t) clearTimeout(t);
    this.sessionTimer = this.rebalanceTimer = null;
  }
}

/** A subscribed topic as the group last saw it: a change of id or partition count is a new epoch. */
export interface SubscribedTopic {
  topicId: string;
  numPartitions: number;
}

export class ConsumerGroup {
  groupEpoch = 0;
  assignmentEpoch = 0;
  readonly members = new Map<string, ConsumerMember>();
  /** Each member's target assignment, by member id. */
  readonly targets = new Map<string, TopicPartitions>();
  /** instance id → member id, for static members. */
  readonly staticMembers = new Map<string, string>();
  /** The subscribed topics that exist, by name (Kafka's subscription metadata). */
  subscriptionMetadata = new Map<string, SubscribedTopic>();
  /** Keyed by offsetKey(topic, partition), as a classic group's. */
  readonly offsets = new Map<string, StoredOffset>();
  /** topic id → partition → the member holding it (assigned or being revoked). */
  private readonly partitionOwners = new Map<string, Map<number, string>>();
  /** The cluster's topic metadata version the subscription metadata was computed against. */
  metadataSeen = -1;
  stateTimestamp = Date.now();
  private lastState: ConsumerGroupState = 'Empty';

  constructor(readonly groupId: string) {}

  get state(): ConsumerGroupState {
    if (this.members.size === 0) return 'Empty';
    if (this.groupEpoch > this.assignmentEpoch) return 'Assigning';
    for (const m of this.members.values()) if (m.state !== 'STABLE' || m.memberEpoch !== this.assignmentEpoch) return 'Reconciling';
    return 'Stable';
  }

  /** Call after a change: keeps the time the state last changed (shown by describe). */
  noteState(): void {
    const now = this.state;
    if (now !== this.lastState) {
      this.lastState = now;
      this.stateTimestamp = Date.now();
    }
  }

  target(memberId: string): TopicPartitions {
    return this.targets.get(memberId) ?? noPartitions();
  }

  /** Whether some member holds the partition now (assigned, or still being revoked). */
  isHeld(topicId: string, partition: number): boolean {
    return this.partitionOwners.get(topicId)?.has(partition) ?? false;
  }

  /** Moves the ownership map from a member's old assignment to its new one (either may be null). */
  trackOwnership(memberId: string, before: Reconcilable | null, after: Reconcilable | null): void {
    for (const tp of before ? [before.assigned, before.pendingRevocation] : []) {
      for (const [t, ps] of tp) {
        const owners = this.partitionOwners.get(t);
        if (!owners) continue;
        for (const p of ps) if (owners.get(p) === memberId) owners.delete(p);
        if (owners.size === 0) this.partitionOwners.delete(t);
      }
    }
    for (const tp of after ? [after.assigned, after.pendingRevocation] : []) {
      for (const [t, ps] of tp) {
        let owners = this.partitionOwners.get(t);
        if (!owners) this.partitionOwners.set(t, (owners = new Map()));
        for (const p of ps) owners.set(p, memberId);
      }
    }
  }

  /** Every topic name some member subscribes to by name. */
  subscribedNames(): Set<string> {
    const out = new Set<string>();
    for (const m of this.members.values()) for (const n of m.subscribedTopicNames) out.add(n);
    return out;
  }

  clearTimers(): void {
    for (const m of this.members.values()) m.clearTimers();
  }
}

/** The assignor most members asked for (ties: the earlier in `configured`), else the first configured. */
export function preferredAssignor(members: Iterable<ConsumerMember>, configured: string[]): string {
  const votes = new Map<string, number>();
  for (const m of members) if (m.serverAssignor) votes.set(m.serverAssignor, (votes.get(m.serverAssignor) ?? 0) + 1);
  let best = configured[0];
  let most = 0;
  for (const name of configured) {
    const n = votes.get(name) ?? 0;
    if (n > most) [best, most] = [name, n];
  }
  return best;
}
