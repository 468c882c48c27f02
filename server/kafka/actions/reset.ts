// Offset resets on any cluster: look up the group, the log bounds and (for time-based
// strategies) the offsets by timestamp, plan with lib/offsets/reset-plan.ts, and apply the
// plan as an admin OffsetCommit (generation −1, no member id), which coordinators accept
// only while the group has no members — no consumer joins the group to do it.
import type { ActiveGroup, ResetRequest, ResetResponse } from '../../../lib/contract/reset';
import { lookupKey, planReset, PlanError, resolveScope, targetTime, type PartitionFacts } from '../../../lib/offsets/reset-plan';
import { OffsetCommit } from '../../protocol/08-offset-commit';
import { ErrorCode, errorName } from '../../protocol/errors';
import type { Cluster } from '../cluster';
import { ClusterUnreachableError, KafkaApiError, Refusal } from '../errors';
import { COORDINATOR_CODES } from '../routing/coordinators';
import { readGroupStrict, type GroupsSource, type GroupState } from '../snapshots/groups';
import { logOffsets, offsetsForTime, tpKey } from '../routing/offsets';
import { recordReset } from './reset-audit';

export interface Requester {
  address: string | null;
  userAgent: string | null;
  /** The user, with a login configured. */
  user?: string | null;
  /** Throws unless the requester may reset these topics (a login's grant limited by name). */
  authorizeTopics?: (topics: string[]) => void;
}

/** Empty and Dead groups (and groups that do not exist yet) take admin commits. */
export function activeOf(g: GroupState | undefined): ActiveGroup | undefined {
  if (!g || g.state === 'Empty' || g.state === 'Dead') return undefined;
  return { state: g.state, members: g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.host })) };
}

export function activeMessage(groupId: string, a: ActiveGroup, what: string): string {
  const who = a.members.map((m) => `${m.clientId} on ${m.host}`).join(', ');
  return `Group '${groupId}' is ${a.state} with ${a.members.length} member${a.members.length === 1 ? '' : 's'}${who ? ` (${who})` : ''}: ${what} only while it is Empty. Stop its consumers first.`;
}

/**
 * Plans and (unless a dry run) applies a reset. Applied means committed: if the audit
 * record cannot be written then, the answer still says what was applied, with why the
 * record is missing, so nobody retries a shift that already happened.
 */
export async function resetGroup(cluster: Cluster, groupId: string, req: ResetRequest, who: Requester): Promise<ResetResponse> {
  const { client } = cluster;
  const [md, group] = await Promise.all([client.metadata(null), readGroupStrict(cluster, groupId)]);
  const committed = group ? [...group.committed.values()] : [];
  const counts = new Map(md.topics.filter((t) => t.errorCode === 0).map((t) => [t.name, t.partitions.length]));

  let scope;
  let time: number | null;
  try {
    scope = resolveScope(req, { groupId, committed, partitionCounts: counts });
    time = targetTime(req, Date.now());
  } catch (e) {
    if (e instanceof PlanError) throw new Refusal('invalid', 'BAD_REQUEST', e.message);
    throw e;
  }
  const wanted = new Set(scope.map((tp) => tpKey(tp.topic, tp.partition)));
  const topics = md.topics
    .map((t) => ({ ...t, partitions: t.partitions.filter((p) => wanted.has(tpKey(t.name, p.partition))) }))
    .filter((t) => t.partitions.length > 0);
  const [bounds, byTime] = await Promise.all([logOffsets(client, topics), time === null ? undefined : offsetsForTime(client, topics, time)]);
  const facts: PartitionFacts[] = scope.map((tp) => {
    const b = bounds.get(tpKey(tp.topic, tp.partition));
    if (!b || b.start === null || b.end === null) throw new ClusterUnreachableError(`The leader of ${tp.topic}-${tp.partition} did not give its offsets; try again.`);
    return { ...tp, logStart: b.start, logEnd: b.end, committed: group?.committed.get(tpKey(tp.topic, tp.partition))?.offset ?? null };
  });
  const timestampOffsets = byTime && new Map(facts.map((f) => [lookupKey(f), byTime.get(tpKey(f.topic, f.partition)) ?? null]));
  const plan = planReset(req, facts, { timestampOffsets, time });
  const active = activeOf(group);

  if (req.dryRun) return { plan, applied: false, ...(active ? { active } : {}) };
  if (active) throw new Refusal('conflict', 'GROUP_ACTIVE', activeMessage(groupId, active, 'offsets can be reset'), active);
  const bad = plan.filter((r) => r.error !== null);
  if (bad.length) throw new Refusal('invalid', 'BAD_REQUEST', `${bad[0].error}${bad.length > 1 ? ` (and ${bad.length - 1} more partitions)` : ''}; nothing was committed.`);

  who.authorizeTopics?.([...new Set(plan.map((r) => r.topic))]);
  await adminCommit(cluster, groupId, plan.map((r) => ({ topic: r.topic, partition: r.partition, offset: r.newOffset! })));
  try {
    const audit = recordReset(cluster, { groupId, requestedBy: { address: who.address, userAgent: who.userAgent, ...(who.user ? { user: who.user } : {}) }, request: req, plan, before: facts.map((f) => ({ topic: f.topic, partition: f.partition, offset: f.committed })) });
    return { plan, applied: true, auditId: audit.id };
  } catch (e) {
    console.error(`[reset] group ${groupId}: applied, but the audit record could not be written`, e);
    return { plan, applied: true, auditError: `The reset was applied, but its audit record could not be written: ${(e as Error).message}` };
  }
}

/** OffsetCommit as an admin: generation −1, no member; refused by coordinators while the group has members. */
export async function adminCommit(src: GroupsSource, groupId: string, offsets: { topic: string; partition: number; offset: number }[]): Promise<void> {
  const byTopic = new Map<string, { partition: number; offset: number }[]>();
  for (const o of offsets) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), o]);
  const res = await src.coordinators.call(groupId, async (node) => {
    const r = await src.client.toNode(node, OffsetCommit, () => ({
    groupId,
    generationIdOrMemberEpoch: -1,
    memberId: '',
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [...byTopic].map(([name, ps]) => ({
      name,
      partitions: ps.map((p) => ({ partitionIndex: p.partition, committedOffset: p.offset, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: '' })),
    })),
    }));
    // the coordinator moved or is loading: nothing was committed, so asking again is safe
    const moved = r.topics.flatMap((t) => t.partitions).find((p) => COORDINATOR_CODES.has(p.errorCode));
    if (moved) throw new KafkaApiError(moved.errorCode, null, `committing offsets of group ${groupId} on broker ${node}`);
    return r;
  });
  const failed = res.topics.flatMap((t) => t.partitions.filter((p) => p.errorCode !== 0).map((p) => ({ tp: `${t.name}-${p.partitionIndex}`, code: p.errorCode })));
  if (failed.length === 0) return;
  const code = failed[0].code;
  // A member joined between the check and the commit: the coordinator refuses admin commits then.
  if (code === ErrorCode.UNKNOWN_MEMBER_ID || code === ErrorCode.ILLEGAL_GENERATION || code === ErrorCode.REBALANCE_IN_PROGRESS) {
    throw new Refusal('conflict', 'GROUP_ACTIVE', `Group '${groupId}' got members while the reset was applied (${errorName(code)}); check the group and try again.`);
  }
  throw new KafkaApiError(code, null, `committing ${failed.map((f) => f.tp).join(', ')}`);
}
