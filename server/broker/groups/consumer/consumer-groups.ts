// The coordinator of KIP-848 consumer groups (group.protocol=consumer), following Kafka 4.0's
// GroupMetadataManager: ConsumerGroupHeartbeat joins, heartbeats and leaves; the coordinator
// computes each group's target assignment with a server-side assignor and moves every member
// toward its share, revoking before assigning (reconcile.ts). It owns every ConsumerGroup;
// the GroupCoordinator owns it and routes to it whatever concerns such a group (offsets,
// describe, list, delete), so classic and consumer groups share one namespace of group ids.
//
// One heartbeat:
//  1. validate the request (Kafka's rules and messages), find or create the group and member;
//  2. check the member's epoch (a member behind or ahead of the coordinator is fenced);
//  3. take in the member's subscription; if who subscribes to what, or the subscribed topics'
//     partitions, changed: a new group epoch;
//  4. if the group epoch is past the assignment epoch: a new target assignment;
//  5. move the member toward its target; answer with its epoch and, when it changed, its
//     whole assignment.
// Each step's changes are records (records.ts), appended to __consumer_offsets before they
// are applied, so a restart rebuilds the same groups.
import crypto from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ErrorCode, KafkaError } from '../../../protocol/errors';
import type { BrokerConfig } from '../../config';
import type { OffsetsRecord } from '../offsets-topic';
import { assignorNamed } from './assignors/index';
import type { AssignorMember } from './assignors/assignor';
import { ConsumerGroup, ConsumerMember, preferredAssignor, type SubscribedTopic } from './consumer-group';
import { copy, equal, fromWire, isSubset, toWire, type TopicPartitions } from './partitions';
import { MustRejoinError, reconcile } from './reconcile';
import {
  apply,
  currentChange,
  epochChange,
  groupTombstones,
  memberChange,
  memberTombstones,
  partitionMetadataChange,
  targetChange,
  targetEpochChange,
  toRecord,
  type Change,
} from './records';

export const JOIN_EPOCH = 0;
export const LEAVE_EPOCH = -1;
export const STATIC_LEAVE_EPOCH = -2;
/** ConsumerGroupHeartbeat v1+: the member makes its own id (KIP-1082). */
const MEMBER_MADE_ID_VERSION = 1;

/** The cluster's topics as the coordinator needs them. */
export interface TopicsView {
  topic(name: string): { id: string; partitions: number; internal: boolean } | undefined;
  nameOf(topicId: string): string | undefined;
  /** Every topic name (for regex subscriptions). */
  names(): string[];
  /** Changes whenever a topic is created or deleted or gains partitions. */
  version(): number;
}

/** What the GroupCoordinator lends: writing records, timers, the log, the topics. */
export interface ConsumerGroupsHost {
  append(groupId: string, records: OffsetsRecord[]): void;
  timer(ms: number, fn: () => void): NodeJS.Timeout;
  log(msg: string): void;
  topics: TopicsView;
}

export interface HeartbeatRequest {
  groupId: string;
  memberId: string;
  memberEpoch: number;
  instanceId: string | null;
  rackId: string | null;
  rebalanceTimeoutMs: number;
  subscribedTopicNames: string[] | null;
  subscribedTopicRegex: string | null;
  serverAssignor: string | null;
  topicPartitions: { topicId: string; partitions: number[] }[] | null;
}

export interface HeartbeatResponse {
  throttleTimeMs: number;
  errorCode: number;
  errorMessage: string | null;
  memberId: string | null;
  memberEpoch: number;
  heartbeatIntervalMs: number;
  assignment: { topicPartitions: { topicId: string; partitions: number[] }[] } | null;
}

const blank = (s: string | null): boolean => s !== null && s.trim() === '';
const fail = (code: number, message: string): never => {
  throw new KafkaError(code, message);
};

export class ConsumerGroups {
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly assignors: string[];

  constructor(
    private readonly host: ConsumerGroupsHost,
    private readonly config: BrokerConfig,
  ) {
    this.assignors = config.groupConsumerAssignors.split(',').map((a) => a.trim());
  }

  get(groupId: string): ConsumerGroup | undefined {
    return this.groups.get(groupId);
  }

