// Consumer groups as the dashboard sees them: which groups exist (ListGroups on every
// broker), their state and members (DescribeGroups, batched per coordinator) and their
// committed offsets (one OffsetFetch per group). Each group is read on its own, as Burrow
// evaluates each on its own: a coordinator that is down, loading or moved costs its own
// groups their freshness, never the others' answer. Such a group keeps the values it had
// last, marked unavailable with the broker and since when.
import { groupAnswer, OffsetFetch, oneGroupRequest, type OffsetFetchTopic } from '../../protocol/09-offset-fetch';
import { DescribeGroups } from '../../protocol/15-describe-groups';
import { ConsumerGroupDescribe } from '../../protocol/69-consumer-group-describe';
import { ListGroups } from '../../protocol/16-list-groups';
import { decodeConsumerAssignment } from '../../protocol/consumer-protocol';
import { ErrorCode } from '../../protocol/errors';
import type { ClusterClient, ClusterMetadata } from '../connection/cluster-client';
import { KafkaApiError } from '../errors';
import { COORDINATOR_CODES, isCoordinatorError, type Coordinators } from '../routing/coordinators';
import { logOffsets, tpKey, type OffsetMap } from '../routing/offsets';

export interface GroupOffsets {
  groupId: string;
  offsets: { partition: number; committedOffset: number | null }[];
}

export interface GroupMemberState {
  memberId: string;
  clientId: string;
  host: string;
  assignments: { topic: string; partitions: number[] }[];
  /** KIP-848 consumer groups only (ConsumerGroupDescribe). */
  consumer?: {
    instanceId: string | null;
    memberEpoch: number;
    subscribedTopicNames: string[];
    subscribedTopicRegex: string | null;
    targetAssignments: { topic: string; partitions: number[] }[];
  };
}

/** What ConsumerGroupDescribe adds for a KIP-848 consumer group. */
export interface ConsumerGroupInfo {
  groupEpoch: number;
  assignmentEpoch: number;
  assignor: string;
}

/** Why a group's values are not fresh: its coordinator could not be asked. */
export interface GroupUnavailableState {
  /** The coordinator that did not answer (the last one known), if any is known. */
  broker: number | null;
  /** When the group was first seen unavailable, in this run of the dashboard. */
  since: number;
  message: string;
  /** When the values shown were read; null when the group was never read. */
  valuesAt: number | null;
}

export interface GroupState {
  groupId: string;
  state: string;
  /** The group's type as ListGroups v5+ reports it ("classic", "consumer", "share"…); "classic" from older clusters, which have no other kind. */
  type: string;
  protocolType: string;
  protocol: string;
  members: GroupMemberState[];
  /** Set for a KIP-848 consumer group read with ConsumerGroupDescribe. */
  consumer?: ConsumerGroupInfo;
  /** Committed offsets by tpKey(topic, partition). */
  committed: Map<string, { topic: string; partition: number; offset: number }>;
  /** Set when the values are the last known ones, not this snapshot's. */
  unavailable: GroupUnavailableState | null;
  /** For an unavailable group: the log offsets of its partitions when its values were read. */
  knownOffsets: OffsetMap | null;
  /** When these values were read. */
  readAt: number;
}

export interface GroupsSnapshot {
  groups: Map<string, GroupState>;
  metadata: ClusterMetadata;
  /** Log-start and log-end of every partition of the cluster (a partition whose leader cannot answer is missing). */
  offsets: OffsetMap;
  fetchedAt: number;
}

/** What a snapshot load needs of its cluster. */
export interface GroupsSource {
  client: ClusterClient;
  coordinators: Coordinators;
}

export const GROUPS_CACHE_MS = 1000;

type Listed = { groupId: string; protocolType: string; type: string; /** ListGroups v4+ (Kafka 2.6+); null before. */ state: string | null };

/** The group types the dashboard describes; any other ("share", "streams"…) is shown as its listing says. */
const DESCRIBED_TYPES = new Set(['classic', 'consumer']);

/** What a cluster whose ListGroups predates v5 (Kafka before 3.7) has: classic groups only. */
export const CLASSIC_GROUP = 'classic';

/**
 * Every group some broker lists, with its type, and which brokers answered: a broker that
 * fails is reported, not thrown, so the groups of the others stay listed.
 */
