// One consumer group's state as Kafka's classic protocol keeps it (GroupMetadata.scala):
// members and their protocols, the generation, the leader, the chosen protocol, members
// still to rejoin or to sync, the committed offsets, and the group's timers. Pure data
// plus small queries; the transitions live in coordinator.ts, which owns every Group.
import { Reader } from '../../protocol/primitives';
import type { OffsetCommitValue } from './offsets-topic';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface Protocol {
  name: string;
  metadata: Buffer;
}

export interface JoinResult {
  errorCode: number;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  memberId: string;
  members: { memberId: string; groupInstanceId: string | null; metadata: Buffer }[];
}

export interface SyncResult {
  errorCode: number;
  protocolType: string | null;
  protocolName: string | null;
  assignment: Buffer;
}

export const EMPTY = Buffer.alloc(0);

export class Member {
  assignment: Buffer = EMPTY;
  /** Set while a JoinGroup from this member is held until the rebalance completes. */
  awaitingJoin: ((r: JoinResult) => void) | null = null;
  /** Set while a SyncGroup from this member waits for the leader's assignment. */
  awaitingSync: ((r: SyncResult) => void) | null = null;
  /** Joined but has not yet completed a join: it cannot heartbeat, so it gets a longer expiry. */
  isNew = false;
  /** Session (or new-member) expiry; rescheduled by every heartbeat, commit, join and sync. */
  expiry: NodeJS.Timeout | null = null;

  constructor(
    readonly memberId: string,
    public groupInstanceId: string | null,
    public clientId: string,
    public clientHost: string,
    public rebalanceTimeoutMs: number,
    public sessionTimeoutMs: number,
    readonly protocolType: string,
    public protocols: Protocol[],
  ) {}

  metadata(protocol: string | null): Buffer {
    return this.protocols.find((p) => p.name === protocol)?.metadata ?? EMPTY;
  }

  /** Same protocols, same order, same metadata bytes: a rejoin that changes nothing. */
  matches(protocols: Protocol[]): boolean {
    return (
      protocols.length === this.protocols.length &&
      protocols.every((p, i) => p.name === this.protocols[i].name && p.metadata.equals(this.protocols[i].metadata))
    );
  }

  /** This member's most preferred protocol among the candidates. */
  vote(candidates: Set<string>): string {
    const pick = this.protocols.find((p) => candidates.has(p.name));
    if (!pick) throw new Error(`member ${this.memberId} supports none of ${[...candidates]}`);
    return pick.name;
  }
}

export interface StoredOffset {
  topic: string;
  partition: number;
  value: OffsetCommitValue;
}

export class Group {
  state: GroupState = 'Empty';
  stateTimestamp = Date.now();
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly members = new Map<string, Member>();
  /** Member ids handed out with MEMBER_ID_REQUIRED, not yet rejoined; value: their expiry. */
  readonly pending = new Map<string, NodeJS.Timeout>();
  /** Members that got their JoinGroup answer but have not sent SyncGroup yet. */
  readonly pendingSync = new Set<string>();
  /** Keyed by offsetKey(topic, partition). */
  readonly offsets = new Map<string, StoredOffset>();
  /** Topics the members subscribe to (consumer protocol); null = unknown (treated as all). */
  subscribedTopics: Set<string> | null = null;
  numAwaitingJoin = 0;
  private readonly supportedProtocols = new Map<string, number>();
  /** Rebalance (join) timeout, or the initial-delay timer while that runs. */
  joinTimer: NodeJS.Timeout | null = null;
  /** Removes members that do not send SyncGroup within the rebalance timeout. */
  syncTimer: NodeJS.Timeout | null = null;
  inInitialDelay = false;
  newMemberAdded = false;

  constructor(readonly groupId: string) {}

  is(...states: GroupState[]): boolean {
    return states.includes(this.state);
  }

  transitionTo(state: GroupState): void {
    this.state = state;
    this.stateTimestamp = Date.now();
  }

  /** Kafka: Stable, CompletingRebalance and Empty may move to PreparingRebalance. */
  get canRebalance(): boolean {
    return this.is('Stable', 'CompletingRebalance', 'Empty');
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  get hasAllMembersJoined(): boolean {
    return this.members.size === this.numAwaitingJoin && this.pending.size === 0;
  }

  get rebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }

