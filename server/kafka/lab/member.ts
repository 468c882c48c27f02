// One lab consumer: a real group member that lives in the dashboard's server and does
// only what the person asks. It joins with the classic group protocol on a connection of
// its own to the coordinator (a JoinGroup is held by the broker until the rebalance
// completes, which would stall any shared connection), heartbeats by itself, and fetches
// and commits only on request. kafkajs cannot do this: it polls on its own and always
// leaves the group when stopped, while the lab needs "poll now", "commit now" and
// "die without a word" (kill) so a person can watch the session timeout move partitions.
//
// The rebalance protocol is eager, as in Kafka's classic consumer: on every rebalance the
// member gives up all its partitions and starts each newly assigned one at the group's
// committed offset, so records polled but not committed are delivered again.
import type { LabCommit, LabMember as LabMemberView, LabMemberState, StartLabMember } from '../../../lib/contract/lab';
import type { Message } from '../../../lib/contract/messages';
import { assign, ASSIGNORS, type AssignorName } from '../../../lib/groups/assignors';
import { OffsetCommit } from '../../protocol/08-offset-commit';
import { groupAnswer, OffsetFetch, oneGroupRequest } from '../../protocol/09-offset-fetch';
import { JoinGroup } from '../../protocol/11-join-group';
import { Heartbeat } from '../../protocol/12-heartbeat';
import { LeaveGroup } from '../../protocol/13-leave-group';
import { SyncGroup } from '../../protocol/14-sync-group';
import type { ApiSpec } from '../../protocol/codec';
import { decodeConsumerAssignment, decodeConsumerSubscription, encodeConsumerAssignment, encodeConsumerSubscription } from '../../protocol/consumer-protocol';
import { ErrorCode, errorName } from '../../protocol/errors';
import type { ClusterClient } from '../connection/cluster-client';
import { ClusterUnreachableError, isKafkaApiError, KafkaApiError, Refusal } from '../errors';
import type { Cluster } from '../cluster';
import { readPartition, topicMeta } from '../messages/browse';
import { logOffsets, tpKey } from '../routing/offsets';

/** How long the coordinator may wait for every member to rejoin. */
const REBALANCE_TIMEOUT_MS = 10_000;
const RETRY_MS = 1000;

type Coordinator = Awaited<ReturnType<ClusterClient['dedicated']>>;

/** Errors after which rejoining cannot help: the person has to change something. */
const FATAL: Record<number, (m: LabMember) => string> = {
  [ErrorCode.INCONSISTENT_GROUP_PROTOCOL]: (m) =>
    `The group's other members speak another protocol or assignor than the lab's ('consumer' with '${m.opts.assignor}'); kafkajs members, for one, call theirs 'RoundRobinAssigner'. Use another group for the lab. (A KIP-848 'consumer' group with members refuses classic members too: the lab speaks only the classic protocol.)`,
  [ErrorCode.INVALID_SESSION_TIMEOUT]: (m) =>
    `The broker refuses a session timeout of ${m.opts.sessionTimeoutMs} ms: it must lie within the broker's group.min.session.timeout.ms and group.max.session.timeout.ms.`,
  [ErrorCode.INVALID_GROUP_ID]: (m) => `The broker refuses the group id '${m.opts.groupId}'.`,
  [ErrorCode.GROUP_AUTHORIZATION_FAILED]: (m) => `The cluster does not allow offsetscope to join group '${m.opts.groupId}'.`,
  [ErrorCode.TOPIC_AUTHORIZATION_FAILED]: (m) => `The cluster does not allow offsetscope to read topic '${m.opts.topic}'.`,
};


export class LabMember {
  private memberId = '';
  private generationId = -1;
  private leader = false;
  private current: LabMemberState = 'joining';
  private get state(): LabMemberState {
    return this.current;
  }
  /** Ending (killed, left, failed) is reported once: the lab frees the member's place then. */
  private set state(s: LabMemberState) {
    const wasEnded = this.ended;
    this.current = s;
    if (!wasEnded && this.ended) this.onEnded?.();
  }
  private error: string | null = null;
  private coordinator: Coordinator | null = null;
  private assigned: number[] = [];
  private readonly positions = new Map<number, number>();
  private readonly committed = new Map<number, number | null>();
  private lastHeartbeatAt: number | null = null;
  private expiresAt: number | null = null;
  private lastCommit: LabCommit | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private autoTimer: NodeJS.Timeout | null = null;
  /** Poll and commit run one at a time, as calls on one consumer would. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The partition the next poll starts with, so a poll drains one partition before the next. */
  private cursor = 0;
  /** Why the next JoinGroup is sent again (JoinGroup v8+ tells the coordinator, which logs it); null for the first. */
  private rejoinReason: string | null = null;
  private readonly startedAt = Date.now();

