// The group coordinator: Kafka's classic consumer-group protocol on one node, following
// Kafka 3.7's GroupCoordinator.scala. It owns every Group; ClusterState owns it, and the
// handlers (08-offset-commit.ts … 47-offset-delete.ts) only ask it.
//
// States: Empty → PreparingRebalance → CompletingRebalance → Stable (→ PreparingRebalance …);
// a deleted group is Dead and forgotten.
// - JoinGroup moves the group to PreparingRebalance and is held (its promise unresolved)
//   until every known member has rejoined and no member id handed out with
//   MEMBER_ID_REQUIRED is outstanding, or until the largest rebalance timeout passes;
//   members that did not rejoin by then are dropped. No initial delay unless
//   group.initial.rebalance.delay.ms says so.
// - The leader gets every member's metadata; SyncGroup from followers is held until the
//   leader's assignment arrives, then the group is Stable and its metadata is written.
// - A member that neither heartbeats nor commits within its session timeout is removed and
//   the others rebalance; LeaveGroup removes at once. Members held in JoinGroup/SyncGroup
//   count as alive; a member that got its JoinGroup answer but never sends SyncGroup is
//   removed after the rebalance timeout.
// - Every offset commit and every completed rebalance is a record in __consumer_offsets
//   (offsets-topic.ts); load() replays them at start.
// Static membership (group.instance.id) is not implemented: the id is kept and reported,
// but such members behave as dynamic ones (see UNSUPPORTED.md).
// KIP-848 consumer groups (ConsumerGroupHeartbeat) live in consumer/consumer-groups.ts,
// owned here: one namespace of group ids, one offsets topic, one place the handlers ask.
import crypto from 'node:crypto';
import { ErrorCode } from '../../protocol/errors';
import type { BrokerConfig } from '../config';
import type { PartitionLog } from '../log/partition-log';
import { EMPTY, Group, Member, type JoinResult, type Protocol, type StoredOffset, type SyncResult } from './group';
import type { ConsumerGroup } from './consumer/consumer-group';
import { ConsumerGroups, type HeartbeatRequest, type HeartbeatResponse, type TopicsView } from './consumer/consumer-groups';
import {
  OFFSETS_TOPIC,
  groupMetadataKey,
  groupMetadataValue,
  offsetCommitKey,
  offsetCommitValue,
  offsetKey,
  partitionFor,
  recordsBatch,
  replay,
  type OffsetCommitValue,
  type OffsetsRecord,
} from './offsets-topic';

/** Kafka's GroupCoordinator.NewMemberJoinTimeoutMs: how long a new member may sit in JoinGroup. */
export const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;
/** Kafka's offset.metadata.max.bytes default. */
export const OFFSET_METADATA_MAX_BYTES = 4096;
const OFFSET_METADATA_TOO_LARGE = 12;
/** setTimeout's limit (a larger delay fires at once); client-chosen timeouts are capped to it. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** ACL operations a group supports (READ 3, DELETE 6, DESCRIBE 8) as DescribeGroups v3+ reports them. */
export const GROUP_AUTHORIZED_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);

/** What the coordinator needs from the cluster: the offsets topic and topic existence. */
export interface CoordinatorHost {
  offsetsTopicLogs(): PartitionLog[];
  hasPartition(topic: string, partition: number): boolean;
  topics: TopicsView;
}

/** OffsetCommit v9 is the first a KIP-848 consumer group's members may use. */
const CONSUMER_COMMIT_VERSION = 9;

export interface JoinRequest {
  groupId: string;
  memberId: string;
  groupInstanceId: string | null;
  /** JoinGroup v4+: a new member must rejoin with the id it is given (MEMBER_ID_REQUIRED). */
  requireKnownMemberId: boolean;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: Protocol[];
  /** JoinGroup v8+: why the member (re)joins, for the log; null when not given. */
  reason: string | null;
}

export interface SyncRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  /** SyncGroup v5+: what the member's JoinGroup answer said; a mismatch is INCONSISTENT_GROUP_PROTOCOL, null is not checked. */
  protocolType: string | null;
  protocolName: string | null;
  assignments: { memberId: string; assignment: Buffer }[];
}

/** A member leaving (LeaveGroup); `reason` (v5+) goes to the log. */
export interface LeavingMember {
  memberId: string;
  groupInstanceId: string | null;
  reason?: string | null;
}

export interface CommitPartition {
  partitionIndex: number;
  committedOffset: number;
  committedLeaderEpoch: number;
  committedMetadata: string | null;
  /** OffsetCommit v1 only; −1 = now. */
  commitTimestamp: number;
}

export interface CommitRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  topics: { name: string; partitions: CommitPartition[] }[];
  /** The OffsetCommit version (consumer groups take v9+ from their members). */
  apiVersion?: number;
}

export interface FetchedOffset {
  partitionIndex: number;
  committedOffset: number;
  committedLeaderEpoch: number;
  metadata: string;
  errorCode: number;
}

export interface GroupSummary {
  errorCode: number;
  groupId: string;
  groupState: string;
  protocolType: string;
  protocolData: string;
  members: {
    memberId: string;
    groupInstanceId: string | null;
    clientId: string;
    clientHost: string;
    memberMetadata: Buffer;
    memberAssignment: Buffer;
  }[];
}

