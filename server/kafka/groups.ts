// Consumer groups' committed offsets as the topic page shows them. Each broker lists the
// groups it coordinates (ListGroups); each group's offsets come from its coordinator
// (FindCoordinator, then OffsetFetch). A cluster without the group APIs has no groups.
import { OffsetFetch } from '../protocol/09-offset-fetch';
import { FindCoordinator } from '../protocol/10-find-coordinator';
import { ListGroups } from '../protocol/16-list-groups';
import type { ClusterClient } from './cluster-client';

export interface GroupOffsets {
  groupId: string;
  offsets: { partition: number; committedOffset: number | null }[];
}

export async function listGroupIds(client: ClusterClient): Promise<string[]> {
  const md = await client.metadata([]);
  const ids = new Set<string>();
  await Promise.all(
    md.brokers.map(async (b) => {
      if (!client.supports(b.nodeId, ListGroups.key)) return;
      const res = await client.toNode(b.nodeId, ListGroups, () => ({}));
      for (const g of res.groups) ids.add(g.groupId);
    }),
  );
  return [...ids].sort();
}

export async function coordinatorOf(client: ClusterClient, groupId: string): Promise<number> {
  const res = await client.any(FindCoordinator, () => ({ key: groupId, keyType: 0 }));
  if (res.errorCode !== 0) throw new Error(`no coordinator for group ${groupId} (error ${res.errorCode})`);
  return res.nodeId;
}

export async function committedOffsetsForTopic(client: ClusterClient, topic: string): Promise<GroupOffsets[]> {
  const groups = await listGroupIds(client);
  const out: GroupOffsets[] = [];
  await Promise.all(
    groups.map(async (groupId) => {
      const node = await coordinatorOf(client, groupId);
      const res = await client.toNode(node, OffsetFetch, () => ({ groupId, topics: null }));
      const t = res.topics.find((x) => x.name === topic);
      if (!t) return;
      const offsets = t.partitions
        .filter((p) => p.errorCode === 0)
        .map((p) => ({ partition: p.partitionIndex, committedOffset: p.committedOffset >= 0 ? p.committedOffset : null }))
        .sort((a, b) => a.partition - b.partition);
      if (offsets.some((o) => o.committedOffset !== null)) out.push({ groupId, offsets });
    }),
  );
  return out.sort((a, b) => a.groupId.localeCompare(b.groupId));
}
