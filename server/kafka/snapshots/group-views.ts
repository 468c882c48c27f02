// What the group screens show, assembled from the groups snapshot and the lag sampler:
// lag, time lag, last commit time, owner and the Burrow-style status per partition.
import type { GroupDetail, GroupHistory, GroupPartition, GroupSummary, GroupsQuery } from '../../../lib/contract/groups';
import { evaluateGroup, evaluatePartition, WINDOW, type PartitionResult } from '../../../lib/offsets/lag-status';
import { lostToRetention, partitionLag, totalLag } from '../../../lib/offsets/lag';
import { filterGroups } from '../../../lib/groups/filter';
import { Fetch } from '../../protocol/01-fetch';
import { ErrorCode } from '../../protocol/errors';
import { decodeRecordBatch, splitBatches } from '../../protocol/record-batch';
import type { ClusterClient } from '../connection/cluster-client';
import { commitKey } from '../sampling/commit-log';
import { KafkaApiError } from '../errors';
import { groupsSnapshot, type GroupState, type GroupsSnapshot } from './groups';
import type { LagSampler } from '../sampling/lag-sampler';
import { fetchRequest } from '../routing/fetch-request';
import { tpKey } from '../routing/offsets';

export interface GroupRow {
  topic: string;
  partition: number;
  committed: number | null;
  start: number | null;
  end: number | null;
  lag: number | null;
  status: PartitionResult['status'] | null;
  reason: string | null;
  /** Estimated from sampled log-ends. */
  timeLagEstimate: number | null;
}