  all(): IterableIterator<ConsumerGroup> {
    return this.groups.values();
  }

  // ---- records ----------------------------------------------------------------------

  /** Appends the changes, then applies them; throws (and changes nothing) when the write fails. */
  private commit(g: ConsumerGroup, changes: Change[]): void {
    if (changes.length === 0) return;
    this.host.append(
      g.groupId,
      changes.map((c) => toRecord(g.groupId, c)),
    );
    for (const c of changes) apply(g, c);
  }

  /** At start: a group rebuilt from its records (and offsets), members given a fresh session. */
  restore(groupId: string, changes: Change[]): ConsumerGroup {
    const g = new ConsumerGroup(groupId);
    for (const c of changes) apply(g, c);
    this.groups.set(groupId, g);
    for (const m of g.members.values()) {
      this.scheduleSession(g, m);
      if (m.state === 'UNREVOKED_PARTITIONS') this.scheduleRebalance(g, m);
    }
    return g;
  }

  // ---- heartbeat --------------------------------------------------------------------

  /**
   * One ConsumerGroupHeartbeat. `classic`: the classic group holding the id, if any (only an
   * empty one may become a consumer group; `drop` deletes it and hands over its offsets).
   */
  heartbeat(
    req: HeartbeatRequest,
    apiVersion: number,
    client: { clientId: string; clientHost: string },
    classic: { exists: boolean; empty: boolean; drop: () => ConsumerGroup['offsets'] | null },
  ): HeartbeatResponse {
    try {
      this.validate(req, apiVersion);
      if (req.memberEpoch === LEAVE_EPOCH || req.memberEpoch === STATIC_LEAVE_EPOCH) return this.leave(req);
      return this.regularHeartbeat(req, apiVersion, client, classic);
    } catch (e) {
      if (e instanceof KafkaError) return errorResponse(e.code, e.message);
      if (e instanceof MustRejoinError) return errorResponse(ErrorCode.FENCED_MEMBER_EPOCH, e.message);
      throw e;
    }
  }

  /** Kafka's throwIfConsumerGroupHeartbeatRequestIsInvalid, in its order and words. */
  private validate(req: HeartbeatRequest, apiVersion: number): void {
    const invalid = (message: string) => fail(ErrorCode.INVALID_REQUEST, message);
    if (blank(req.groupId)) invalid("GroupId can't be empty.");
    if (blank(req.instanceId)) invalid("InstanceId can't be empty.");
    if (blank(req.rackId)) invalid("RackId can't be empty.");
    const epoch = req.memberEpoch;
    if ((apiVersion >= MEMBER_MADE_ID_VERSION || epoch > 0 || epoch === LEAVE_EPOCH) && req.memberId.trim() === '') invalid("MemberId can't be empty.");
    if (epoch === JOIN_EPOCH) {
      if (req.rebalanceTimeoutMs === -1) invalid('RebalanceTimeoutMs must be provided in first request.');
      if (req.topicPartitions === null || req.topicPartitions.length > 0) invalid('TopicPartitions must be empty when (re-)joining.');
      if (req.subscribedTopicNames === null && req.subscribedTopicRegex === null) invalid('Either SubscribedTopicNames or SubscribedTopicRegex must be non-null when (re-)joining.');
    } else if (epoch === STATIC_LEAVE_EPOCH) {
      if (req.instanceId === null) invalid("InstanceId can't be null.");
    } else if (epoch < STATIC_LEAVE_EPOCH) {
      invalid('MemberEpoch is invalid.');
    }
    if (req.serverAssignor !== null && !this.assignors.includes(req.serverAssignor)) {
      fail(ErrorCode.UNSUPPORTED_ASSIGNOR, `ServerAssignor ${req.serverAssignor} is not supported. Supported assignors: ${this.assignors.join(', ')}.`);
    }
    if (req.rebalanceTimeoutMs < -1) invalid('RebalanceTimeoutMs must be -1 or positive.');
  }