export async function listGroupIds(client: ClusterClient, md?: ClusterMetadata): Promise<{ groups: Listed[]; answered: Set<number>; failed: Map<number, string> }> {
  md ??= await client.metadata([]);
  const found = new Map<string, Listed>();
  const answered = new Set<number>();
  const failed = new Map<number, string>();
  await Promise.all(
    md.brokers.map(async (b) => {
      if (!client.supports(b.nodeId, ListGroups.key)) return;
      try {
        const res = await client.toNode(b.nodeId, ListGroups, () => ({}));
        if (res.errorCode !== 0) throw new KafkaApiError(res.errorCode, null, `ListGroups on broker ${b.nodeId}`);
        for (const g of res.groups) found.set(g.groupId, { groupId: g.groupId, protocolType: g.protocolType, type: g.groupType ?? CLASSIC_GROUP, state: g.groupState ?? null });
        answered.add(b.nodeId);
      } catch (e) {
        failed.set(b.nodeId, (e as Error).message);
      }
    }),
  );
  const groups = [...found.values()].sort((a, b) => a.groupId.localeCompare(b.groupId));
  return { groups, answered, failed };
}

function decodeMembers(members: { memberId: string; clientId: string; clientHost: string; memberAssignment: Buffer }[]): GroupMemberState[] {
  return members.map((m) => {
    let assignments: GroupMemberState['assignments'] = [];
    try {
      assignments = decodeConsumerAssignment(m.memberAssignment);
    } catch {
      // not the consumer protocol (e.g. Connect): no partitions to show
    }
    return { memberId: m.memberId, clientId: m.clientId, host: m.clientHost.replace(/^\//, ''), assignments };
  });
}

type Described = Awaited<ReturnType<typeof describeClassicOn>>[number] & { members848?: GroupMemberState[]; consumer?: ConsumerGroupInfo; /** A type the dashboard does not describe: values from the listing. */ listedOnly?: boolean };

async function describeClassicOn(client: ClusterClient, node: number, ids: string[]) {
  const res = await client.toNode(node, DescribeGroups, () => ({ groups: ids, includeAuthorizedOperations: false }));
  return res.groups;
}

/**
 * KIP-848 consumer groups with ConsumerGroupDescribe (the classic DescribeGroups answers
 * them as Dead), in the same shape as DescribeGroups' entries plus what only they have.
 */
async function describeConsumerOn(client: ClusterClient, node: number, ids: string[]): Promise<Described[]> {
  const res = await client.toNode(node, ConsumerGroupDescribe, () => ({ groupIds: ids, includeAuthorizedOperations: false }));
  const named = (a: { topicPartitions: { topicName: string; partitions: number[] }[] }) => a.topicPartitions.map((t) => ({ topic: t.topicName, partitions: [...t.partitions].sort((x, y) => x - y) }));
  return res.groups.map((g) => ({
    errorCode: g.errorCode,
    errorMessage: g.errorMessage,
    groupId: g.groupId,
    groupState: g.groupState,
    protocolType: 'consumer',
    protocolData: g.assignorName,
    members: [],
    authorizedOperations: g.authorizedOperations,
    consumer: { groupEpoch: g.groupEpoch, assignmentEpoch: g.assignmentEpoch, assignor: g.assignorName },
    members848: g.members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      host: m.clientHost.replace(/^\//, ''),
      assignments: named(m.assignment),
      consumer: { instanceId: m.instanceId, memberEpoch: m.memberEpoch, subscribedTopicNames: m.subscribedTopicNames, subscribedTopicRegex: m.subscribedTopicRegex, targetAssignments: named(m.targetAssignment) },
    })),
  }));
}

/**
 * A group of a type the dashboard does not describe (a KIP-932 share group, a KIP-1071
 * streams group…): DescribeGroups would call it Dead, so its state is the listing's.
 */
function fromListing(l: Listed): Described {
  return { errorCode: 0, errorMessage: null, groupId: l.groupId, groupState: l.state ?? 'Unknown', protocolType: l.protocolType, protocolData: '', members: [], authorizedOperations: -2147483648, listedOnly: true };
}

/**
 * Each group described with the API for its type: ConsumerGroupDescribe for KIP-848
 * groups where the broker serves it, DescribeGroups for classic ones, the listing for others.
 */
async function describeOn(client: ClusterClient, node: number, ids: string[], listed?: Map<string, Listed>): Promise<Described[]> {
  const typeOf = (id: string) => listed?.get(id)?.type ?? CLASSIC_GROUP;
  const others = ids.filter((id) => !DESCRIBED_TYPES.has(typeOf(id)));
  const consumer = client.supports(node, ConsumerGroupDescribe.key) ? ids.filter((id) => typeOf(id) === 'consumer') : [];
  const classic = ids.filter((id) => !consumer.includes(id) && !others.includes(id));
  const [a, b] = await Promise.all([
    classic.length ? describeClassicOn(client, node, classic) : Promise.resolve([]),
    consumer.length ? describeConsumerOn(client, node, consumer) : Promise.resolve([]),
  ]);
  return [...a, ...b, ...others.map((id) => fromListing(listed!.get(id)!))];
}

