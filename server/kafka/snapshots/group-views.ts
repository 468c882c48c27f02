// What the group screens show, assembled from the groups snapshot and the lag sampler:
// lag, time lag, last commit time, owner and the Burrow-style status per partition.
import type { GroupDetail, GroupHistory, GroupPartition, GroupSummary, GroupsQuery } from '../../../lib/contract/groups';
import { evaluateGroup, evaluatePartition, type PartitionResult } from '../../../lib/offsets/lag-status';
import { lostToRetention, partitionLag, totalLag } from '../../../lib/offsets/lag';
import { filterGroups } from '../../../lib/groups/filter';
import { ErrorCode } from '../../protocol/errors';
import type { Cluster } from '../cluster';
import { commitKey } from '../sampling/commit-log';
import { KafkaApiError } from '../errors';
import { offsetsFor, readGroupStrict, type GroupState, type GroupsSnapshot } from './groups';
import { isCoordinatorError } from '../routing/coordinators';
import type { LagSampler } from '../sampling/lag-sampler';
import { recordTimestamps } from '../routing/record-timestamps';
import { timeLagOf, worstTimeLag, type TimeLag } from '../../../lib/offsets/time-lag';
import { logOffsets, tpKey } from '../routing/offsets';
import { Slices } from '../event-loop-slices';

export interface GroupRow {
  topic: string;
  partition: number;
  committed: number | null;
  start: number | null;
  end: number | null;
  lag: number | null;
  status: PartitionResult['status'] | null;
  reason: string | null;
  /** From the record's timestamp when the sampler read it, else estimated from sampled log-ends (lib/offsets/time-lag.ts). */
  timeLag: TimeLag | null;
}