  private regularHeartbeat(
    req: HeartbeatRequest,
    apiVersion: number,
    client: { clientId: string; clientHost: string },
    classic: { exists: boolean; empty: boolean; drop: () => ConsumerGroup['offsets'] | null },
  ): HeartbeatResponse {
    const joining = req.memberEpoch === JOIN_EPOCH;
    const changes: Change[] = [];
    let g = this.groups.get(req.groupId);
    if (!g) {
      if (!joining) fail(ErrorCode.GROUP_ID_NOT_FOUND, `Consumer group ${req.groupId} not found.`);
      if (classic.exists && !classic.empty) fail(ErrorCode.GROUP_ID_NOT_FOUND, `Group ${req.groupId} is not a consumer group.`);
      g = new ConsumerGroup(req.groupId);
    }
    const isNewGroup = !this.groups.has(req.groupId);

    const known = req.memberId !== '' && g.members.has(req.memberId);
    if (g.members.size >= this.config.groupConsumerMaxSize && !known && !(req.instanceId !== null && g.staticMembers.has(req.instanceId))) {
      fail(ErrorCode.GROUP_MAX_SIZE_REACHED, `The consumer group has reached its maximum capacity of ${this.config.groupConsumerMaxSize} members.`);
    }
    const memberId = req.memberId !== '' ? req.memberId : crypto.randomBytes(16).toString('base64url');

    // the member as it stands, or a new one (a static member replacing its old self keeps its partitions)
    let member: ConsumerMember;
    let replaced: ConsumerMember | null = null;
    if (req.instanceId !== null) {
      const holderId = g.staticMembers.get(req.instanceId);
      const holder = holderId !== undefined ? g.members.get(holderId) : undefined;
      if (joining) {
        if (holder && holder.memberId !== memberId) {
          if (holder.memberEpoch !== STATIC_LEAVE_EPOCH) {
            fail(ErrorCode.UNRELEASED_INSTANCE_ID, `Static member ${memberId} with instance id ${req.instanceId} cannot join the group because the instance id is owned by ${holder.memberId} member.`);
          }
          replaced = holder;
        }
        member = g.members.get(memberId) ?? new ConsumerMember(memberId);
      } else {
        if (!holder) fail(ErrorCode.UNKNOWN_MEMBER_ID, `Instance id ${req.instanceId} is unknown.`);
        if (holder!.memberId !== memberId) fail(ErrorCode.FENCED_INSTANCE_ID, `Static member ${memberId} with instance id ${req.instanceId} was fenced by member ${holder!.memberId}.`);
        member = holder!;
      }
    } else {
      const existing = g.members.get(memberId);
      if (!existing && !joining) fail(ErrorCode.UNKNOWN_MEMBER_ID, `Member ${memberId} is not a member of group ${req.groupId}.`);
      member = existing ?? new ConsumerMember(memberId);
    }
    const isNewMember = !g.members.has(memberId);
    if (!isNewMember) this.checkEpoch(member, req);
    // where the member starts from: a replacing static member from its old self, at epoch 0
    const current = replaced ? { ...replaced, memberEpoch: 0, previousMemberEpoch: 0 } : member;

    // 1. the member's own record: subscription and identity
    const updated = new ConsumerMember(memberId);
    const base = replaced ?? member;
    updated.instanceId = req.instanceId ?? base.instanceId;
    updated.rackId = req.rackId ?? base.rackId;
    updated.clientId = client.clientId;
    updated.clientHost = client.clientHost;
    updated.subscribedTopicNames = req.subscribedTopicNames !== null ? [...new Set(req.subscribedTopicNames)].sort() : base.subscribedTopicNames;
    updated.subscribedTopicRegex = req.subscribedTopicRegex !== null ? (req.subscribedTopicRegex === '' ? null : req.subscribedTopicRegex) : base.subscribedTopicRegex;
    updated.rebalanceTimeoutMs = req.rebalanceTimeoutMs !== -1 ? req.rebalanceTimeoutMs : base.rebalanceTimeoutMs;
    updated.serverAssignor = req.serverAssignor ?? base.serverAssignor;
    if (updated.subscribedTopicRegex !== null && updated.subscribedTopicRegex !== base.subscribedTopicRegex) compileRegex(updated.subscribedTopicRegex);

    if (replaced) {
      // the new id takes the old one's place: its partitions, its target, its state (epoch 0)
      changes.push(...memberTombstones(replaced.memberId));
      changes.push(memberChange(updated));
      changes.push(targetChange(memberId, g.target(replaced.memberId)));
      changes.push(currentChange(memberId, current));
    } else if (isNewMember || !isDeepStrictEqual(memberChange(member).value, memberChange(updated).value)) {
      changes.push(memberChange(updated));
    }
    const subscriptionChanged =
      isNewMember && !replaced
        ? updated.subscribedTopicNames.length > 0 || updated.subscribedTopicRegex !== null
        : !sameList(base.subscribedTopicNames, updated.subscribedTopicNames) || base.subscribedTopicRegex !== updated.subscribedTopicRegex;

    // 2. the group epoch: who subscribes to what, and what those topics are now
    const members = membersWith(g, updated, [replaced?.memberId]);
    let bump = subscriptionChanged || g.groupEpoch === 0;
    let metadata = g.subscriptionMetadata;
    const topicsVersion = this.host.topics.version();
    if (bump || g.metadataSeen !== topicsVersion) {
      const fresh = this.subscriptionMetadata(members);
      if (!sameMetadata(fresh, g.subscriptionMetadata)) {
        changes.push(partitionMetadataChange(fresh));
        metadata = fresh;
        bump = true;
      }
    }
    const groupEpoch = bump ? g.groupEpoch + 1 : g.groupEpoch;
    if (bump) changes.push(epochChange(groupEpoch));

    // 3. the target assignment, when the group epoch moved past it
    let target = replaced ? g.target(replaced.memberId) : g.target(memberId);
    let assignmentEpoch = g.assignmentEpoch;
    if (groupEpoch > g.assignmentEpoch) {
      // the replacing member starts from the target of the one it replaces
      const targets = this.computeTargets(members, (id) => g.target(replaced && id === memberId ? replaced.memberId : id), metadata);
      for (const [id, t] of targets) if (!equal(t, g.target(id)) || (replaced && id === memberId)) changes.push(targetChange(id, t));
      changes.push(targetEpochChange(groupEpoch));
      target = targets.get(memberId) ?? new Map();
      assignmentEpoch = groupEpoch;
    }

    // 4. the member moves toward it
    const owned = req.topicPartitions === null ? null : fromWire(req.topicPartitions);
    const next = reconcile(current, assignmentEpoch, target, owned, (t, p) => g.isHeld(t, p));
    if (next !== current) changes.push(currentChange(memberId, next));

    const assignedBefore = isNewMember && !replaced ? new Map() : copy(current.assigned);
    this.commit(g, changes);
    if (isNewGroup) {
      this.groups.set(g.groupId, g);
      this.host.log(`consumer group ${g.groupId} created`);
    }
    g.metadataSeen = topicsVersion;
    if (isNewGroup && classic.exists) {
      // an empty classic group becomes this consumer group; its offsets carry over
      for (const [k, o] of classic.drop() ?? []) g.offsets.set(k, o);
      this.host.log(`group ${req.groupId}: the empty classic group is now a consumer group (its offsets kept)`);
    }
    const stored = g.members.get(memberId)!;
    if (isNewMember) this.host.log(`consumer group ${g.groupId}: member ${memberId}${replaced ? ` replaces ${replaced.memberId} (instance ${req.instanceId})` : ''} joined (${client.clientId})`);
    if (bump) this.host.log(`consumer group ${g.groupId}: epoch ${groupEpoch}`);
    if (next !== current) {
      if (stored.state === 'UNREVOKED_PARTITIONS') this.scheduleRebalance(g, stored);
      else this.cancelRebalance(stored);
    }
    this.scheduleSession(g, stored);

    const full = joining || (req.rebalanceTimeoutMs !== -1 && (req.subscribedTopicNames !== null || req.subscribedTopicRegex !== null) && req.topicPartitions !== null);
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      memberId,
      memberEpoch: stored.memberEpoch,
      heartbeatIntervalMs: this.config.groupConsumerHeartbeatIntervalMs,
      assignment: full || !equal(assignedBefore, stored.assigned) ? { topicPartitions: toWire(stored.assigned) } : null,
    };
  }

  /** Kafka's throwIfConsumerGroupMemberEpochIsInvalid: behind or ahead is fenced, except a lost answer. */
  private checkEpoch(member: ConsumerMember, req: HeartbeatRequest): void {
    const received = req.memberEpoch;
    // a known member coming back at epoch 0 (after being fenced, it keeps its id: KIP-1082) rejoins
    if (received === JOIN_EPOCH) return;
    if (received > member.memberEpoch) {
      fail(ErrorCode.FENCED_MEMBER_EPOCH, `The consumer group member has a greater member epoch (${received}) than the one known by the group coordinator (${member.memberEpoch}). The member must abandon all its partitions and rejoin.`);
    }
    if (received < member.memberEpoch) {
      // the answer that gave the member its new epoch may have been lost: it may come back with the previous one
      const owned = req.topicPartitions === null ? null : fromWire(req.topicPartitions);
      if (received !== member.previousMemberEpoch || owned === null || !isSubset(owned, member.assigned)) {
        fail(ErrorCode.FENCED_MEMBER_EPOCH, `The consumer group member has a smaller member epoch (${received}) than the one known by the group coordinator (${member.memberEpoch}). The member must abandon all its partitions and rejoin.`);
      }
    }
  }

  /** The topics these members subscribe to that exist (Kafka's subscription metadata). */
  private subscriptionMetadata(members: ConsumerMember[]): Map<string, SubscribedTopic> {
    const names = new Set<string>();
    const regexes = new Set<string>();
    for (const m of members) {
      for (const n of m.subscribedTopicNames) names.add(n);
      if (m.subscribedTopicRegex) regexes.add(m.subscribedTopicRegex);
    }
    for (const n of this.resolveRegexes(regexes)) names.add(n);
    const out = new Map<string, SubscribedTopic>();
    for (const n of [...names].sort()) {
      const t = this.host.topics.topic(n);
      if (t) out.set(n, { topicId: t.id, numPartitions: t.partitions });
    }
    return out;
  }

  /** Topics whose whole name matches one of the regexes (internal topics left out, as a subscription by pattern does). */
  private resolveRegexes(regexes: Set<string>): string[] {
    if (regexes.size === 0) return [];
    const compiled = [...regexes].map(compileRegex);
    return this.host.topics.names().filter((n) => !this.host.topics.topic(n)?.internal && compiled.some((r) => r.test(n)));
  }

  /** The topic ids one member's subscription names now. */
  private memberTopics(m: ConsumerMember, metadata: Map<string, SubscribedTopic>): Set<string> {
    const ids = new Set<string>();
    for (const n of m.subscribedTopicNames) {
      const t = metadata.get(n);
      if (t) ids.add(t.topicId);
    }
    if (m.subscribedTopicRegex) {
      const r = compileRegex(m.subscribedTopicRegex);
      for (const [n, t] of metadata) if (r.test(n)) ids.add(t.topicId);
    }
    return ids;
  }

  /** Every member's new target; `targetOf` gives each one's current target (for stickiness). */
  private computeTargets(members: ConsumerMember[], targetOf: (memberId: string) => TopicPartitions, metadata: Map<string, SubscribedTopic>): Map<string, TopicPartitions> {
    const input: AssignorMember[] = members.map((m) => ({ memberId: m.memberId, instanceId: m.instanceId, topics: this.memberTopics(m, metadata), current: targetOf(m.memberId) }));
    const counts = new Map([...metadata.values()].map((t) => [t.topicId, t.numPartitions]));
    const name = preferredAssignor(members, this.assignors); // the vote counts the updated member's choice
    const assignor = assignorNamed(name);
    if (!assignor) throw new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, `no assignor named ${name}`);
    return assignor.assign({ members: input, partitionCount: (id) => counts.get(id) ?? -1 });
  }

  // ---- leaving and fencing ----------------------------------------------------------

  private leave(req: HeartbeatRequest): HeartbeatResponse {
    const g = this.groups.get(req.groupId);
    if (!g) fail(ErrorCode.GROUP_ID_NOT_FOUND, `Group ${req.groupId} not found.`);
    let member: ConsumerMember | undefined;
    if (req.instanceId === null) {
      member = g!.members.get(req.memberId);
      if (!member) fail(ErrorCode.UNKNOWN_MEMBER_ID, `Member ${req.memberId} is not a member of group ${req.groupId}.`);
    } else {
      const holderId = g!.staticMembers.get(req.instanceId);
      member = holderId === undefined ? undefined : g!.members.get(holderId);
      if (!member) fail(ErrorCode.UNKNOWN_MEMBER_ID, `Instance id ${req.instanceId} is unknown.`);
      if (member!.memberId !== req.memberId) fail(ErrorCode.FENCED_INSTANCE_ID, `Static member ${req.memberId} with instance id ${req.instanceId} was fenced by member ${member!.memberId}.`);
      if (req.memberEpoch === STATIC_LEAVE_EPOCH) {
        // it will be back: it keeps its partitions (nobody else gets them) until its session ends
        this.commit(g!, [currentChange(member!.memberId, { ...member!, memberEpoch: STATIC_LEAVE_EPOCH, pendingRevocation: new Map() })]);
        this.cancelRebalance(member!);
        this.host.log(`consumer group ${g!.groupId}: static member ${member!.memberId} (instance ${req.instanceId}) left for now`);
        return { ...errorResponse(ErrorCode.NONE, null), memberId: member!.memberId, memberEpoch: STATIC_LEAVE_EPOCH };
      }
    }
    this.fence(g!, member!, 'left the group');
    return { ...errorResponse(ErrorCode.NONE, null), memberId: req.memberId, memberEpoch: LEAVE_EPOCH };
  }

  /** Removes a member: its records deleted, a new group epoch (the target follows on the next heartbeat). */
  private fence(g: ConsumerGroup, m: ConsumerMember, why: string): void {
    const metadata = this.subscriptionMetadata(membersWith(g, null, [m.memberId]));
    const changes: Change[] = memberTombstones(m.memberId);
    if (!sameMetadata(metadata, g.subscriptionMetadata)) changes.push(partitionMetadataChange(metadata));
    changes.push(epochChange(g.groupEpoch + 1));
    this.commit(g, changes);
    m.clearTimers();
    this.host.log(`consumer group ${g.groupId}: member ${m.memberId} ${why}; epoch ${g.groupEpoch}`);
  }

  private current(g: ConsumerGroup, m: ConsumerMember): boolean {
    return this.groups.get(g.groupId) === g && g.members.get(m.memberId) === m;
  }

  private scheduleSession(g: ConsumerGroup, m: ConsumerMember): void {
    if (m.sessionTimer) clearTimeout(m.sessionTimer);
    const ms = this.config.groupConsumerSessionTimeoutMs;
    m.sessionTimer = this.host.timer(ms, () => {
      m.sessionTimer = null;
      if (!this.current(g, m)) return;
      this.tryFence(g, m, `timed out (session ${ms} ms)`);
    });
  }

  private scheduleRebalance(g: ConsumerGroup, m: ConsumerMember): void {
    this.cancelRebalance(m);
    const epoch = m.memberEpoch;
    const ms = Math.max(m.rebalanceTimeoutMs, 0);
    m.rebalanceTimer = this.host.timer(ms, () => {
      m.rebalanceTimer = null;
      if (!this.current(g, m) || m.memberEpoch !== epoch) return;
      this.tryFence(g, m, `did not revoke its partitions within its rebalance timeout (${ms} ms)`);
    });
  }

  private cancelRebalance(m: ConsumerMember): void {
    if (m.rebalanceTimer) clearTimeout(m.rebalanceTimer);
    m.rebalanceTimer = null;
  }

  private tryFence(g: ConsumerGroup, m: ConsumerMember, why: string): void {
    try {
      this.fence(g, m, why);
    } catch (e) {
      // the write failed: the member stays, and its clock starts over
      this.host.log(`consumer group ${g.groupId}: could not remove member ${m.memberId}: ${(e as Error).message}`);
      this.scheduleSession(g, m);
    }
  }

  // ---- admin ------------------------------------------------------------------------

  /** DeleteGroups for an Empty consumer group: its records (offsets are the caller's) deleted. */
  tombstones(g: ConsumerGroup): OffsetsRecord[] {
    return groupTombstones(g).map((c) => toRecord(g.groupId, c));
  }

  /** Forgets a group whose tombstones were written. */
  forget(groupId: string): void {
    this.groups.get(groupId)?.clearTimers();
    this.groups.delete(groupId);
  }

  /** Whether the group subscribes to the topic (OffsetDelete's GROUP_SUBSCRIBED_TO_TOPIC). */
  subscribesTo(g: ConsumerGroup, topic: string): boolean {
    if (g.subscribedNames().has(topic)) return true;
    for (const m of g.members.values()) if (m.subscribedTopicRegex && compileRegex(m.subscribedTopicRegex).test(topic)) return true;
    return false;
  }

  /** ConsumerGroupDescribe's answer for one group (topic names from ids; topics gone are left out). */
  describe(groupId: string, includeAuthorizedOperations: boolean, authorizedOperations: number) {
    const g = this.groups.get(groupId);
    if (!g) return null;
    const named = (tp: TopicPartitions) =>
      toWire(tp)
        .map((t) => ({ ...t, topicName: this.host.topics.nameOf(t.topicId) ?? '' }))
        .filter((t) => t.topicName !== '');
    const assignment = (tp: TopicPartitions) => ({ topicPartitions: named(tp), error: 0, metadataVersion: 0, metadataBytes: Buffer.alloc(0) });
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      groupId,
      groupState: g.state,
      groupEpoch: g.groupEpoch,
      assignmentEpoch: g.assignmentEpoch,
      assignorName: preferredAssignor(g.members.values(), this.assignors),
      members: [...g.members.values()].map((m) => ({
        memberId: m.memberId,
        instanceId: m.instanceId,
        rackId: m.rackId,
        memberEpoch: m.memberEpoch,
        clientId: m.clientId,
        clientHost: m.clientHost,
        subscribedTopicNames: m.subscribedTopicNames,
        subscribedTopicRegex: m.subscribedTopicRegex,
        assignment: assignment(m.assigned),
        targetAssignment: assignment(g.target(m.memberId)),
      })),
      authorizedOperations: includeAuthorizedOperations ? authorizedOperations : -2147483648,
    };
  }

  close(): void {
    for (const g of this.groups.values()) g.clearTimers();
  }
}