/** Groups per batched OffsetFetch (v8+): a few hundred KB of answer at 10 partitions a group. */
const OFFSET_FETCH_BATCH = 500;

function committedFrom(answer: { errorCode: number; topics: OffsetFetchTopic[] }, groupId: string, node: number): GroupState['committed'] {
  if (answer.errorCode !== 0) throw new KafkaApiError(answer.errorCode, null, `OffsetFetch for group ${groupId} on broker ${node}`);
  const out: GroupState['committed'] = new Map();
  for (const t of answer.topics) {
    for (const p of t.partitions) {
      if (p.errorCode === 0 && p.committedOffset >= 0) out.set(tpKey(t.name, p.partitionIndex), { topic: t.name, partition: p.partitionIndex, offset: p.committedOffset });
    }
  }
  return out;
}

/** The group's committed offsets from `node`; a coordinator error is thrown for `Coordinators.call` to retry. */
async function committedOn(client: ClusterClient, node: number, groupId: string): Promise<GroupState['committed']> {
  const res = await client.toNode(node, OffsetFetch, () => oneGroupRequest(groupId, null));
  return committedFrom(groupAnswer(res, groupId), groupId, node);
}

/**
 * A group of a type the dashboard does not describe has no offsets OffsetFetch serves (a
 * share group: Kafka answers it with an error), which is no failure of its coordinator.
 */
function noneIfUnserved(d: Described, c: GroupState['committed'] | Error): GroupState['committed'] | Error {
  return d.listedOnly && c instanceof KafkaApiError && !isCoordinatorError(c) ? new Map() : c;
}

/**
 * Many groups' committed offsets from their coordinator `node`: in requests of up to
 * OFFSET_FETCH_BATCH groups where the broker serves OffsetFetch v8+ (Kafka 3.0+), else
 * one request a group. Per group: its offsets, or the error (thrown for one group alone,
 * so a group that moved is retried alone).
 */
async function committedOnMany(client: ClusterClient, node: number, groupIds: string[]): Promise<Map<string, GroupState['committed'] | Error>> {
  const out = new Map<string, GroupState['committed'] | Error>();
  const one = async (g: string) => {
    try {
      out.set(g, await committedOn(client, node, g));
    } catch (e) {
      out.set(g, e as Error);
    }
  };
  if ((client.versionFor(node, OffsetFetch) ?? 0) < 8 || groupIds.length === 1) {
    await Promise.all(groupIds.map(one));
    return out;
  }
  const chunks: string[][] = [];
  for (let i = 0; i < groupIds.length; i += OFFSET_FETCH_BATCH) chunks.push(groupIds.slice(i, i + OFFSET_FETCH_BATCH));
  await Promise.all(
    chunks.map(async (chunk) => {
      let res;
      try {
        res = await client.toNode(node, OffsetFetch, (v) => (v >= 8 ? { groups: chunk.map((groupId) => ({ groupId, topics: null })) } : oneGroupRequest(chunk[0], null)));
      } catch (e) {
        for (const g of chunk) out.set(g, e as Error);
        return;
      }
      if ((res.groups ?? []).length === 0) {
        // answered in the one-group shape after all (the broker was replaced by an older one): each on its own
        await Promise.all(chunk.map(one));
        return;
      }
      for (const g of chunk) {
        try {
          out.set(g, committedFrom(groupAnswer(res, g), g, node));
        } catch (e) {
          out.set(g, e as Error);
        }
      }
    }),
  );
  return out;
}

function stateOf(d: Described, committed: GroupState['committed'], listed: Listed | undefined): GroupState {
  return {
    groupId: d.groupId,
    state: d.groupState || 'Unknown',
    // read alone (no listing): consumer when ConsumerGroupDescribe answered, else classic
    type: listed?.type ?? (d.consumer ? 'consumer' : CLASSIC_GROUP),
    protocolType: d.protocolType || (listed?.protocolType ?? ''),
    protocol: d.protocolData,
    members: d.members848 ?? decodeMembers(d.members),
    ...(d.consumer ? { consumer: d.consumer } : {}),
    committed,
    unavailable: null,
    knownOffsets: null,
    readAt: Date.now(),
  };
}