  add(member: Member, onJoin: ((r: JoinResult) => void) | null): void {
    if (this.members.size === 0) this.protocolType = member.protocolType;
    if (this.leaderId === null) this.leaderId = member.memberId;
    this.members.set(member.memberId, member);
    for (const p of member.protocols) this.supportedProtocols.set(p.name, (this.supportedProtocols.get(p.name) ?? 0) + 1);
    if (onJoin) {
      member.awaitingJoin = onJoin;
      this.numAwaitingJoin++;
    }
    const pendingTimer = this.pending.get(member.memberId);
    if (pendingTimer) clearTimeout(pendingTimer);
    this.pending.delete(member.memberId);
  }

  remove(memberId: string): Member | undefined {
    const member = this.members.get(memberId);
    if (!member) return undefined;
    for (const p of member.protocols) this.supportedProtocols.set(p.name, (this.supportedProtocols.get(p.name) ?? 1) - 1);
    if (member.awaitingJoin) this.numAwaitingJoin--;
    if (member.expiry) clearTimeout(member.expiry);
    member.expiry = null;
    this.members.delete(memberId);
    this.pendingSync.delete(memberId);
    if (this.leaderId === memberId) this.leaderId = this.members.keys().next().value ?? null;
    return member;
  }

  /** Replaces a member's protocols and timeouts, and sets (or clears) its held JoinGroup. */
  updateMember(member: Member, protocols: Protocol[], rebalanceTimeoutMs: number, sessionTimeoutMs: number, onJoin: ((r: JoinResult) => void) | null): void {
    for (const p of member.protocols) this.supportedProtocols.set(p.name, (this.supportedProtocols.get(p.name) ?? 1) - 1);
    member.protocols = protocols;
    for (const p of protocols) this.supportedProtocols.set(p.name, (this.supportedProtocols.get(p.name) ?? 0) + 1);
    member.rebalanceTimeoutMs = rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    if (onJoin && !member.awaitingJoin) this.numAwaitingJoin++;
    else if (!onJoin && member.awaitingJoin) this.numAwaitingJoin--;
    member.awaitingJoin = onJoin;
  }

  /** Answers a held JoinGroup (if any) and forgets it. */
  completeJoin(member: Member, result: JoinResult): void {
    const cb = member.awaitingJoin;
    if (!cb) return;
    member.awaitingJoin = null;
    this.numAwaitingJoin--;
    cb(result);
  }

  /** Answers a held SyncGroup (if any); true when there was one. */
  completeSync(member: Member, result: SyncResult): boolean {
    const cb = member.awaitingSync;
    if (!cb) return false;
    member.awaitingSync = null;
    cb(result);
    return true;
  }

  /** Protocols every member supports. */
  private candidateProtocols(): Set<string> {
    const out = new Set<string>();
    for (const [name, n] of this.supportedProtocols) if (n === this.members.size) out.add(name);
    return out;
  }

  /**
   * Can a member with this protocol type and these protocols join? A group without members
   * takes any non-empty type and list; otherwise the type must match and one protocol must
   * be one that every current member supports.
   */
  supportsProtocols(protocolType: string, names: string[]): boolean {
    if (this.members.size === 0) return protocolType.length > 0 && names.length > 0;
    return this.protocolType === protocolType && names.some((n) => this.supportedProtocols.get(n) === this.members.size);
  }

  /** Each member votes for its most preferred common protocol; most votes wins (ties: first seen). */
  selectProtocol(): string {
    const candidates = this.candidateProtocols();
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      const v = m.vote(candidates);
      votes.set(v, (votes.get(v) ?? 0) + 1);
    }
    let best = '';
    let most = -1;
    for (const [name, n] of votes) if (n > most) [best, most] = [name, n];
    return best;
  }

  /** The subscribed topics of a consumer-protocol group, read as ConsumerProtocol v0 (a prefix of every version). */
  computeSubscribedTopics(): Set<string> | null {
    if (this.protocolType !== 'consumer') return null;
    if (this.members.size === 0) return new Set();
    if (this.protocolName === null) return null;
    const topics = new Set<string>();
    try {
      for (const m of this.members.values()) {
        const r = new Reader(m.metadata(this.protocolName));
        r.int16(); // version
        const n = r.arrayLength();
        for (let i = 0; i < n; i++) topics.add(r.string());
      }
    } catch {
      return null;
    }
    return topics;
  }

  isSubscribedToTopic(topic: string): boolean {
    return this.subscribedTopics === null ? true : this.subscribedTopics.has(topic);
  }

  /** Every timer this group holds, members' included: on deletion and broker close. */
  clearTimers(): void {
    for (const t of [this.joinTimer, this.syncTimer]) if (t) clearTimeout(t);
    this.joinTimer = this.syncTimer = null;
    for (const t of this.pending.values()) clearTimeout(t);
    for (const m of this.members.values()) if (m.expiry) clearTimeout(m.expiry);
  }
}
