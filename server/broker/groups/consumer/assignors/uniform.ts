// Kafka's "uniform" server-side assignor (the default for KIP-848 consumer groups): balance
// first, then stickiness. Kafka iterates Java hash maps, so its exact output depends on hash
// order; here every order is explicit (members by id, topics by id, partitions ascending) so
// the same input always yields the same target, on any broker.
import type { Assignor, AssignorInput, AssignorMember } from './assignor';
import type { TopicPartitions } from '../partitions';

/** Plain code-unit order, as Java's String.compareTo (localeCompare would depend on ICU). */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Setup {
  members: AssignorMember[];
  /** Per member (same index): subscribed topics that exist, sorted. */
  subscriptions: string[][];
  counts: Map<string, number>;
}

function setup(input: AssignorInput): Setup {
  const members = [...input.members].sort((a, b) => compareIds(a.memberId, b.memberId));
  const counts = new Map<string, number>();
  const countOf = (topic: string): number => {
    if (!counts.has(topic)) counts.set(topic, input.partitionCount(topic));
    return counts.get(topic)!;
  };
  // A topic unknown to the metadata is treated as not subscribed (Kafka would throw).
  const subscriptions = members.map((m) => [...m.topics].filter((t) => countOf(t) >= 0).sort(compareIds));
  return { members, subscriptions, counts };
}

const sameTopics = (a: string[], b: string[]): boolean =>
  a.length === b.length && a.every((t, i) => t === b[i]);

function emptyResult(members: AssignorMember[]): Map<string, TopicPartitions> {
  return new Map(members.map((m) => [m.memberId, new Map()]));
}

function addTo(result: Map<string, TopicPartitions>, memberId: string, topic: string, p: number): void {
  const tp = result.get(memberId)!;
  let set = tp.get(topic);
  if (!set) tp.set(topic, (set = new Set()));
  set.add(p);
}

// ---------------------------------------------------------------------------------------------
// Homogeneous: every member subscribes to the same topics, so plain per-member quotas work.

type Slot = [topic: string, partition: number];

/**
 * Each member's still-valid current partitions (topic order, ascending), claimed in member
 * order so a partition that two stale targets both name is kept by one member only.
 */
function validHoldings(s: Setup, topics: string[]): { held: Slot[][]; claimed: Set<string> } {
  const claimed = new Set<string>();
  const held = s.members.map((m) => {
    const mine: Slot[] = [];
    for (const topic of topics) {
      const ps = m.current.get(topic);
      if (!ps) continue;
      for (const p of [...ps].sort((a, b) => a - b)) {
        const key = `${topic}:${p}`;
        if (p < 0 || p >= s.counts.get(topic)! || claimed.has(key)) continue;
        claimed.add(key);
        mine.push([topic, p]);
      }
    }
    return mine;
  });
  return { held, claimed };
}

/**
 * minQuota for everyone and one extra slot for `total % M` members. Members already holding
 * more than minQuota keep their extra slot first (the KAFKA-18688 fix; 4.0 gave the slots to
 * the first members whatever they held, moving partitions for nothing).
 */
function quotas(held: number[], total: number): number[] {
  const minQuota = Math.floor(total / held.length);
  let extra = total % held.length;
  const out = held.map(() => minQuota);
  const giveExtra = (wants: (i: number) => boolean): void => {
    for (let i = 0; i < held.length && extra > 0; i++) {
      if (out[i] === minQuota && wants(i)) {
        out[i]++;
        extra--;
      }
    }
  };
  giveExtra((i) => held[i] > minQuota);
  giveExtra(() => true);
  return out;
}