/** One group read on its own through its coordinator, retried when the coordinator moves. */
async function readOne(src: GroupsSource, groupId: string, listed: Listed | undefined): Promise<GroupState | null> {
  return src.coordinators.call(groupId, async (node) => {
    let [d] = (await describeOn(src.client, node, [groupId], listed ? new Map([[groupId, listed]]) : undefined)).filter((x) => x.groupId === groupId);
    // read alone (a reset, a delete): a group DescribeGroups calls Dead may be a KIP-848 one
    if (!listed && d && (d.groupState === 'Dead' || d.errorCode === ErrorCode.GROUP_ID_NOT_FOUND) && src.client.supports(node, ConsumerGroupDescribe.key)) {
      const [c] = await describeConsumerOn(src.client, node, [groupId]);
      if (c?.errorCode === 0) d = c;
    }
    if (!d) return null;
    if (d.errorCode !== 0) {
      if (d.errorCode === ErrorCode.GROUP_ID_NOT_FOUND) return null;
      throw new KafkaApiError(d.errorCode, null, `DescribeGroups for group ${groupId} on broker ${node}`);
    }
    const committed = noneIfUnserved(d, await committedOn(src.client, node, groupId).catch((e: Error) => e));
    if (committed instanceof Error) throw committed;
    return stateOf(d, committed, listed);
  });
}

/**
 * Reads the given groups; a group whose coordinator cannot be asked lands in `failed`
 * with why (and which broker), the others in `groups`. A listed group that no longer
 * exists is in neither.
 */
export async function readGroups(src: GroupsSource, ids: Listed[]): Promise<{ groups: Map<string, GroupState>; failed: Map<string, { broker: number | null; message: string }> }> {
  const groups = new Map<string, GroupState>();
  const failed = new Map<string, { broker: number | null; message: string }>();
  const listed = new Map(ids.map((i) => [i.groupId, i]));
  const fail = (groupId: string, e: unknown, broker: number | null) => {
    src.coordinators.forget(groupId);
    failed.set(groupId, { broker: broker ?? src.coordinators.lastKnown(groupId), message: (e as Error).message });
  };
  /** After a coordinator error on the batched path: the group alone, with retries. */
  const retry = async (groupId: string, node: number) => {
    try {
      const g = await readOne(src, groupId, listed.get(groupId));
      if (g) groups.set(groupId, g);
    } catch (e) {
      fail(groupId, e, isCoordinatorError(e) ? (src.coordinators.lastKnown(groupId) ?? node) : node);
    }
  };

  // every coordinator in one round: one FindCoordinator for all the groups not cached
  const byNode = new Map<number, string[]>();
  const found = ids.length > 0 ? await src.coordinators.ofMany(ids.map((i) => i.groupId)) : new Map<string, number | Error>();
  for (const [groupId, node] of found) {
    if (node instanceof Error) {
      fail(groupId, node, null);
      continue;
    }
    let list = byNode.get(node);
    if (!list) byNode.set(node, (list = []));
    list.push(groupId);
  }
  await Promise.all(
    [...byNode].map(async ([node, groupIds]) => {
      let described: Described[];
      try {
        described = await describeOn(src.client, node, groupIds, listed);
      } catch (e) {
        // the coordinator itself failed (down, timed out): its groups only
        for (const g of groupIds) fail(g, e, node);
        return;
      }
      const ok: Described[] = [];
      const retries: Promise<void>[] = [];
      for (const d of described) {
        if (COORDINATOR_CODES.has(d.errorCode)) retries.push(retry(d.groupId, node));
        else if (d.errorCode === 0) ok.push(d);
        else if (d.errorCode !== ErrorCode.GROUP_ID_NOT_FOUND) fail(d.groupId, new KafkaApiError(d.errorCode, null, `DescribeGroups for group ${d.groupId}`), node);
      }
      const committed = await committedOnMany(src.client, node, ok.map((d) => d.groupId));
      for (const d of ok) {
        const c = noneIfUnserved(d, committed.get(d.groupId)!);
        if (!(c instanceof Error)) groups.set(d.groupId, stateOf(d, c, listed.get(d.groupId)));
        else if (isCoordinatorError(c)) retries.push(retry(d.groupId, node));
        else fail(d.groupId, c, node);
      }
      await Promise.all(retries);
    }),
  );
  return { groups, failed };
}

/**
 * One group read strictly, for actions that must not act on stale values (reset, delete):
 * its coordinator's failure is thrown. Undefined for a group that does not exist.
 */
export async function readGroupStrict(src: GroupsSource, groupId: string): Promise<GroupState | undefined> {
  return (await readOne(src, groupId, undefined)) ?? undefined;
}

