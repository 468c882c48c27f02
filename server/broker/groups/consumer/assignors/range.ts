// Kafka's "range" server-side assignor: each topic is cut into contiguous ranges handed out in
// a fixed member order. It ignores the current target on purpose (Kafka dropped stickiness to
// keep co-partitioning: members with the same subscriptions get the same partition numbers in
// every topic of equal size). Static members sort by instance id, so a restarted static member
// gets its old ranges back under a new member id.
import type { Assignor, AssignorMember } from './assignor';
import type { TopicPartitions } from '../partitions';

/** Plain code-unit order, as Java's String.compareTo (localeCompare would depend on ICU). */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function memberOrder(a: AssignorMember, b: AssignorMember): number {
  if (a.instanceId !== null && b.instanceId !== null) return compareIds(a.instanceId, b.instanceId);
  if (a.instanceId !== null) return -1;
  if (b.instanceId !== null) return 1;
  return compareIds(a.memberId, b.memberId);
}

/** Each topic's subscribers, in member order (topics unknown to the metadata are skipped). */
function subscribersByTopic(members: AssignorMember[], partitionCount: (t: string) => number): Map<string, AssignorMember[]> {
  const out = new Map<string, AssignorMember[]>();
  for (const m of members) {
    for (const t of m.topics) {
      if (partitionCount(t) < 0) continue;
      out.set(t, [...(out.get(t) ?? []), m]);
    }
  }
  return out;
}

function assignTopic(result: Map<string, TopicPartitions>, topic: string, n: number, subs: AssignorMember[]): void {
  const minQuota = Math.floor(n / subs.length);
  const extra = n % subs.length;
  let start = 0;
  subs.forEach((m, i) => {
    const end = Math.min(start + minQuota + (i < extra ? 1 : 0), n);
    if (end > start) result.get(m.memberId)!.set(topic, new Set(Array.from({ length: end - start }, (_, k) => start + k)));
    start = end;
  });
}

export const range: Assignor = {
  name: 'range',
  assign(input) {
    const members = [...input.members].sort(memberOrder);
    const result = new Map<string, TopicPartitions>(members.map((m) => [m.memberId, new Map()]));
    const counts = new Map<string, number>();
    const countOf = (t: string): number => {
      if (!counts.has(t)) counts.set(t, input.partitionCount(t));
      return counts.get(t)!;
    };
    for (const [topic, subs] of subscribersByTopic(members, countOf)) assignTopic(result, topic, countOf(topic), subs);
    return result;
  },
};