function assignHomogeneous(s: Setup): Map<string, TopicPartitions> {
  const result = emptyResult(s.members);
  const topics = s.subscriptions[0];
  const { held, claimed } = validHoldings(s, topics);
  const total = topics.reduce((n, t) => n + s.counts.get(t)!, 0);
  const quota = quotas(held.map((h) => h.length), total);

  // Never-assigned partitions are handed out before the ones trimmed from over-quota members.
  const pool: Slot[] = [];
  for (const topic of topics) {
    for (let p = 0; p < s.counts.get(topic)!; p++) if (!claimed.has(`${topic}:${p}`)) pool.push([topic, p]);
  }
  held.forEach((h, i) => pool.push(...h.slice(quota[i])));

  let next = 0;
  s.members.forEach((m, i) => {
    const kept = held[i].slice(0, quota[i]);
    for (const [t, p] of kept) addTo(result, m.memberId, t, p);
    for (let k = kept.length; k < quota[i]; k++) {
      const [t, p] = pool[next++];
      addTo(result, m.memberId, t, p);
    }
  });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Heterogeneous: balance is only promised per topic, among that topic's subscribers.

const MAX_BALANCE_PASSES = 16;

interface Hetero {
  size: number[];
  /** Per topic, the member index owning each partition, or -1. */
  owner: Map<string, number[]>;
  /** Per topic, its subscribers' member indexes, ascending. */
  subscribers: Map<string, number[]>;
}

function heteroState(s: Setup): Hetero {
  const subscribers = new Map<string, number[]>();
  s.subscriptions.forEach((topics, i) => {
    for (const t of topics) subscribers.set(t, [...(subscribers.get(t) ?? []), i]);
  });
  const owner = new Map<string, number[]>();
  for (const t of subscribers.keys()) owner.set(t, new Array<number>(s.counts.get(t)!).fill(-1));
  return { size: s.members.map(() => 0), owner, subscribers };
}

/** Everything a member still subscribes to stays; there is no trimming here. */
function keepCurrent(s: Setup, h: Hetero): void {
  s.members.forEach((m, i) => {
    for (const topic of s.subscriptions[i]) {
      const owners = h.owner.get(topic)!;
      for (const p of [...(m.current.get(topic) ?? [])].sort((a, b) => a - b)) {
        if (p < 0 || p >= owners.length || owners[p] !== -1) continue;
        owners[p] = i;
        h.size[i]++;
      }
    }
  });
}

/** Topics with the most partitions per subscriber first: they are the hardest to spread. */
function topicOrder(h: Hetero, counts: Map<string, number>): string[] {
  return [...h.subscribers.keys()].sort((a, b) => {
    const na = counts.get(a)!, sa = h.subscribers.get(a)!.length;
    const nb = counts.get(b)!, sb = h.subscribers.get(b)!.length;
    return nb * sa - na * sb || sa - sb || compareIds(a, b);
  });
}

/**
 * Ties among equally loaded members go by their load when the topic's turn began, then member
 * index: Kafka's balancer round-robins over members in that order, and A.5's second example
 * depends on it.
 */
function tieRanks(h: Hetero, subs: number[]): Map<number, number> {
  const sorted = [...subs].sort((a, b) => h.size[a] - h.size[b] || a - b);
  return new Map(sorted.map((m, r) => [m, r]));
}

function leastLoaded(h: Hetero, subs: number[], rank: Map<number, number>): number {
  let best = subs[0];
  for (const m of subs) {
    if (h.size[m] < h.size[best] || (h.size[m] === h.size[best] && rank.get(m)! < rank.get(best)!)) best = m;
  }
  return best;
}

function fillUnassigned(h: Hetero, topics: string[]): void {
  for (const topic of topics) {
    const owners = h.owner.get(topic)!;
    if (!owners.includes(-1)) continue;
    const subs = h.subscribers.get(topic)!;
    const rank = tieRanks(h, subs);
    owners.forEach((o, p) => {
      if (o !== -1) return;
      const m = leastLoaded(h, subs, rank);
      owners[p] = m;
      h.size[m]++;
    });
  }
}

/** Most-loaded member that still has one of its original partitions of the topic to give. */
function mostLoadedGiver(h: Hetero, givable: Map<number, number[]>, rank: Map<number, number>): number {
  let best = -1;
  for (const [m, ps] of givable) {
    if (ps.length === 0) continue;
    if (best === -1 || h.size[m] > h.size[best] || (h.size[m] === h.size[best] && rank.get(m)! > rank.get(best)!)) best = m;
  }
  return best;
}

/** Moves the topic's partitions from its most- to its least-loaded subscribers; returns how many. */
function balanceTopic(h: Hetero, topic: string): number {
  const subs = h.subscribers.get(topic)!;
  const owners = h.owner.get(topic)!;
  const rank = tieRanks(h, subs);
  const givable = new Map<number, number[]>(subs.map((m) => [m, []]));
  owners.forEach((m, p) => givable.get(m)?.push(p));
  let moved = 0;
  for (;;) {
    const from = mostLoadedGiver(h, givable, rank);
    const to = leastLoaded(h, subs, rank);
    if (from === -1 || h.size[from] - h.size[to] <= 1) return moved;
    const p = givable.get(from)!.pop()!;
    owners[p] = to;
    h.size[from]--;
    h.size[to]++;
    moved++;
  }
}

/**
 * Moving partitions of one topic changes members' totals and can unbalance a topic already
 * visited, so passes repeat until a full cycle moves nothing (bounded, as Kafka does, since
 * overlapping subscriptions may converge slowly).
 */
function balance(h: Hetero, topics: string[]): void {
  const shared = topics.filter((t) => h.subscribers.get(t)!.length >= 2);
  let lastMoved = -1;
  for (let pass = 0; pass < MAX_BALANCE_PASSES; pass++) {
    for (let i = 0; i < shared.length; i++) {
      if (i === lastMoved) return;
      if (balanceTopic(h, shared[i]) > 0 || lastMoved === -1) lastMoved = i;
    }
  }
}

function assignHeterogeneous(s: Setup): Map<string, TopicPartitions> {
  const h = heteroState(s);
  keepCurrent(s, h);
  const topics = topicOrder(h, s.counts);
  fillUnassigned(h, topics);
  balance(h, topics);
  const result = emptyResult(s.members);
  for (const [topic, owners] of h.owner) {
    owners.forEach((m, p) => addTo(result, s.members[m].memberId, topic, p));
  }
  return result;
}

export const uniform: Assignor = {
  name: 'uniform',
  assign(input) {
    const s = setup(input);
    if (s.members.length === 0) return new Map();
    const homogeneous = s.subscriptions.every((t) => sameTopics(t, s.subscriptions[0]));
    if (homogeneous) return s.subscriptions[0].length === 0 ? emptyResult(s.members) : assignHomogeneous(s);
    return assignHeterogeneous(s);
  },
};