function offsetsOf(g: GroupState, offsets: OffsetMap): OffsetMap {
  const out: OffsetMap = new Map();
  for (const k of g.committed.keys()) {
    const o = offsets.get(k);
    if (o) out.set(k, o);
  }
  return out;
}

/** The group as last read, marked unavailable (or a bare entry, with what its listing said, for a group never read). */
function carried(groupId: string, previous: GroupsSnapshot | null, why: { broker: number | null; message: string }, now: number, listed?: Listed): GroupState {
  const before = previous?.groups.get(groupId);
  const since = before?.unavailable?.since ?? now;
  if (!before) {
    return {
      groupId,
      state: 'Unknown',
      type: listed?.type ?? CLASSIC_GROUP,
      protocolType: listed?.protocolType ?? '',
      protocol: '',
      members: [],
      committed: new Map(),
      unavailable: { ...why, since, valuesAt: null },
      knownOffsets: new Map(),
      readAt: now,
    };
  }
  return {
    ...before,
    unavailable: { ...why, since, valuesAt: before.unavailable ? before.unavailable.valuesAt : before.readAt },
    knownOffsets: before.knownOffsets ?? offsetsOf(before, previous!.offsets),
  };
}

/**
 * Every group of the cluster. `previous` (the last snapshot) supplies the values of
 * groups that cannot be read now, including groups whose coordinator is down so that no
 * broker lists them any more.
 */
export async function loadGroupsSnapshot(src: GroupsSource, previous: GroupsSnapshot | null): Promise<GroupsSnapshot> {
  const metadata = await src.client.metadata(null);
  const listed = await listGroupIds(src.client, metadata);
  if (listed.answered.size === 0 && listed.failed.size > 0) {
    // no broker could list groups: the cluster is not answering for groups at all
    const [node, message] = [...listed.failed][0];
    throw new KafkaApiError(ErrorCode.COORDINATOR_NOT_AVAILABLE, `No broker could list groups (broker ${node}: ${message}).`);
  }
  const { groups: fresh, failed } = await readGroups(src, listed.groups);
  const now = Date.now();
  const groups = new Map<string, GroupState>();
  for (const l of listed.groups) {
    const g = fresh.get(l.groupId);
    if (g) groups.set(l.groupId, g);
    else if (failed.has(l.groupId)) groups.set(l.groupId, carried(l.groupId, previous, failed.get(l.groupId)!, now, l));
  }
  // Groups of the last snapshot that nobody listed because their coordinator did not answer.
  const live = new Set(metadata.brokers.map((b) => b.nodeId));
  for (const [groupId, before] of previous?.groups ?? []) {
    if (groups.has(groupId)) continue;
    const node = src.coordinators.lastKnown(groupId) ?? before.unavailable?.broker ?? null;
    if (node === null || listed.answered.has(node)) continue; // its coordinator answered without it: the group is gone
    const health = src.client.brokerState(node);
    const message = listed.failed.get(node) ?? (live.has(node) ? `broker ${node} did not list its groups` : `broker ${node} is not in the cluster metadata${health?.problem ? ` (${health.problem})` : ''}`);
    groups.set(groupId, carried(groupId, previous, { broker: node, message: `Coordinator broker ${node} is unavailable: ${message}` }, now));
  }
  src.coordinators.retain(new Set(groups.keys()));

  // every partition's offsets, not only those some group committed on: one ListOffsets per
  // leader either way, and the sampler's /metrics and totals need them all (no second round)
  const topics = metadata.topics.filter((t) => t.errorCode === 0 || t.partitions.length > 0);
  const offsets = await logOffsets(src.client, topics);
  return { groups: new Map([...groups].sort((a, b) => a[0].localeCompare(b[0]))), metadata, offsets, fetchedAt: now };
}

/** Each group's committed offsets on one topic (the topic page's "consumed by"). */
export function committedOffsetsForTopic(snap: GroupsSnapshot, topic: string): GroupOffsets[] {
  const out: GroupOffsets[] = [];
  for (const g of snap.groups.values()) {
    const offsets = [...g.committed.values()]
      .filter((c) => c.topic === topic)
      .map((c) => ({ partition: c.partition, committedOffset: c.offset }))
      .sort((a, b) => a.partition - b.partition);
    if (offsets.length) out.push({ groupId: g.groupId, offsets });
  }
  return out.sort((a, b) => a.groupId.localeCompare(b.groupId));
}

/** The log offsets a group's rows are computed from: its own last known ones while unavailable. */
export function offsetsFor(g: GroupState, snap: GroupsSnapshot): OffsetMap {
  return g.knownOffsets ?? snap.offsets;
}
