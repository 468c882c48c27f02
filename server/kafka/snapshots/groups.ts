// Consumer groups as the dashboard sees them: which groups exist (ListGroups on every
// broker), their state and members (DescribeGroups, batched per coordinator) and their
// committed offsets (one OffsetFetch per group). Coordinators are cached; a snapshot of
// all of it is shared by concurrent callers for one refresh interval.
import { OffsetFetch } from '../../protocol/09-offset-fetch';
import { FindCoordinator } from '../../protocol/10-find-coordinator';
import { DescribeGroups } from '../../protocol/15-describe-groups';
import { ListGroups } from '../../protocol/16-list-groups';
import { decodeConsumerAssignment } from '../../protocol/consumer-protocol';
import { ErrorCode } from '../../protocol/errors';
import type { ClusterClient, ClusterMetadata } from '../connection/cluster-client';
import { KafkaApiError } from '../errors';
import { logOffsets, tpKey, type OffsetMap } from '../routing/offsets';
import { SnapshotCache } from './snapshot-cache';

export interface GroupOffsets {
  groupId: string;
  offsets: { partition: number; committedOffset: number | null }[];
}

export interface GroupMemberState {
  memberId: string;
  clientId: string;
  host: string;
  assignments: { topic: string; partitions: number[] }[];
}

export interface GroupState {
  groupId: string;
  state: string;
  protocolType: string;
  protocol: string;
  members: GroupMemberState[];
  /** Committed offsets by tpKey(topic, partition). */
  committed: Map<string, { topic: string; partition: number; offset: number }>;
}

export interface GroupsSnapshot {
  groups: Map<string, GroupState>;
  metadata: ClusterMetadata;
  /** Log-start and log-end of every partition some group has committed on. */
  offsets: OffsetMap;
  fetchedAt: number;
}

const KEY = Symbol.for('offsetscope.groups');
/** Group coordinators per cluster (its client); clients live as long as the process. */
function coordinators(client: ClusterClient): Map<string, number> {
  const all = ((globalThis as { [KEY]?: Map<ClusterClient, Map<string, number>> })[KEY] ??= new Map());
  let c = all.get(client);
  if (!c) all.set(client, (c = new Map()));
  return c;
}

export const GROUPS_CACHE_MS = 1000;

export async function listGroupIds(client: ClusterClient, md?: ClusterMetadata): Promise<{ groupId: string; protocolType: string }[]> {
  md ??= await client.metadata([]);
  const found = new Map<string, string>();
  await Promise.all(
    md.brokers.map(async (b) => {
      if (!client.supports(b.nodeId, ListGroups.key)) return;
      const res = await client.toNode(b.nodeId, ListGroups, () => ({}));
      if (res.errorCode !== 0) throw new KafkaApiError(res.errorCode, null, `ListGroups on broker ${b.nodeId}`);
      for (const g of res.groups) found.set(g.groupId, g.protocolType);
    }),
  );
  return [...found].map(([groupId, protocolType]) => ({ groupId, protocolType })).sort((a, b) => a.groupId.localeCompare(b.groupId));
}

export async function coordinatorOf(client: ClusterClient, groupId: string, fresh = false): Promise<number> {
  const c = coordinators(client);
  if (!fresh && c.has(groupId)) return c.get(groupId)!;
  const res = await client.any(FindCoordinator, () => ({ key: groupId, keyType: 0 }));
  if (res.errorCode !== 0) throw new KafkaApiError(res.errorCode, res.errorMessage, `coordinator of group ${groupId}`);
  c.set(groupId, res.nodeId);
  return res.nodeId;
}

async function describeOn(client: ClusterClient, node: number, ids: string[]) {
  const res = await client.toNode(node, DescribeGroups, () => ({ groups: ids, includeAuthorizedOperations: false }));
  return res.groups;
}

async function committedOf(client: ClusterClient, node: number, groupId: string) {
  const res = await client.toNode(node, OffsetFetch, () => ({ groupId, topics: null }));
  if (res.errorCode === ErrorCode.NOT_COORDINATOR || res.errorCode === ErrorCode.COORDINATOR_NOT_AVAILABLE) return null;
  if (res.errorCode !== 0) throw new KafkaApiError(res.errorCode, null, `OffsetFetch for group ${groupId}`);
  const out = new Map<string, { topic: string; partition: number; offset: number }>();
  for (const t of res.topics) {
    for (const p of t.partitions) {
      if (p.errorCode === 0 && p.committedOffset >= 0) out.set(tpKey(t.name, p.partitionIndex), { topic: t.name, partition: p.partitionIndex, offset: p.committedOffset });
    }
  }
  return out;
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

/** Describes and fetches the offsets of the given groups, one coordinator round each. */
export async function loadGroups(client: ClusterClient, ids: { groupId: string; protocolType: string }[]): Promise<Map<string, GroupState>> {
  const byNode = new Map<number, string[]>();
  await Promise.all(
    ids.map(async ({ groupId }) => {
      const node = await coordinatorOf(client, groupId);
      let list = byNode.get(node);
      if (!list) byNode.set(node, (list = []));
      list.push(groupId);
    }),
  );
  const out = new Map<string, GroupState>();
  await Promise.all(
    [...byNode].map(async ([node, groupIds]) => {
      const described = await describeOn(client, node, groupIds);
      await Promise.all(
        described.map(async (d) => {
          let committed = await committedOf(client, node, d.groupId);
          if (committed === null) {
            // The coordinator moved: ask again once.
            committed = (await committedOf(client, await coordinatorOf(client, d.groupId, true), d.groupId)) ?? new Map();
          }
          if (d.errorCode !== 0 && d.errorCode !== ErrorCode.NOT_COORDINATOR) return;
          out.set(d.groupId, {
            groupId: d.groupId,
            state: d.groupState || 'Unknown',
            protocolType: d.protocolType || ids.find((i) => i.groupId === d.groupId)?.protocolType || '',
            protocol: d.protocolData,
            members: decodeMembers(d.members),
            committed,
          });
        }),
      );
    }),
  );
  return out;
}

async function loadSnapshot(client: ClusterClient): Promise<GroupsSnapshot> {
  const metadata = await client.metadata(null);
  const ids = await listGroupIds(client, metadata);
  const groups = await loadGroups(client, ids);
  const wanted = new Map<string, Set<number>>();
  for (const g of groups.values()) {
    for (const c of g.committed.values()) {
      let s = wanted.get(c.topic);
      if (!s) wanted.set(c.topic, (s = new Set()));
      s.add(c.partition);
    }
  }
  const topics = metadata.topics
    .filter((t) => wanted.has(t.name))
    .map((t) => ({ ...t, partitions: t.partitions.filter((p) => wanted.get(t.name)!.has(p.partition)) }));
  const offsets = await logOffsets(client, topics);
  return { groups, metadata, offsets, fetchedAt: Date.now() };
}

const snapshots = new SnapshotCache('groups', GROUPS_CACHE_MS, loadSnapshot);

/** Every group with its offsets and the log offsets around them; shared for a second. */
export function groupsSnapshot(client: ClusterClient): Promise<GroupsSnapshot> {
  return snapshots.get(client);
}

/** Forgets the snapshot of every cluster (after a change, the next read is fresh). */
export function invalidateGroups(): void {
  snapshots.invalidate();
}

/** Each group's committed offsets on one topic (the topic page's "consumed by"). */
export async function committedOffsetsForTopic(client: ClusterClient, topic: string): Promise<GroupOffsets[]> {
  const snap = await groupsSnapshot(client);
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