/** One row per committed or assigned partition of the group, from the snapshot and the sampler. */
export function groupRows(g: GroupState, snap: GroupsSnapshot, sampler: LagSampler, now: number): GroupRow[] {
  const rows: GroupRow[] = [];
  for (const c of g.committed.values()) {
    const tp = tpKey(c.topic, c.partition);
    const o = snap.offsets.get(tp);
    const end = o?.end ?? null;
    const lag = partitionLag(c.offset, end);
    const track = sampler.tracks.get(commitKey(g.groupId, c.topic, c.partition));
    const logEnds = sampler.logEnds.get(tp) ?? [];
    const ev = evaluatePartition({
      commits: track?.commits ?? [{ offset: c.offset, timestamp: now, lag: lag ?? 0 }],
      currentLag: lag,
      recentLogEnds: logEnds.slice(-WINDOW).map((p) => ({ offset: p.offset, timestamp: p.t })),
      now,
    });
    let timeLagEstimate: number | null = null;
    if (lag !== null) {
      if (lag === 0) timeLagEstimate = 0;
      else {
        const seen = sampler.firstSeenAfter(tp, c.offset);
        timeLagEstimate = Math.max(0, now - (seen?.t ?? now));
      }
    }
    rows.push({ topic: c.topic, partition: c.partition, committed: c.offset, start: o?.start ?? null, end, lag, status: ev.status, reason: ev.reason, timeLagEstimate });
  }
  // Assigned partitions without a commit still get a row (as kafka-consumer-groups.sh shows them).
  for (const m of g.members) {
    for (const a of m.assignments) {
      for (const p of a.partitions) {
        if (g.committed.has(tpKey(a.topic, p))) continue;
        const o = snap.offsets.get(tpKey(a.topic, p));
        rows.push({ topic: a.topic, partition: p, committed: null, start: o?.start ?? null, end: o?.end ?? null, lag: null, status: null, reason: null, timeLagEstimate: null });
      }
    }
  }
  return rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

export function verdict(rows: GroupRow[]) {
  const evaluated = rows.filter((r) => r.status !== null) as (GroupRow & { status: PartitionResult['status'] })[];
  if (evaluated.length === 0) return { status: null, statusReason: 'no committed offsets yet' };
  const g = evaluateGroup(evaluated.map((r) => ({ topic: r.topic, partition: r.partition, status: r.status, reason: r.reason ?? '', lag: r.lag })));
  return { status: g.status, statusReason: g.reason };
}

function topicsOf(g: GroupState): string[] {
  const s = new Set<string>();
  for (const c of g.committed.values()) s.add(c.topic);
  for (const m of g.members) for (const a of m.assignments) s.add(a.topic);
  return [...s].sort();
}

export async function groupSummaries(client: ClusterClient, sampler: LagSampler, q: GroupsQuery) {
  const snap = await groupsSnapshot(client);
  const now = Date.now();
  const all: GroupSummary[] = [...snap.groups.values()].map((g) => {
    const rows = groupRows(g, snap, sampler, now);
    const timeLags = rows.map((r) => r.timeLagEstimate).filter((x): x is number => x !== null);
    return {
      groupId: g.groupId,
      state: g.state,
      protocolType: g.protocolType,
      members: g.members.length,
      topics: topicsOf(g),
      totalLag: totalLag(rows.map((r) => r.lag)),
      maxTimeLagMs: timeLags.length ? Math.max(...timeLags) : null,
      ...verdict(rows),
    };
  });
  return { groups: filterGroups(all, q), total: all.length, fetchedAt: snap.fetchedAt };
}

/** Timestamps of the records at the given offsets, read group-lessly from each leader. */
async function recordTimestamps(client: ClusterClient, snap: GroupsSnapshot, wanted: { topic: string; partition: number; offset: number }[]) {
  const out = new Map<string, number>();
  const byLeader = new Map<number, typeof wanted>();
  for (const w of wanted) {
    const leader = snap.metadata.topics.find((t) => t.name === w.topic)?.partitions.find((p) => p.partition === w.partition)?.leader;
    if (leader === undefined || leader < 0) continue;
    let list = byLeader.get(leader);
    if (!list) byLeader.set(leader, (list = []));
    list.push(w);
  }
  await Promise.all(
    [...byLeader].map(async ([leader, list]) => {
      const byTopic = new Map<string, typeof list>();
      for (const w of list) byTopic.set(w.topic, [...(byTopic.get(w.topic) ?? []), w]);
      // A small partition max: the first batch comes whole anyway, and one record is all we need.
      const res = await client.toNode(leader, Fetch, () =>
        fetchRequest([...byTopic].map(([topic, ws]) => ({ topic, partitions: ws.map((w) => ({ partition: w.partition, offset: w.offset, maxBytes: 1024 })) })), { maxBytes: 4 << 20 }),
      );
      for (const t of res.responses) {
        for (const p of t.partitions) {
          if (p.errorCode !== 0) continue;
          const target = list.find((w) => w.topic === t.topic && w.partition === p.partitionIndex)!.offset;
          for (const batch of splitBatches(Buffer.concat(p.records ?? []))) {
            try {
              const rec = (await decodeRecordBatch(batch)).find((r) => r.offset >= target);
              if (rec) {
                out.set(tpKey(t.topic, p.partitionIndex), rec.timestamp);
                break;
              }
            } catch {
              break; // undecodable data: no time lag rather than a wrong one
            }
          }
        }
      }
    }),
  );
  return out;
}

export async function groupDetail(client: ClusterClient, sampler: LagSampler, groupId: string): Promise<GroupDetail> {
  const snap = await groupsSnapshot(client);
  const g = snap.groups.get(groupId);
  if (!g) throw new KafkaApiError(ErrorCode.GROUP_ID_NOT_FOUND, `Consumer group '${groupId}' does not exist.`);
  const now = Date.now();
  const rows = groupRows(g, snap, sampler, now);
  const lagging = rows.filter((r) => r.lag !== null && r.lag > 0 && r.committed !== null).map((r) => ({ topic: r.topic, partition: r.partition, offset: r.committed! }));
  const stamps = await recordTimestamps(client, snap, lagging).catch(() => new Map<string, number>());
  const owners = new Map<string, string>();
  for (const m of g.members) for (const a of m.assignments) for (const p of a.partitions) owners.set(tpKey(a.topic, p), m.memberId);
  const exactTimes = sampler.commitLog.available;
  const offsets: GroupPartition[] = rows.map((r) => {
    const tp = tpKey(r.topic, r.partition);
    const ck = commitKey(groupId, r.topic, r.partition);
    const exact = sampler.commitLog.latest.get(ck);
    const ts = stamps.get(tp);
    return {
      topic: r.topic,
      partition: r.partition,
      logStartOffset: r.start,
      committedOffset: r.committed,
      logEndOffset: r.end,
      lag: r.lag,
      timeLagMs: r.lag === null ? null : r.lag === 0 ? 0 : ts !== undefined ? Math.max(0, now - ts) : r.timeLagEstimate,
      timeLagEstimated: r.lag !== null && r.lag > 0 && ts === undefined,
      lastCommitAt: exact && exact.offset === r.committed ? exact.commitTimestamp : (sampler.tracks.get(ck)?.lastCommitAt ?? null),
      owner: owners.get(tp) ?? null,
      status: r.status,
      statusReason: r.reason,
      lostToRetention: lostToRetention(r.committed, r.start),
    };
  });
  return {
    groupId,
    state: g.state,
    protocolType: g.protocolType,
    protocol: g.protocol,
    members: g.members,
    offsets,
    totalLag: totalLag(rows.map((r) => r.lag)),
    ...verdict(rows),
    commitTimesApproximate: !exactTimes,
    fetchedAt: snap.fetchedAt,
  };
}

export async function groupHistory(client: ClusterClient, sampler: LagSampler, groupId: string): Promise<GroupHistory> {
  const points = sampler.history.get(groupId);
  if (!points && !(await groupsSnapshot(client)).groups.has(groupId)) {
    throw new KafkaApiError(ErrorCode.GROUP_ID_NOT_FOUND, `Consumer group '${groupId}' does not exist.`);
  }
  return { intervalMs: sampler.intervalMs, points: points ?? [] };
}
