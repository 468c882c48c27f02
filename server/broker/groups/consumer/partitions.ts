// Sets of partitions by topic id, the currency of the KIP-848 protocol: assignments, targets
// and the partitions a member says it owns are all "topic id → partition numbers".
export type TopicPartitions = Map<string, Set<number>>;

export const noPartitions = (): TopicPartitions => new Map();

/** From the wire's [{topicId, partitions}] (a topic named twice is merged). */
export function fromWire(list: { topicId: string; partitions: number[] }[]): TopicPartitions {
  const out: TopicPartitions = new Map();
  for (const t of list) {
    const set = out.get(t.topicId) ?? new Set<number>();
    for (const p of t.partitions) set.add(p);
    out.set(t.topicId, set);
  }
  return out;
}

/** To the wire, topics and partitions sorted (empty topics left out). */
export function toWire(tp: TopicPartitions): { topicId: string; partitions: number[] }[] {
  return [...tp.entries()]
    .filter(([, ps]) => ps.size > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topicId, ps]) => ({ topicId, partitions: [...ps].sort((a, b) => a - b) }));
}

export function count(tp: TopicPartitions): number {
  let n = 0;
  for (const ps of tp.values()) n += ps.size;
  return n;
}

export function equal(a: TopicPartitions, b: TopicPartitions): boolean {
  if (count(a) !== count(b)) return false;
  for (const [t, ps] of a) {
    const other = b.get(t);
    for (const p of ps) if (!other?.has(p)) return false;
  }
  return true;
}

/** Every partition of `sub` is in `of`. */
export function isSubset(sub: TopicPartitions, of: TopicPartitions): boolean {
  for (const [t, ps] of sub) {
    const other = of.get(t);
    for (const p of ps) if (!other?.has(p)) return false;
  }
  return true;
}

export function intersects(a: TopicPartitions, b: TopicPartitions): boolean {
  for (const [t, ps] of a) {
    const other = b.get(t);
    if (!other) continue;
    for (const p of ps) if (other.has(p)) return true;
  }
  return false;
}

export function copy(tp: TopicPartitions): TopicPartitions {
  return new Map([...tp].map(([t, ps]) => [t, new Set(ps)]));
}

export function add(to: TopicPartitions, topicId: string, partition: number): void {
  let set = to.get(topicId);
  if (!set) to.set(topicId, (set = new Set()));
  set.add(partition);
}

export function* each(tp: TopicPartitions): Generator<[topicId: string, partition: number]> {
  for (const [t, ps] of tp) for (const p of ps) yield [t, p];
}