/** One row per committed or assigned partition of the group, from the snapshot and the sampler. */
export function groupRows(g: GroupState, snap: GroupsSnapshot, sampler: LagSampler, now: number): GroupRow[] {
  const rows: GroupRow[] = [];
  const offsets = offsetsFor(g, snap);
  for (const c of g.committed.values()) {
    const tp = tpKey(c.topic, c.partition);
    const o = offsets.get(tp);
    const end = o?.end ?? null;
    const lag = partitionLag(c.offset, end);
    const commits = sampler.commitsOf(commitKey(g.groupId, c.topic, c.partition));
    const ev = evaluatePartition({
      commits: commits ?? [{ offset: c.offset, timestamp: now, lag: lag ?? 0 }],
      currentLag: lag,
      recentLogEnds: sampler.recentPolls(tp),
      now,
    });
    const timeLag = timeLagOf({ lag, now, recordTimestamp: sampler.recordTimes.get(c.topic, c.partition, c.offset), seen: sampler.firstSeenAfter(tp, c.offset) });
    rows.push({ topic: c.topic, partition: c.partition, committed: c.offset, start: o?.start ?? null, end, lag, status: ev.status, reason: ev.reason, timeLag });
  }
  // Assigned partitions without a commit still get a row (as kafka-consumer-groups.sh shows them).
  // A KIP-848 member's target partitions too: it is about to own them.
  const seen = new Set<string>();
  for (const m of g.members) {
    for (const a of [...m.assignments, ...(m.consumer?.targetAssignments ?? [])]) {
      for (const p of a.partitions) {
        if (g.committed.has(tpKey(a.topic, p)) || seen.has(tpKey(a.topic, p))) continue;
        seen.add(tpKey(a.topic, p));
        const o = offsets.get(tpKey(a.topic, p));
        rows.push({ topic: a.topic, partition: p, committed: null, start: o?.start ?? null, end: o?.end ?? null, lag: null, status: null, reason: null, timeLag: null });
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
  for (const m of g.members) for (const a of [...m.assignments, ...(m.consumer?.targetAssignments ?? [])]) s.add(a.topic);
  return [...s].sort();
}

/** One group's line in the list, as of `now`. */
function summaryOf(g: GroupState, snap: GroupsSnapshot, sampler: LagSampler, now: number): GroupSummary {
  const rows = groupRows(g, snap, sampler, now);
  const worst = worstTimeLag(rows.map((r) => r.timeLag));
  return {
    groupId: g.groupId,
    state: g.state,
    type: g.type,
    protocolType: g.protocolType,
    members: g.members.length,
    topics: topicsOf(g),
    totalLag: totalLag(rows.map((r) => r.lag)),
    maxTimeLagMs: worst?.ms ?? null,
    maxTimeLagEstimated: worst?.estimated ?? false,
    ...verdict(rows),
    unavailable: unavailableOf(g),
  };
}

/** Work on the list gives the event loop a turn this often (ms): 10,000 groups take about a second. */
const SUMMARY_SLICE_MS = 20;

/**
 * Every group's line of the list for one snapshot, computed in slices so that other
 * requests are answered meanwhile. Values that move with the clock (time lag, STOP) are
 * as of the computation, at most one sample old: the list is cached per snapshot.
 */
export async function computeSummaries(cluster: Cluster, snap: GroupsSnapshot): Promise<GroupSummary[]> {
  const sampler = cluster.sampler;
  const now = Date.now();
  const out: GroupSummary[] = [];
  const slices = new Slices(SUMMARY_SLICE_MS);
  for (const g of snap.groups.values()) {
    out.push(summaryOf(g, snap, sampler, now));
    await slices.turnIfDue();
  }
  return out;
}

export function selectSummaries(all: GroupSummary[], snap: GroupsSnapshot, q: GroupsQuery) {
  return { groups: filterGroups(all, q), total: all.length, fetchedAt: snap.fetchedAt };
}

function timeLagFields(t: TimeLag | null): { timeLagMs: number | null; timeLagEstimated: boolean } {
  return { timeLagMs: t?.ms ?? null, timeLagEstimated: t?.estimated ?? false };
}

function unavailableOf(g: GroupState) {
  return g.unavailable ? { broker: g.unavailable.broker, since: g.unavailable.since, message: g.unavailable.message, valuesAt: g.unavailable.valuesAt } : null;
}

const notFound = (groupId: string) => new KafkaApiError(ErrorCode.GROUP_ID_NOT_FOUND, `Consumer group '${groupId}' does not exist.`);

/**
 * One group as its page needs it, at the cost of that group alone: its coordinator's
 * DescribeGroups and OffsetFetch, metadata of its topics and the log offsets of its
 * partitions. A group whose coordinator cannot be asked comes from the groups snapshot,
 * which keeps it with its last values, marked unavailable.
 */
async function oneGroup(cluster: Cluster, groupId: string): Promise<{ g: GroupState; snap: GroupsSnapshot }> {
  let g: GroupState | undefined;
  try {
    g = await readGroupStrict(cluster, groupId);
  } catch (e) {
    if (!isCoordinatorError(e)) throw e;
    const snap = await cluster.groups.snapshot();
    const kept = snap.groups.get(groupId);
    if (!kept?.unavailable) throw e;
    return { g: kept, snap };
  }
  // Kafka describes a group it never heard of as Dead with nothing in it, and so a group
  // of a type neither DescribeGroups nor ConsumerGroupDescribe serves (share, streams):
  // such a group is as the listing in the groups snapshot says
  if (!g || (g.state === 'Dead' && g.committed.size === 0 && g.members.length === 0)) {
    const listed = (await cluster.groups.snapshot()).groups.get(groupId);
    if (!listed || listed.type === 'classic' || listed.type === 'consumer') throw notFound(groupId);
    g = listed;
  }
  const parts = new Map<string, Set<number>>();
  const add = (topic: string, p: number) => {
    let s = parts.get(topic);
    if (!s) parts.set(topic, (s = new Set()));
    s.add(p);
  };
  for (const c of g.committed.values()) add(c.topic, c.partition);
  for (const m of g.members) for (const a of [...m.assignments, ...(m.consumer?.targetAssignments ?? [])]) for (const p of a.partitions) add(a.topic, p);
  const metadata = await cluster.client.metadata([...parts.keys()]);
  const topics = metadata.topics.filter((t) => parts.has(t.name)).map((t) => ({ ...t, partitions: t.partitions.filter((p) => parts.get(t.name)!.has(p.partition)) }));
  const offsets = topics.length ? await logOffsets(cluster.client, topics) : new Map();
  return { g, snap: { groups: new Map([[groupId, g]]), metadata, offsets, fetchedAt: g.readAt } };
}

export async function groupDetail(cluster: Cluster, groupId: string): Promise<GroupDetail> {
  const { g, snap } = await oneGroup(cluster, groupId);
  const sampler = cluster.sampler;
  const now = Date.now();
  const rows = groupRows(g, snap, sampler, now);
  // the page reads the records its estimates stand for (the sampler reads only those its trail cannot place)
  const estimated = rows.filter((r) => r.timeLag?.estimated && r.committed !== null).map((r) => ({ topic: r.topic, partition: r.partition, offset: r.committed! }));
  // an unavailable group's values are old: the records' times now would give a wrong time lag
  const stamps = g.unavailable || estimated.length === 0 ? new Map<string, number>() : await recordTimestamps(cluster.client, snap.metadata, estimated).catch(() => new Map<string, number>());
  const owners = new Map<string, string>();
  for (const m of g.members) for (const a of m.assignments) for (const p of a.partitions) owners.set(tpKey(a.topic, p), m.memberId);
  const exactTimes = sampler.exactCommitTimes;
  const offsets: GroupPartition[] = rows.map((r) => {
    const tp = tpKey(r.topic, r.partition);
    const ck = commitKey(groupId, r.topic, r.partition);
    const exact = sampler.exactCommit(ck);
    const ts = stamps.get(tp);
    return {
      topic: r.topic,
      partition: r.partition,
      logStartOffset: r.start,
      committedOffset: r.committed,
      logEndOffset: r.end,
      lag: r.lag,
      ...timeLagFields(ts !== undefined && ts > 0 ? timeLagOf({ lag: r.lag, now, recordTimestamp: ts }) : r.timeLag),
      lastCommitAt: exact && exact.offset === r.committed ? exact.commitTimestamp : sampler.lastCommitAt(ck),
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
    type: g.type,
    consumer: g.consumer ?? null,
    members: g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.host, assignments: m.assignments, consumer: m.consumer ?? null })),
    offsets,
    totalLag: totalLag(rows.map((r) => r.lag)),
    ...verdict(rows),
    commitTimesApproximate: !exactTimes,
    commitTimeResolutionMs: sampler.commitTimeResolutionMs,
    commitTimesReason: exactTimes ? null : (sampler.commitLogProblem ?? 'the commit log has not been read yet'),
    unavailable: unavailableOf(g),
    fetchedAt: snap.fetchedAt,
  };
}

export async function groupHistory(cluster: Cluster, groupId: string): Promise<GroupHistory> {
  const sampler = cluster.sampler;
  const points = await sampler.historyOf(groupId);
  if (!points && !(await cluster.groups.snapshot()).groups.has(groupId)) {
    throw new KafkaApiError(ErrorCode.GROUP_ID_NOT_FOUND, `Consumer group '${groupId}' does not exist.`);
  }
  return { intervalMs: sampler.intervalMs, retentionMs: sampler.historySpanMs, points: points ?? [] };
}
