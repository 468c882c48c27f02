// The partition assignors a group leader runs (the Kafka consumer's "range" and
// "roundrobin"), as pure functions: the lab's members use them when they lead a group,
// and the lab page explains who got what with the same rules.

export interface Subscriber {
  memberId: string;
  topics: string[];
}
/** memberId → topic → partitions (ascending). Every subscriber has an entry, maybe empty. */
export type Assignment = Map<string, Map<string, number[]>>;

export const ASSIGNORS = ['range', 'roundrobin'] as const;
export type AssignorName = (typeof ASSIGNORS)[number];

function empty(members: Subscriber[]): Assignment {
  return new Map(members.map((m) => [m.memberId, new Map<string, number[]>()]));
}
function give(out: Assignment, memberId: string, topic: string, partition: number): void {
  const mine = out.get(memberId)!;
  const list = mine.get(topic) ?? [];
  list.push(partition);
  mine.set(topic, list);
}

/**
 * Per topic, its subscribers in member-id order each take a contiguous range; the first
 * `partitions % members` take one more (Kafka's RangeAssignor).
 */
export function rangeAssign(members: Subscriber[], partitionCounts: Map<string, number>): Assignment {
  const out = empty(members);
  const topics = [...new Set(members.flatMap((m) => m.topics))].sort();
  for (const topic of topics) {
    const n = partitionCounts.get(topic) ?? 0;
    const subs = members.filter((m) => m.topics.includes(topic)).map((m) => m.memberId).sort();
    const each = Math.floor(n / subs.length);
    const extra = n % subs.length;
    let next = 0;
    subs.forEach((id, i) => {
      const take = each + (i < extra ? 1 : 0);
      for (let k = 0; k < take; k++) give(out, id, topic, next++);
    });
  }
  return out;
}

/**
 * All topic-partitions sorted by topic then partition are dealt one at a time to the
 * members in id order, skipping members not subscribed to that topic (Kafka's
 * RoundRobinAssignor).
 */
export function roundRobinAssign(members: Subscriber[], partitionCounts: Map<string, number>): Assignment {
  const out = empty(members);
  const ids = members.map((m) => m.memberId).sort();
  const subs = new Map(members.map((m) => [m.memberId, new Set(m.topics)]));
  const topics = [...new Set(members.flatMap((m) => m.topics))].sort();
  let turn = 0;
  for (const topic of topics) {
    for (let p = 0; p < (partitionCounts.get(topic) ?? 0); p++) {
      for (let tries = 0; tries < ids.length; tries++) {
        const id = ids[turn++ % ids.length];
        if (subs.get(id)!.has(topic)) {
          give(out, id, topic, p);
          break;
        }
      }
    }
  }
  return out;
}

export function assign(name: AssignorName, members: Subscriber[], partitionCounts: Map<string, number>): Assignment {
  return name === 'range' ? rangeAssign(members, partitionCounts) : roundRobinAssign(members, partitionCounts);
}