  private readonly client: ClusterClient;

  constructor(
    private readonly cluster: Cluster,
    readonly id: string,
    readonly clientId: string,
    readonly opts: StartLabMember,
    private readonly onEnded?: () => void,
  ) {
    this.client = cluster.client;
  }

  start(): void {
    void this.run();
    this.setAutoCommit(this.opts.autoCommit);
  }

  get ended(): boolean {
    return this.state === 'killed' || this.state === 'left' || this.state === 'failed';
  }

  view(): LabMemberView {
    return {
      id: this.id,
      session: this.opts.session,
      groupId: this.opts.groupId,
      topic: this.opts.topic,
      clientId: this.clientId,
      memberId: this.memberId,
      generationId: this.generationId,
      leader: this.leader,
      assignor: this.opts.assignor,
      state: this.state,
      error: this.error,
      autoCommit: this.opts.autoCommit,
      autoCommitIntervalMs: this.opts.autoCommitIntervalMs,
      sessionTimeoutMs: this.opts.sessionTimeoutMs,
      lastHeartbeatAt: this.lastHeartbeatAt,
      expiresAt: this.expiresAt,
      partitions: this.assigned.map((partition) => {
        const position = this.positions.get(partition) ?? null;
        const committed = this.committed.get(partition) ?? null;
        return { partition, position, committed, uncommitted: position !== null && committed !== null ? Math.max(0, position - committed) : 0 };
      }),
      lastCommit: this.lastCommit,
      startedAt: this.startedAt,
    };
  }