const joinError = (errorCode: number, memberId: string): JoinResult => ({
  errorCode,
  generationId: -1,
  protocolType: null,
  protocolName: null,
  leader: '',
  memberId,
  members: [],
});
const syncError = (errorCode: number): SyncResult => ({ errorCode, protocolType: null, protocolName: null, assignment: EMPTY });
/** What happened, with the client's reason as Kafka logs it (KIP-800) when the client gave one. */
const withReason = (what: string, reason: string | null | undefined): string => (reason ? `${what}; client reason: ${reason}` : what);
/** Kafka's isProtocolInconsistent: the client named a type or name, and the group has another. */
const inconsistent = (asked: string | null, actual: string | null): boolean => asked !== null && actual !== null && asked !== actual;

export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  /** KIP-848 consumer groups. */
  readonly consumer: ConsumerGroups;
  private closed = false;

  constructor(
    private readonly host: CoordinatorHost,
    private readonly config: BrokerConfig,
    private readonly log: (msg: string) => void,
  ) {
    this.consumer = new ConsumerGroups(
      { append: (groupId, records) => this.append(groupId, records), timer: (ms, fn) => this.timer(ms, fn), log, topics: host.topics },
      config,
    );
  }

  // ---- loading and persistence -------------------------------------------------------

  /** Rebuilds groups and offsets from __consumer_offsets (call once, before serving). */
  async load(): Promise<void> {
    const loaded = await replay(this.host.offsetsTopicLogs(), (m) => this.log(`${OFFSETS_TOPIC}: ${m}`));
    for (const [groupId, l] of loaded) {
      if (l.consumer.length > 0) {
        const cg = this.consumer.restore(groupId, l.consumer);
        for (const [k, o] of l.offsets) cg.offsets.set(k, o);
        continue;
      }
      const group = new Group(groupId);
      for (const [k, o] of l.offsets) group.offsets.set(k, o);
      const md = l.metadata;
      if (md) {
        group.protocolType = md.protocolType === '' ? null : md.protocolType;
        group.generationId = md.generationId;
        group.protocolName = md.protocolName;
        if (md.members.length > 0 && md.protocolName !== null && group.protocolType !== null) {
          for (const m of md.members) {
            const member = new Member(
              m.memberId,
              m.groupInstanceId,
              m.clientId,
              m.clientHost,
              m.rebalanceTimeoutMs,
              m.sessionTimeoutMs,
              group.protocolType,
              [{ name: md.protocolName, metadata: m.subscription }],
            );
            member.assignment = m.assignment;
            group.add(member, null);
          }
          if (md.leader !== null && group.members.has(md.leader)) group.leaderId = md.leader;
          group.transitionTo('Stable');
          for (const m of group.members.values()) this.scheduleExpiry(group, m, m.sessionTimeoutMs);
        }
        group.subscribedTopics = group.computeSubscribedTopics();
      }
      this.groups.set(groupId, group);
    }
    if (loaded.size > 0) this.log(`loaded ${loaded.size} group(s) from ${OFFSETS_TOPIC}`);
  }

  private offsetsLog(groupId: string): PartitionLog {
    const logs = this.host.offsetsTopicLogs();
    return logs[partitionFor(groupId, logs.length)];
  }

  /** Appends records for one group to its __consumer_offsets partition (throws on I/O errors). */
  private append(groupId: string, records: OffsetsRecord[]): void {
    if (records.length === 0) return;
    this.offsetsLog(groupId).append([recordsBatch(records)]);
  }

  private groupRecord(group: Group, assignment?: Map<string, Buffer>): OffsetsRecord {
    const members = [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      sessionTimeoutMs: m.sessionTimeoutMs,
      subscription: m.metadata(group.protocolName),
      assignment: assignment?.get(m.memberId) ?? m.assignment,
    }));
    return {
      key: groupMetadataKey(group.groupId),
      value: groupMetadataValue({
        protocolType: group.protocolType ?? '',
        generationId: group.generationId,
        protocolName: group.protocolName,
        leader: group.leaderId,
        members,
      }),
    };
  }

  /** Writes the group's metadata record; false (logged) when the write failed. */
  private storeGroup(group: Group, assignment?: Map<string, Buffer>): boolean {
    try {
      this.append(group.groupId, [this.groupRecord(group, assignment)]);
      return true;
    } catch (e) {
      this.log(`could not write group ${group.groupId} to ${OFFSETS_TOPIC}: ${(e as Error).message}`);
      return false;
    }
  }

  // ---- timers ------------------------------------------------------------------------

  private timer(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      if (this.closed) return;
      try {
        fn();
      } catch (e) {
        this.log(`group coordinator timer failed: ${(e as Error).stack ?? e}`);
      }
    }, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    t.unref();
    return t;
  }

  private current(group: Group): boolean {
    return this.groups.get(group.groupId) === group;
  }

  /** Kafka's completeAndScheduleNextHeartbeatExpiration: the member's clock starts over. */
  private scheduleExpiry(group: Group, member: Member, ms: number): void {
    if (member.expiry) clearTimeout(member.expiry);
    member.expiry = this.timer(ms, () => {
      member.expiry = null;
      if (!this.current(group) || group.members.get(member.memberId) !== member) return;
      // Members held in JoinGroup or SyncGroup are waiting on us, not silent — unless they
      // are new and have never completed a join (NEW_MEMBER_JOIN_TIMEOUT_MS).
      const alive = !member.isNew && (member.awaitingJoin !== null || member.awaitingSync !== null);
      if (alive) return; // the join/sync answer schedules the next expiry
      this.log(`group ${group.groupId}: member ${member.memberId} timed out (session ${member.sessionTimeoutMs} ms), removing it`);
      this.removeMemberAndUpdateGroup(group, member);
    });
  }

  // ---- rebalancing -------------------------------------------------------------------

  private maybePrepareRebalance(group: Group, reason: string): void {
    if (group.canRebalance) this.prepareRebalance(group, reason);
  }

  private prepareRebalance(group: Group, reason: string): void {
    if (group.is('CompletingRebalance')) this.resetAndPropagateAssignmentError(group, ErrorCode.REBALANCE_IN_PROGRESS);
    if (group.syncTimer) clearTimeout(group.syncTimer);
    group.syncTimer = null;
    group.pendingSync.clear();
    if (group.joinTimer) clearTimeout(group.joinTimer);
    group.joinTimer = null;
    const fromEmpty = group.is('Empty');
    group.transitionTo('PreparingRebalance');
    this.log(`group ${group.groupId}: preparing to rebalance (generation ${group.generationId}): ${reason}`);
    const delay = this.config.groupInitialRebalanceDelayMs;
    if (fromEmpty && delay > 0) {
      // Kafka's InitialDelayedJoin: wait `delay`, and again while new members keep coming,
      // up to the rebalance timeout.
      group.inInitialDelay = true;
      group.newMemberAdded = false;
      let remaining = Math.max(group.rebalanceTimeoutMs - delay, 0);
      const arm = (ms: number) => {
        group.joinTimer = this.timer(ms, () => {
          if (!this.current(group) || !group.is('PreparingRebalance')) return;
          if (group.newMemberAdded && remaining > 0) {
            group.newMemberAdded = false;
            const next = Math.min(delay, remaining);
            remaining -= next;
            arm(next);
          } else {
            group.inInitialDelay = false;
            this.onCompleteJoin(group);
          }
        });
      };
      arm(delay);
      return;
    }
    group.inInitialDelay = false;
    group.joinTimer = this.timer(group.rebalanceTimeoutMs, () => {
      if (this.current(group)) this.onCompleteJoin(group);
    });
    this.tryCompleteJoin(group);
  }

  private tryCompleteJoin(group: Group): void {
    if (group.is('PreparingRebalance') && !group.inInitialDelay && group.hasAllMembersJoined) this.onCompleteJoin(group);
  }

  private onCompleteJoin(group: Group): void {
    if (!group.is('PreparingRebalance')) return;
    if (group.joinTimer) clearTimeout(group.joinTimer);
    group.joinTimer = null;
    group.inInitialDelay = false;
    for (const m of [...group.members.values()]) {
      if (m.awaitingJoin) continue;
      this.log(`group ${group.groupId}: member ${m.memberId} did not rejoin in time, removing it`);
      this.dropMember(group, m);
    }
    group.generationId++;
    group.pendingSync.clear();
    if (group.members.size === 0) {
      group.protocolName = null;
      group.subscribedTopics = group.computeSubscribedTopics();
      group.transitionTo('Empty');
      this.log(`group ${group.groupId}: generation ${group.generationId} is empty`);
      this.storeGroup(group);
      return;
    }
    group.protocolName = group.selectProtocol();
    group.subscribedTopics = group.computeSubscribedTopics();
    group.transitionTo('CompletingRebalance');
    this.log(`group ${group.groupId}: generation ${group.generationId} with ${group.members.size} member(s), protocol ${group.protocolName}`);
    const generation = group.generationId;
    for (const m of [...group.members.values()]) {
      group.completeJoin(m, this.joinResult(group, m.memberId, group.isLeader(m.memberId)));
      this.scheduleExpiry(group, m, m.sessionTimeoutMs);
      m.isNew = false;
      group.pendingSync.add(m.memberId);
    }
    group.syncTimer = this.timer(group.rebalanceTimeoutMs, () => this.onExpirePendingSync(group, generation));
  }

  private joinResult(group: Group, memberId: string, withMembers: boolean): JoinResult {
    return {
      errorCode: ErrorCode.NONE,
      generationId: group.generationId,
      protocolType: group.protocolType,
      protocolName: group.protocolName,
      leader: group.leaderId ?? '',
      memberId,
      members: withMembers
        ? [...group.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadata(group.protocolName) }))
        : [],
    };
  }

  private onExpirePendingSync(group: Group, generation: number): void {
    group.syncTimer = null;
    if (!this.current(group) || group.generationId !== generation || !group.is('CompletingRebalance', 'Stable')) return;
    if (group.pendingSync.size === 0) return;
    const late = [...group.pendingSync];
    this.log(`group ${group.groupId}: member(s) ${late.join(', ')} sent no SyncGroup in time, removing them`);
    for (const id of late) {
      const m = group.members.get(id);
      if (m) this.dropMember(group, m);
    }
    group.pendingSync.clear();
    this.prepareRebalance(group, `members ${late.join(', ')} did not sync`);
  }

  private setAndPropagateAssignment(group: Group, assignment: Map<string, Buffer>): void {
    for (const m of group.members.values()) m.assignment = assignment.get(m.memberId) ?? EMPTY;
    this.propagateAssignment(group, ErrorCode.NONE);
  }

  private resetAndPropagateAssignmentError(group: Group, errorCode: number): void {
    for (const m of group.members.values()) m.assignment = EMPTY;
    this.propagateAssignment(group, errorCode);
  }

  private propagateAssignment(group: Group, errorCode: number): void {
    for (const m of group.members.values()) {
      const ok = errorCode === ErrorCode.NONE;
      const answered = group.completeSync(m, {
        errorCode,
        protocolType: ok ? group.protocolType : null,
        protocolName: ok ? group.protocolName : null,
        assignment: m.assignment,
      });
      if (answered) this.scheduleExpiry(group, m, m.sessionTimeoutMs);
    }
  }

  /** Takes a member out without touching the group's state; held requests get UNKNOWN_MEMBER_ID. */
  private dropMember(group: Group, member: Member): void {
    group.remove(member.memberId);
    if (member.awaitingJoin) {
      const cb = member.awaitingJoin;
      member.awaitingJoin = null;
      cb(joinError(ErrorCode.UNKNOWN_MEMBER_ID, ''));
    }
    if (member.awaitingSync) {
      const cb = member.awaitingSync;
      member.awaitingSync = null;
      cb(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  private removeMemberAndUpdateGroup(group: Group, member: Member, reason: string | null = null): void {
    this.dropMember(group, member);
    if (group.is('Stable', 'CompletingRebalance')) this.maybePrepareRebalance(group, withReason(`member ${member.memberId} left`, reason));
    else if (group.is('PreparingRebalance')) this.tryCompleteJoin(group);
  }

  private removePendingMember(group: Group, memberId: string): void {
    const t = group.pending.get(memberId);
    if (t) clearTimeout(t);
    group.pending.delete(memberId);
    if (group.is('PreparingRebalance')) this.tryCompleteJoin(group);
    this.maybeForget(group);
  }

  /** A group with nothing in it (a failed first join, an admin commit to unknown topics) is not kept. */
  private maybeForget(group: Group): void {
    if (
      this.current(group) &&
      group.is('Empty') &&
      group.members.size === 0 &&
      group.pending.size === 0 &&
      group.offsets.size === 0 &&
      group.generationId === 0 &&
      group.protocolType === null
    ) {
      group.clearTimers();
      this.groups.delete(group.groupId);
    }
  }

  // ---- JoinGroup / SyncGroup / Heartbeat / LeaveGroup --------------------------------

  join(request: JoinRequest): Promise<JoinResult> {
    // A protocol named twice counts once (Kafka's schema keys protocols by name).
    const req = { ...request, protocols: request.protocols.filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i) };
    return new Promise<JoinResult>((resolve) => {
      if (this.closed) return resolve(joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, req.memberId));
      if (req.groupId === '') return resolve(joinError(ErrorCode.INVALID_GROUP_ID, req.memberId));
      if (req.sessionTimeoutMs < this.config.groupMinSessionTimeoutMs || req.sessionTimeoutMs > this.config.groupMaxSessionTimeoutMs) {
        return resolve(joinError(ErrorCode.INVALID_SESSION_TIMEOUT, req.memberId));
      }
      const isNewMember = req.memberId === '';
      const cg = this.consumer.get(req.groupId);
      if (cg) {
        // Kafka would take the member into the consumer group (classic members of a
        // consumer group); here only an empty consumer group gives way (UNSUPPORTED.md)
        if (cg.members.size > 0 || !isNewMember) return resolve(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, req.memberId));
        if (!this.takeOverEmptyConsumerGroup(cg)) return resolve(joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, req.memberId));
      }
      let group = this.groups.get(req.groupId);
      if (!group) {
        if (!isNewMember) return resolve(joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId));
        group = new Group(req.groupId);
        for (const [k, o] of cg?.offsets ?? []) group.offsets.set(k, o);
        this.groups.set(req.groupId, group);
      }
      if (isNewMember) this.newMemberJoin(group, req, resolve);
      else this.currentMemberJoin(group, req, resolve);
      this.tryCompleteJoin(group);
      this.maybeForget(group);
    });
  }

  /** An empty consumer group's records deleted so a classic group may take its id (its offsets stay). */
  private takeOverEmptyConsumerGroup(cg: ConsumerGroup): boolean {
    try {
      this.append(cg.groupId, this.consumer.tombstones(cg));
    } catch (e) {
      this.log(`could not write tombstones for group ${cg.groupId}: ${(e as Error).message}`);
      return false;
    }
    this.consumer.forget(cg.groupId);
    this.log(`group ${cg.groupId}: the empty consumer group is now a classic group (its offsets kept)`);
    return true;
  }

  private newMemberJoin(group: Group, req: JoinRequest, cb: (r: JoinResult) => void): void {
    const names = req.protocols.map((p) => p.name);
    if (!group.supportsProtocols(req.protocolType, names)) return cb(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, ''));
    const memberId = `${req.clientId}-${crypto.randomUUID()}`;
    if (req.requireKnownMemberId) {
      group.pending.set(
        memberId,
        this.timer(req.sessionTimeoutMs, () => {
          if (this.current(group) && group.pending.has(memberId)) this.removePendingMember(group, memberId);
        }),
      );
      return cb(joinError(ErrorCode.MEMBER_ID_REQUIRED, memberId));
    }
    this.addMemberAndRebalance(group, memberId, req, cb);
  }

  private currentMemberJoin(group: Group, req: JoinRequest, cb: (r: JoinResult) => void): void {
    const names = req.protocols.map((p) => p.name);
    if (!group.supportsProtocols(req.protocolType, names)) return cb(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, req.memberId));
    if (group.pending.has(req.memberId)) return this.addMemberAndRebalance(group, req.memberId, req, cb);
    const member = group.members.get(req.memberId);
    if (!member) return cb(joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId));
    member.groupInstanceId = req.groupInstanceId;
    switch (group.state) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(group, member, req, cb);
      case 'CompletingRebalance':
        // Same metadata: it probably missed the answer; give it the current generation again.
        if (member.matches(req.protocols)) {
          this.logReason(group, member.memberId, req.reason);
          return cb(this.joinResult(group, member.memberId, group.isLeader(member.memberId)));
        }
        return this.updateMemberAndRebalance(group, member, req, cb);
      case 'Stable':
        // The leader rejoining always rebalances (it may have seen metadata change).
        if (group.isLeader(member.memberId) || !member.matches(req.protocols)) return this.updateMemberAndRebalance(group, member, req, cb);
        this.logReason(group, member.memberId, req.reason);
        return cb(this.joinResult(group, member.memberId, false));
      default:
        return cb(joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId));
    }
  }

  private addMemberAndRebalance(group: Group, memberId: string, req: JoinRequest, cb: (r: JoinResult) => void): void {
    const member = new Member(
      memberId,
      req.groupInstanceId,
      req.clientId,
      req.clientHost,
      req.rebalanceTimeoutMs,
      req.sessionTimeoutMs,
      req.protocolType,
      req.protocols,
    );
    member.isNew = true;
    if (group.is('PreparingRebalance') && group.generationId === 0) group.newMemberAdded = true;
    group.add(member, cb);
    this.scheduleExpiry(group, member, NEW_MEMBER_JOIN_TIMEOUT_MS);
    this.rebalanceOnJoin(group, `member ${memberId} joined`, req.reason);
  }

  private updateMemberAndRebalance(group: Group, member: Member, req: JoinRequest, cb: (r: JoinResult) => void): void {
    // A second JoinGroup for a member already held (a client retrying on a new connection):
    // the older one is answered so that no request is left hanging.
    const previous = member.awaitingJoin;
    group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, cb);
    if (previous) previous(joinError(ErrorCode.REBALANCE_IN_PROGRESS, member.memberId));
    this.rebalanceOnJoin(group, `member ${member.memberId} rejoined`, req.reason);
  }

  /** A join starts a rebalance (logged with the client's reason), or joins the one under way (logged only when the client gave a reason). */
  private rebalanceOnJoin(group: Group, what: string, reason: string | null): void {
    const why = withReason(what, reason);
    if (group.canRebalance) this.prepareRebalance(group, why);
    else if (reason) this.log(`group ${group.groupId}: ${why}`);
  }

  /** A rejoin answered without a rebalance: its reason still reaches the log. */
  private logReason(group: Group, memberId: string, reason: string | null): void {
    if (reason) this.log(`group ${group.groupId}: ${withReason(`member ${memberId} rejoined, no rebalance needed`, reason)}`);
  }

  sync(req: SyncRequest): Promise<SyncResult> {
    return new Promise<SyncResult>((resolve) => {
      if (this.closed) return resolve(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
      if (req.groupId === '') return resolve(syncError(ErrorCode.INVALID_GROUP_ID));
      const group = this.groups.get(req.groupId);
      if (!group) return resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      const member = group.members.get(req.memberId);
      if (!member) return resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      if (req.generationId !== group.generationId) return resolve(syncError(ErrorCode.ILLEGAL_GENERATION));
      if (inconsistent(req.protocolType, group.protocolType) || inconsistent(req.protocolName, group.protocolName)) {
        return resolve(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
      }
      switch (group.state) {
        case 'Empty':
          return resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
        case 'PreparingRebalance':
          return resolve(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
        case 'Stable':
          group.pendingSync.delete(member.memberId);
          resolve({ errorCode: ErrorCode.NONE, protocolType: group.protocolType, protocolName: group.protocolName, assignment: member.assignment });
          return this.scheduleExpiry(group, member, member.sessionTimeoutMs);
        case 'CompletingRebalance': {
          if (member.awaitingSync) member.awaitingSync(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
          member.awaitingSync = resolve;
          group.pendingSync.delete(member.memberId);
          if (group.pendingSync.size === 0 && group.syncTimer) {
            clearTimeout(group.syncTimer);
            group.syncTimer = null;
          }
          if (!group.isLeader(member.memberId)) return;
          const assignment = new Map<string, Buffer>();
          for (const a of req.assignments) if (group.members.has(a.memberId)) assignment.set(a.memberId, a.assignment);
          // Members the leader left out get an empty assignment (Kafka does the same).
          for (const id of group.members.keys()) if (!assignment.has(id)) assignment.set(id, EMPTY);
          if (!this.storeGroup(group, assignment)) {
            this.resetAndPropagateAssignmentError(group, ErrorCode.COORDINATOR_NOT_AVAILABLE);
            return this.maybePrepareRebalance(group, 'storing the assignment failed');
          }
          this.setAndPropagateAssignment(group, assignment);
          group.transitionTo('Stable');
          this.log(`group ${group.groupId}: generation ${group.generationId} is stable`);
          return;
        }
        default:
          return resolve(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
      }
    });
  }

  heartbeat(groupId: string, generationId: number, memberId: string): number {
    if (this.closed) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (groupId === '') return ErrorCode.INVALID_GROUP_ID;
    const group = this.groups.get(groupId);
    if (!group) return ErrorCode.UNKNOWN_MEMBER_ID;
    const member = group.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    switch (group.state) {
      case 'CompletingRebalance':
      case 'Stable':
        this.scheduleExpiry(group, member, member.sessionTimeoutMs);
        return ErrorCode.NONE;
      case 'PreparingRebalance':
        this.scheduleExpiry(group, member, member.sessionTimeoutMs);
        return ErrorCode.REBALANCE_IN_PROGRESS;
      default:
        return ErrorCode.UNKNOWN_MEMBER_ID;
    }
  }

  leave(groupId: string, leaving: LeavingMember[]): { errorCode: number; members: { memberId: string; groupInstanceId: string | null; errorCode: number }[] } {
    if (this.closed) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    if (groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID, members: [] };
    const group = this.groups.get(groupId);
    const answer = (l: LeavingMember, errorCode: number) => ({ memberId: l.memberId, groupInstanceId: l.groupInstanceId, errorCode });
    if (!group) return { errorCode: ErrorCode.NONE, members: leaving.map((l) => answer(l, ErrorCode.UNKNOWN_MEMBER_ID)) };
    const members = leaving.map((l) => {
      let memberId = l.memberId;
      if (memberId === '' && l.groupInstanceId !== null) {
        // Administrative removal by instance id (LeaveGroup v3+).
        memberId = [...group.members.values()].find((m) => m.groupInstanceId === l.groupInstanceId)?.memberId ?? '';
      }
      if (memberId !== '' && group.pending.has(memberId)) {
        this.removePendingMember(group, memberId);
        return answer(l, ErrorCode.NONE);
      }
      const member = group.members.get(memberId);
      if (!member) return answer(l, ErrorCode.UNKNOWN_MEMBER_ID);
      this.log(`group ${groupId}: ${withReason(`member ${memberId} left`, l.reason)}`);
      this.removeMemberAndUpdateGroup(group, member, l.reason ?? null);
      return answer(l, ErrorCode.NONE);
    });
    return { errorCode: ErrorCode.NONE, members };
  }

  // ---- offsets -----------------------------------------------------------------------

  /** OffsetCommit: an error code per partition, in request order. */
  commitOffsets(req: CommitRequest): { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[] {
    const all = (errorCode: number) =>
      req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) }));
    if (this.closed) return all(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    const cg = this.consumer.get(req.groupId);
    if (cg) {
      const error = this.validateConsumerCommit(cg, req);
      return error !== null ? all(error) : this.writeOffsets(req, cg.offsets);
    }
    let group = this.groups.get(req.groupId);
    if (!group) {
      // A commit with generation < 0 is a "simple" (admin or manually assigned) consumer: the
      // group is created Empty. Anything else is from a generation that no longer exists
      // (v9+, which KIP-848 members use: no such group).
      if (req.generationId >= 0) return all((req.apiVersion ?? 0) >= CONSUMER_COMMIT_VERSION ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.ILLEGAL_GENERATION);
      group = new Group(req.groupId);
      this.groups.set(req.groupId, group);
    }
    const error = this.validateCommit(group, req);
    if (error !== null) return all(error);
    if (group.is('CompletingRebalance')) return all(ErrorCode.REBALANCE_IN_PROGRESS);
    if (group.is('Stable', 'PreparingRebalance')) {
      const member = group.members.get(req.memberId)!;
      this.scheduleExpiry(group, member, member.sessionTimeoutMs);
    }
    const result = this.writeOffsets(req, group.offsets);
    this.maybeForget(group);
    return result;
  }

  /**
   * A consumer group takes commits from its members at their current epoch (OffsetCommit v9+),
   * and from anyone else (an admin, epoch −1) only while it has no members.
   */
  private validateConsumerCommit(g: ConsumerGroup, req: CommitRequest): number | null {
    if (req.generationId < 0 && g.members.size === 0) return null;
    const member = g.members.get(req.memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    if ((req.apiVersion ?? 0) < CONSUMER_COMMIT_VERSION) return ErrorCode.UNSUPPORTED_VERSION;
    if (req.generationId !== member.memberEpoch) return ErrorCode.STALE_MEMBER_EPOCH;
    return null;
  }

  /** Writes the commits that name an existing partition, then keeps them in `offsets`. */
  private writeOffsets(req: CommitRequest, offsets: Map<string, StoredOffset>): ReturnType<GroupCoordinator['commitOffsets']> {
    const now = Date.now();
    const toValue = (p: CommitPartition): OffsetCommitValue => ({
      offset: p.committedOffset,
      leaderEpoch: p.committedLeaderEpoch,
      metadata: p.committedMetadata ?? '',
      commitTimestamp: p.commitTimestamp >= 0 ? p.commitTimestamp : now,
    });
    const records: OffsetsRecord[] = [];
    const accepted: { key: string; topic: string; partition: number; value: OffsetCommitValue }[] = [];
    const result = req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        if (!this.host.hasPartition(t.name, p.partitionIndex)) return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        if ((p.committedMetadata ?? '').length > OFFSET_METADATA_MAX_BYTES) return { partitionIndex: p.partitionIndex, errorCode: OFFSET_METADATA_TOO_LARGE };
        const value = toValue(p);
        records.push({ key: offsetCommitKey(req.groupId, t.name, p.partitionIndex), value: offsetCommitValue(value) });
        accepted.push({ key: offsetKey(t.name, p.partitionIndex), topic: t.name, partition: p.partitionIndex, value });
        return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE };
      }),
    }));
    try {
      this.append(req.groupId, records);
    } catch (e) {
      this.log(`could not write offsets of group ${req.groupId} to ${OFFSETS_TOPIC}: ${(e as Error).message}`);
      for (const t of result) for (const p of t.partitions) if (p.errorCode === ErrorCode.NONE) p.errorCode = ErrorCode.UNKNOWN_SERVER_ERROR;
      return result;
    }
    for (const a of accepted) offsets.set(a.key, { topic: a.topic, partition: a.partition, value: a.value });
    return result;
  }

  private validateCommit(group: Group, req: CommitRequest): number | null {
    if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    // Generation −1 (admin client, manual assignment) may commit while the group is Empty.
    if (req.generationId < 0 && group.is('Empty')) return null;
    if (req.generationId >= 0 || req.memberId !== '' || req.groupInstanceId !== null) {
      if (!group.members.has(req.memberId)) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (req.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
      return null;
    }
    // Generation −1 without a member on a group with members: only members may commit.
    return group.is('Empty') ? null : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  /**
   * OffsetFetch v9's check for a consumer group: a member (a member id, or an epoch ≥ 0) must
   * be one at its current epoch. An error code, or null.
   */
  checkFetcher(groupId: string, memberId: string | null, memberEpoch: number): number | null {
    if (memberId === null && memberEpoch < 0) return null;
    const cg = this.consumer.get(groupId);
    if (!cg) return null;
    const member = memberId === null ? undefined : cg.members.get(memberId);
    if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
    return member.memberEpoch === memberEpoch ? null : ErrorCode.STALE_MEMBER_EPOCH;
  }

  /** OffsetFetch: topics null = every partition the group has a commit for. */
  fetchOffsets(groupId: string, topics: { name: string; partitionIndexes: number[] }[] | null): { name: string; partitions: FetchedOffset[] }[] {
    const offsets = (this.groups.get(groupId) ?? this.consumer.get(groupId))?.offsets;
    const row = (topic: string, partition: number): FetchedOffset => {
      const o = offsets?.get(offsetKey(topic, partition));
      return o
        ? { partitionIndex: partition, committedOffset: o.value.offset, committedLeaderEpoch: o.value.leaderEpoch, metadata: o.value.metadata, errorCode: 0 }
        : { partitionIndex: partition, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: 0 };
    };
    if (topics !== null) return topics.map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((p) => row(t.name, p)) }));
    const byTopic = new Map<string, number[]>();
    for (const o of offsets?.values() ?? []) {
      if (!byTopic.has(o.topic)) byTopic.set(o.topic, []);
      byTopic.get(o.topic)!.push(o.partition);
    }
    return [...byTopic.keys()].sort().map((name) => ({ name, partitions: byTopic.get(name)!.sort((a, b) => a - b).map((p) => row(name, p)) }));
  }

  /**
   * Removes offsets chosen by `select` from each group, writing tombstones; an Empty group
   * left without offsets becomes Dead: its metadata gets a tombstone and it is forgotten
   * (Kafka's GroupMetadataManager.cleanupGroupMetadata).
   */
  private cleanup<G extends Group | ConsumerGroup>(groups: Iterable<G>, select: (g: G) => string[]): number {
    let removed = 0;
    for (const group of groups) {
      const keys = select(group);
      const records: OffsetsRecord[] = [];
      for (const k of keys) {
        const o = group.offsets.get(k);
        if (!o) continue;
        records.push({ key: offsetCommitKey(group.groupId, o.topic, o.partition), value: null });
      }
      // only a classic group dies with its last offset; a consumer group keeps its epochs until deleted
      const dies = group instanceof Group && group.is('Empty') && group.members.size === 0 && keys.filter((k) => group.offsets.has(k)).length === group.offsets.size;
      if (dies) records.push({ key: groupMetadataKey(group.groupId), value: null });
      if (records.length === 0) continue;
      try {
        this.append(group.groupId, records);
      } catch (e) {
        this.log(`could not write tombstones for group ${group.groupId}: ${(e as Error).message}`);
        continue;
      }
      for (const k of keys) if (group.offsets.delete(k)) removed++;
      if (dies && group instanceof Group) {
        group.transitionTo('Dead');
        group.clearTimers();
        this.groups.delete(group.groupId);
      }
    }
    return removed;
  }

  /** A deleted topic's offsets go from every group (tombstones written). */
  onTopicDeleted(topic: string): void {
    if (this.closed) return;
    const removed = this.cleanup([...this.groups.values(), ...this.consumer.all()], (g) => [...g.offsets.entries()].filter(([, o]) => o.topic === topic).map(([k]) => k));
    if (removed > 0) this.log(`removed ${removed} committed offset(s) of deleted topic ${topic}`);
  }

  deleteGroups(groupIds: string[]): { groupId: string; errorCode: number }[] {
    return groupIds.map((groupId) => {
      if (this.closed) return { groupId, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE };
      const cg = this.consumer.get(groupId);
      if (cg) return { groupId, errorCode: this.deleteConsumerGroup(cg) };
      const group = this.groups.get(groupId);
      if (!group || group.is('Dead')) return { groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND };
      if (!group.is('Empty')) return { groupId, errorCode: ErrorCode.NON_EMPTY_GROUP };
      const records: OffsetsRecord[] = [...group.offsets.values()].map((o) => ({ key: offsetCommitKey(groupId, o.topic, o.partition), value: null }));
      records.push({ key: groupMetadataKey(groupId), value: null });
      try {
        this.append(groupId, records);
      } catch (e) {
        this.log(`could not write tombstones for group ${groupId}: ${(e as Error).message}`);
        return { groupId, errorCode: ErrorCode.UNKNOWN_SERVER_ERROR };
      }
      group.transitionTo('Dead');
      group.clearTimers();
      this.groups.delete(groupId);
      this.log(`group ${groupId} deleted with ${group.offsets.size} offset(s)`);
      return { groupId, errorCode: ErrorCode.NONE };
    });
  }

  /** DeleteGroups for a consumer group: only an Empty one, all its records deleted. */
  private deleteConsumerGroup(g: ConsumerGroup): number {
    if (g.members.size > 0) return ErrorCode.NON_EMPTY_GROUP;
    const records: OffsetsRecord[] = [...g.offsets.values()].map((o) => ({ key: offsetCommitKey(g.groupId, o.topic, o.partition), value: null }));
    records.push(...this.consumer.tombstones(g));
    try {
      this.append(g.groupId, records);
    } catch (e) {
      this.log(`could not write tombstones for group ${g.groupId}: ${(e as Error).message}`);
      return ErrorCode.UNKNOWN_SERVER_ERROR;
    }
    this.consumer.forget(g.groupId);
    this.log(`consumer group ${g.groupId} deleted with ${g.offsets.size} offset(s)`);
    return ErrorCode.NONE;
  }

  deleteOffsets(
    groupId: string,
    topics: { name: string; partitions: { partitionIndex: number }[] }[],
  ): { errorCode: number; topics: { name: string; partitions: { partitionIndex: number; errorCode: number }[] }[] } {
    if (this.closed) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, topics: [] };
    if (groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID, topics: [] };
    const cg = this.consumer.get(groupId);
    if (cg) {
      // a consumer group in any state: a topic it subscribes to keeps its offsets
      const eligible: string[] = [];
      const result = topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map(({ partitionIndex }) => {
          if (!this.host.hasPartition(t.name, partitionIndex)) return { partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          if (this.consumer.subscribesTo(cg, t.name)) return { partitionIndex, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC };
          eligible.push(offsetKey(t.name, partitionIndex));
          return { partitionIndex, errorCode: ErrorCode.NONE };
        }),
      }));
      this.cleanup([cg], () => eligible);
      return { errorCode: ErrorCode.NONE, topics: result };
    }
    const group = this.groups.get(groupId);
    if (!group || group.is('Dead')) return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, topics: [] };
    const consumerGroup = group.protocolType === 'consumer';
    if (!group.is('Empty') && !consumerGroup) return { errorCode: ErrorCode.NON_EMPTY_GROUP, topics: [] };
    const eligible: string[] = [];
    const result = topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map(({ partitionIndex }) => {
        if (!this.host.hasPartition(t.name, partitionIndex)) return { partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        if (!group.is('Empty') && group.isSubscribedToTopic(t.name)) return { partitionIndex, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC };
        eligible.push(offsetKey(t.name, partitionIndex));
        return { partitionIndex, errorCode: ErrorCode.NONE };
      }),
    }));
    this.cleanup([group], () => eligible);
    return { errorCode: ErrorCode.NONE, topics: result };
  }

  // ---- describing --------------------------------------------------------------------

  /**
   * DescribeGroups describes classic groups. Another kind, or no group: before v6 "Dead" with
   * no members; from v6 GROUP_ID_NOT_FOUND with the reason (KIP-1043), as Kafka 4 answers.
   */
  describe(groupId: string, version = 0): GroupSummary & { errorMessage?: string | null } {
    const group = this.groups.get(groupId);
    if (!group) {
      const dead = { errorCode: 0, groupId, groupState: 'Dead', protocolType: '', protocolData: '', members: [] };
      if (version < 6) return dead;
      const why = this.consumer.get(groupId) ? `Group ${groupId} is not a classic group.` : `Group ${groupId} not found.`;
      return { ...dead, errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: why };
    }
    const stable = group.is('Stable');
    return {
      errorCode: 0,
      groupId,
      groupState: group.state,
      protocolType: group.protocolType ?? '',
      protocolData: stable ? (group.protocolName ?? '') : '',
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        memberMetadata: stable ? m.metadata(group.protocolName) : EMPTY,
        memberAssignment: stable ? m.assignment : EMPTY,
      })),
    };
  }

  /** Whether a classic group (not Dead) holds this id. */
  hasClassic(groupId: string): boolean {
    const g = this.groups.get(groupId);
    return g !== undefined && !g.is('Dead');
  }

  /** Every group, classic and consumer, with its type ("classic" or "consumer"). */
  list(): { groupId: string; protocolType: string; state: string; type: string }[] {
    const classic = [...this.groups.values()].filter((g) => !g.is('Dead')).map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', state: g.state, type: 'classic' }));
    const consumer = [...this.consumer.all()].map((g) => ({ groupId: g.groupId, protocolType: 'consumer', state: g.state, type: 'consumer' }));
    return [...classic, ...consumer].sort((a, b) => a.groupId.localeCompare(b.groupId));
  }

  /** ConsumerGroupHeartbeat: a classic group's id is taken, unless that group is empty (it becomes a consumer group). */
  consumerHeartbeat(req: HeartbeatRequest, apiVersion: number, client: { clientId: string; clientHost: string }): HeartbeatResponse {
    if (this.closed) return { throttleTimeMs: 0, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, errorMessage: null, memberId: null, memberEpoch: 0, heartbeatIntervalMs: 0, assignment: null };
    const classic = this.groups.get(req.groupId);
    const empty = classic !== undefined && classic.is('Empty') && classic.members.size === 0 && classic.pending.size === 0;
    return this.consumer.heartbeat(req, apiVersion, client, {
      exists: classic !== undefined,
      empty,
      drop: () => {
        if (!classic) return null;
        // its metadata record goes; its offsets stay in the log under the same group id
        this.append(req.groupId, [{ key: groupMetadataKey(req.groupId), value: null }]);
        classic.clearTimers();
        this.groups.delete(req.groupId);
        return classic.offsets;
      },
    });
  }

  /** Stops every timer and answers every held JoinGroup/SyncGroup with NOT_COORDINATOR. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.consumer.close();
    for (const group of this.groups.values()) {
      group.clearTimers();
      for (const m of group.members.values()) {
        if (m.awaitingJoin) group.completeJoin(m, joinError(ErrorCode.NOT_COORDINATOR, m.memberId));
        group.completeSync(m, syncError(ErrorCode.NOT_COORDINATOR));
      }
    }
  }
}