/** The group's members with `updated` in place of its stored self, and those in `leaveOut` left out. */
function membersWith(g: ConsumerGroup, updated: ConsumerMember | null, leaveOut: (string | undefined)[]): ConsumerMember[] {
  const skip = new Set([updated?.memberId, ...leaveOut]);
  const out = [...g.members.values()].filter((m) => !skip.has(m.memberId));
  if (updated) out.push(updated);
  return out;
}

function errorResponse(errorCode: number, errorMessage: string | null): HeartbeatResponse {
  return { throttleTimeMs: 0, errorCode, errorMessage, memberId: null, memberEpoch: 0, heartbeatIntervalMs: 0, assignment: null };
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameMetadata(a: Map<string, SubscribedTopic>, b: Map<string, SubscribedTopic>): boolean {
  if (a.size !== b.size) return false;
  for (const [n, t] of a) {
    const o = b.get(n);
    if (!o || o.topicId !== t.topicId || o.numPartitions !== t.numPartitions) return false;
  }
  return true;
}

/** Kafka uses RE2/J and matches the whole name; JavaScript's RegExp, anchored, reads the common subset the same way. */
const regexCache = new Map<string, RegExp>();
function compileRegex(source: string): RegExp {
  let r = regexCache.get(source);
  if (r) return r;
  try {
    r = new RegExp(`^(?:${source})$`, 'u');
  } catch (e) {
    throw new KafkaError(ErrorCode.INVALID_REGULAR_EXPRESSION, `SubscribedTopicRegex \`${source}\` is not a valid regular expression: ${(e as Error).message}.`);
  }
  if (regexCache.size > 1000) regexCache.clear();
  regexCache.set(source, r);
  return r;
}