  // ---- the group session -------------------------------------------------------------

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (await this.joinAndSync()) await this.heartbeatUntilRebalance();
      } catch (e) {
        if (this.stopped) return;
        const fatal = isKafkaApiError(e) ? FATAL[e.code] : undefined;
        this.dropCoordinator();
        this.assigned = [];
        if (fatal) {
          this.error = fatal(this);
          this.state = 'failed';
          this.stop();
          return;
        }
        // The coordinator moved or the cluster is away: try again, as a client would.
        this.error = (e as Error).message;
        this.rejoinReason = `rejoining after an error: ${this.error}`;
        this.state = 'rebalancing';
        await this.sleep(RETRY_MS);
      }
    }
  }

  private async coordinatorConn(): Promise<Coordinator> {
    if (this.coordinator) return this.coordinator;
    await topicMeta(this.client, this.opts.topic); // learns the brokers, and the topic must exist
    const node = await this.cluster.coordinators.of(this.opts.groupId, true);
    this.coordinator = await this.client.dedicated(node, this.clientId);
    return this.coordinator;
  }

  private dropCoordinator(): void {
    this.coordinator?.close();
    this.coordinator = null;
  }

  private async call<Req, Res>(api: ApiSpec<Req, Res>, build: (version: number) => Req, timeoutMs?: number): Promise<Res> {
    const conn = await this.coordinatorConn();
    try {
      return await conn.request(api, build, timeoutMs);
    } catch (e) {
      throw new ClusterUnreachableError(`${api.name} to the coordinator of ${this.opts.groupId} failed: ${(e as Error).message}`);
    }
  }

  /** Joins (or rejoins) and syncs; false when the group started another rebalance meanwhile. */
  private async joinAndSync(): Promise<boolean> {
    if (this.state !== 'joining') this.state = 'rebalancing';
    this.assigned = []; // eager: everything is given up before rejoining
    this.positions.clear();
    const protocols = [this.opts.assignor, ...ASSIGNORS.filter((a) => a !== this.opts.assignor)].map((name) => ({ name, metadata: encodeConsumerSubscription([this.opts.topic]) }));
    const join = await this.call(
      JoinGroup,
      () => ({
        groupId: this.opts.groupId,
        sessionTimeoutMs: this.opts.sessionTimeoutMs,
        rebalanceTimeoutMs: REBALANCE_TIMEOUT_MS,
        memberId: this.memberId,
        groupInstanceId: null,
        protocolType: 'consumer',
        protocols,
        reason: this.rejoinReason,
      }),
      REBALANCE_TIMEOUT_MS + this.opts.sessionTimeoutMs + 5000,
    );
    if (this.stopped) return false;
    // Why it joins again, told to the coordinator with the next JoinGroup (v8+; the first is Kafka's consumer's wording).
    const again = (reason: string) => {
      this.rejoinReason = reason;
      return false;
    };
    if (join.errorCode === ErrorCode.MEMBER_ID_REQUIRED) {
      this.memberId = join.memberId; // JoinGroup v4+: rejoin with the id the coordinator chose
      return again('need to re-join with the given member-id');
    }
    if (join.errorCode === ErrorCode.UNKNOWN_MEMBER_ID) {
      this.memberId = '';
      return again('the coordinator did not know the member id');
    }
    if (join.errorCode === ErrorCode.REBALANCE_IN_PROGRESS) return again('the group was rebalancing again');
    if (join.errorCode !== 0) throw new KafkaApiError(join.errorCode, null, `JoinGroup ${this.opts.groupId}`);
    this.memberId = join.memberId;
    this.generationId = join.generationId;
    this.leader = join.leader === join.memberId;
    this.state = 'rebalancing';

    // v9+: a leader told to skip the assignment sends none (only static leaders are told so; the lab's are dynamic)
    const assignments = this.leader && !join.skipAssignment ? await this.planAssignments(join.protocolName ?? '', join.members) : [];
    const sync = await this.call(
      SyncGroup,
      () => ({
        groupId: this.opts.groupId,
        generationId: this.generationId,
        memberId: this.memberId,
        groupInstanceId: null,
        // v5+: the coordinator checks these against the group's, as Kafka's consumer sends them
        protocolType: 'consumer',
        protocolName: join.protocolName,
        assignments,
      }),
      REBALANCE_TIMEOUT_MS + 5000,
    );
    if (this.stopped) return false;
    if (sync.errorCode === ErrorCode.REBALANCE_IN_PROGRESS || sync.errorCode === ErrorCode.ILLEGAL_GENERATION) return again('the group rebalanced before the assignment arrived');
    if (sync.errorCode === ErrorCode.UNKNOWN_MEMBER_ID) {
      this.memberId = '';
      return again('the coordinator did not know the member id');
    }
    if (sync.errorCode !== 0) throw new KafkaApiError(sync.errorCode, null, `SyncGroup ${this.opts.groupId}`);
    const mine = decodeConsumerAssignment(sync.assignment).find((a) => a.topic === this.opts.topic)?.partitions ?? [];
    await this.startPartitions(mine);
    this.assigned = mine;
    this.cursor = 0;
    this.lastHeartbeatAt = Date.now();
    this.state = 'stable';
    this.error = null;
    this.rejoinReason = null;
    this.cluster.groups.invalidate(); // the group page should show the new assignment at once
    return true;
  }

  private async planAssignments(protocolName: string, members: { memberId: string; metadata: Buffer }[]) {
    const subs = members.map((m) => {
      let topics: string[] = [];
      try {
        topics = decodeConsumerSubscription(m.metadata);
      } catch {
        // a member whose metadata we cannot read gets nothing rather than failing the group
      }
      return { memberId: m.memberId, topics };
    });
    const topics = [...new Set(subs.flatMap((s) => s.topics))];
    const md = await this.client.metadata(topics);
    const counts = new Map(md.topics.filter((t) => t.errorCode === 0).map((t) => [t.name, t.partitions.length]));
    const name: AssignorName = (ASSIGNORS as readonly string[]).includes(protocolName) ? (protocolName as AssignorName) : 'range';
    const plan = assign(name, subs, counts);
    return subs.map((s) => ({
      memberId: s.memberId,
      assignment: encodeConsumerAssignment([...plan.get(s.memberId)!].map(([topic, partitions]) => ({ topic, partitions }))),
    }));
  }

  /** Each newly assigned partition starts at the committed offset, or auto.offset.reset without one. */
  private async startPartitions(partitions: number[]): Promise<void> {
    this.committed.clear();
    if (partitions.length === 0) return;
    const res = groupAnswer(await this.call(OffsetFetch, () => oneGroupRequest(this.opts.groupId, [{ name: this.opts.topic, partitionIndexes: partitions }])), this.opts.groupId);
    if (res.errorCode !== 0) throw new KafkaApiError(res.errorCode, null, `OffsetFetch ${this.opts.groupId}`);
    for (const t of res.topics) {
      for (const p of t.partitions) {
        if (p.errorCode === 0 && p.committedOffset >= 0) this.committed.set(p.partitionIndex, p.committedOffset);
      }
    }
    const missing = partitions.filter((p) => !this.committed.has(p));
    const bounds = missing.length ? await logOffsets(this.client, [await topicMeta(this.client, this.opts.topic)]) : new Map();
    for (const p of partitions) {
      const c = this.committed.get(p);
      if (c !== undefined && c !== null) {
        this.positions.set(p, c);
        continue;
      }
      this.committed.set(p, null);
      const b = bounds.get(tpKey(this.opts.topic, p));
      this.positions.set(p, (this.opts.autoOffsetReset === 'earliest' ? b?.start : b?.end) ?? 0);
    }
  }

  private async heartbeatUntilRebalance(): Promise<void> {
    const every = Math.min(1000, Math.floor(this.opts.sessionTimeoutMs / 3));
    while (!this.stopped) {
      await this.sleep(every);
      if (this.stopped) return;
      const res = await this.call(Heartbeat, () => ({ groupId: this.opts.groupId, generationId: this.generationId, memberId: this.memberId, groupInstanceId: null }));
      if (this.stopped) return;
      if (res.errorCode === 0) {
        this.lastHeartbeatAt = Date.now();
        continue;
      }
      if (res.errorCode === ErrorCode.REBALANCE_IN_PROGRESS) {
        // As Kafka's consumer does before it gives its partitions up.
        if (this.opts.autoCommit) await this.enqueue(() => this.commitNow(true)).catch(() => {});
        this.rejoinReason = 'the group is rebalancing, so a rejoin is needed';
        return;
      }
      if (res.errorCode === ErrorCode.UNKNOWN_MEMBER_ID) {
        this.memberId = ''; // evicted (e.g. paused past the session timeout): join as new
        this.rejoinReason = 'the coordinator no longer knew the member (its session had expired)';
        return;
      }
      if (res.errorCode === ErrorCode.ILLEGAL_GENERATION) {
        this.rejoinReason = 'the generation was no longer current';
        return;
      }
      throw new KafkaApiError(res.errorCode, null, `Heartbeat ${this.opts.groupId}`);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  // ---- what the person asks for --------------------------------------------------------

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }

  private requireStable(what: string): void {
    if (this.state !== 'stable') {
      const why = this.ended ? `it has ${this.state === 'killed' ? 'been killed' : this.state === 'left' ? 'left the group' : 'failed'}` : 'the group is rebalancing; try again when it is stable';
      throw new Refusal('conflict', 'MEMBER_NOT_READY', `Cannot ${what} ${this.clientId}: ${why}.`);
    }
  }

  /** Fetches up to `max` records from the member's positions; commits nothing. */
  poll(max: number): Promise<Message[]> {
    return this.enqueue(async () => {
      this.requireStable('poll');
      const meta = await topicMeta(this.client, this.opts.topic);
      const out: Message[] = [];
      const order = this.assigned.map((_, i) => this.assigned[(this.cursor + i) % this.assigned.length]);
      for (const [i, partition] of order.entries()) {
        if (out.length >= max) break;
        const leader = meta.partitions.find((p) => p.partition === partition)?.leader ?? -1;
        const from = this.positions.get(partition) ?? 0;
        const r = await readPartition(this.client, this.opts.topic, partition, leader, from, Number.MAX_SAFE_INTEGER, max - out.length, () => true);
        if (this.state !== 'stable' || !this.assigned.includes(partition)) break; // a rebalance took it meanwhile
        this.positions.set(partition, r.next);
        out.push(...r.messages);
        if (out.length >= max) this.cursor = (this.cursor + i) % this.assigned.length;
      }
      return out;
    });
  }

  /** Commits every assigned partition's position (offset of the last polled record + 1). */
  commit(): Promise<LabCommit> {
    return this.enqueue(async () => {
      this.requireStable('commit');
      const c = await this.commitNow(false);
      if (c.error) throw new Refusal('conflict', 'COMMIT_FAILED', c.error);
      return c;
    });
  }

  private async commitNow(auto: boolean): Promise<LabCommit> {
    const offsets = this.assigned
      .map((partition) => ({ partition, offset: this.positions.get(partition) }))
      .filter((o): o is { partition: number; offset: number } => o.offset !== undefined && (!auto || o.offset !== this.committed.get(o.partition)));
    if (auto && offsets.length === 0) return this.lastCommit ?? { at: Date.now(), offsets: [], auto, error: null };
    const res = await this.call(OffsetCommit, () => ({
      groupId: this.opts.groupId,
      generationIdOrMemberEpoch: this.generationId,
      memberId: this.memberId,
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [{ name: this.opts.topic, partitions: offsets.map((o) => ({ partitionIndex: o.partition, committedOffset: o.offset, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: null })) }],
    }));
    const failed = new Map<number, number>();
    for (const t of res.topics) for (const p of t.partitions) if (p.errorCode !== 0) failed.set(p.partitionIndex, p.errorCode);
    for (const o of offsets) if (!failed.has(o.partition)) this.committed.set(o.partition, o.offset);
    let error: string | null = null;
    if (failed.size) {
      const code = [...failed.values()][0];
      const rebalanced = code === ErrorCode.REBALANCE_IN_PROGRESS || code === ErrorCode.ILLEGAL_GENERATION || code === ErrorCode.UNKNOWN_MEMBER_ID;
      error = rebalanced
        ? `The commit was refused (${errorName(code)}): the group rebalanced, so partitions ${[...failed.keys()].join(', ')} may belong to another member now and the records polled since the last commit will be delivered again.`
        : `The broker refused the commit for partitions ${[...failed.keys()].join(', ')}: ${errorName(code)}.`;
    }
    this.lastCommit = { at: Date.now(), offsets: offsets.filter((o) => !failed.has(o.partition)), auto, error };
    this.cluster.groups.invalidate();
    return this.lastCommit;
  }

  setAutoCommit(enabled: boolean): void {
    this.opts.autoCommit = enabled;
    if (this.autoTimer) clearInterval(this.autoTimer);
    this.autoTimer = null;
    if (!enabled || this.ended) return;
    this.autoTimer = setInterval(() => {
      if (this.state === 'stable') void this.enqueue(() => this.commitNow(true)).catch(() => {});
    }, this.opts.autoCommitIntervalMs);
    this.autoTimer.unref();
  }

  private stop(): void {
    this.stopped = true;
    if (this.autoTimer) clearInterval(this.autoTimer);
    this.autoTimer = null;
    this.wake?.();
  }

  /**
   * Like a process killed with SIGKILL: no LeaveGroup, no last commit, the connection just
   * drops. The coordinator notices only when the session timeout runs out.
   */
  kill(): void {
    if (this.ended) return;
    this.expiresAt = (this.lastHeartbeatAt ?? Date.now()) + this.opts.sessionTimeoutMs;
    this.state = 'killed';
    this.assigned = [];
    this.stop();
    this.dropCoordinator();
  }

  /** A clean shutdown: a last commit when auto-commit is on, then LeaveGroup. */
  async leave(): Promise<void> {
    if (this.ended) return;
    const wasStable = this.state === 'stable';
    this.stop();
    try {
      if (wasStable && this.opts.autoCommit) await this.enqueue(() => this.commitNow(true));
      if (this.memberId) {
        await this.call(LeaveGroup, (v) =>
          v >= 3
            ? { groupId: this.opts.groupId, memberId: '', members: [{ memberId: this.memberId, groupInstanceId: null, reason: 'the member was stopped in the offsetscope lab' }] }
            : { groupId: this.opts.groupId, memberId: this.memberId, members: [] },
        );
      }
    } catch (e) {
      this.error = `LeaveGroup failed (${(e as Error).message}); the coordinator drops the member after its session timeout.`;
    } finally {
      this.state = 'left';
      this.assigned = [];
      this.dropCoordinator();
      this.cluster.groups.invalidate();
    }
  }
}
