import { describe, expect, it } from 'vitest';
import type { Assignor, AssignorInput, AssignorMember } from './assignor';
import type { TopicPartitions } from '../partitions';
import { ASSIGNORS, assignorNamed } from './index';
import { range } from './range';
import { uniform } from './uniform';
import { mulberry32, type Rng } from '../../../../../test/helpers/seeded';

// ---------------------------------------------------------------------------------------------
// Helpers

type Plain = Record<string, Record<string, number[]>>;

function tp(plain: Record<string, number[]> = {}): TopicPartitions {
  return new Map(Object.entries(plain).map(([t, ps]) => [t, new Set(ps)]));
}

function member(memberId: string, topics: string[], current: Record<string, number[]> = {}, instanceId: string | null = null): AssignorMember {
  return { memberId, instanceId, topics: new Set(topics), current: tp(current) };
}

function input(members: AssignorMember[], counts: Record<string, number>): AssignorInput {
  return { members, partitionCount: (t) => counts[t] ?? -1 };
}

/** Sorted plain object, empty topics left out, so toEqual compares assignments, not Map order. */
function plainOne(tps: TopicPartitions | undefined): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const t of [...(tps ?? new Map()).keys()].sort()) {
    const ps = [...tps!.get(t)!].sort((a, b) => a - b);
    if (ps.length > 0) out[t] = ps;
  }
  return out;
}

function plain(result: Map<string, TopicPartitions>): Plain {
  return Object.fromEntries([...result.keys()].sort().map((id) => [id, plainOne(result.get(id))]));
}

/** Runs an assignor, then feeds each member's result back as its `current`. */
function withCurrent(members: AssignorMember[], result: Map<string, TopicPartitions>): AssignorMember[] {
  return members.map((m) => ({ ...m, current: result.get(m.memberId) ?? new Map() }));
}

const total = (t: TopicPartitions | undefined): number => [...(t ?? new Map()).values()].reduce((n, s) => n + s.size, 0);

function overlap(a: TopicPartitions | undefined, b: TopicPartitions | undefined): number {
  let n = 0;
  for (const [t, ps] of a ?? new Map<string, Set<number>>()) for (const p of ps) if (b?.get(t)?.has(p)) n++;
  return n;
}

const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const randomId = (rng: Rng, prefix: string): string =>
  prefix + Array.from({ length: 6 }, () => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789-_'[int(rng, 0, 47)]).join('');

function shuffle<T>(rng: Rng, xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(rng, 0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

interface Scenario {
  counts: Record<string, number>;
  /** The group now, each member's `current` being the previous run's result. */
  members: AssignorMember[];
}

function randomTopics(rng: Rng, topics: string[]): string[] {
  return topics.filter(() => rng() < 0.5);
}

/**
 * A group whose targets come from an earlier run of `assignor` over the same group with one
 * member more or one fewer (and, sometimes, different earlier subscriptions).
 */
function scenario(rng: Rng, assignor: Assignor, homogeneous: boolean): Scenario {
  const topics = Array.from({ length: int(rng, 1, 5) }, () => randomId(rng, 'T'));
  const counts = Object.fromEntries(topics.map((t) => [t, int(rng, 1, 12)]));
  const shared = topics.filter(() => rng() < 0.6);
  if (shared.length === 0) shared.push(topics[0]);
  const subscription = (): string[] => (homogeneous ? shared : randomTopics(rng, topics));
  const now = Array.from({ length: int(rng, 1, 8) }, (_, i) => member(randomId(rng, `m${i}`), subscription()));

  const added = now.length > 1 && rng() < 0.5;
  const earlier = added ? now.slice(0, -1) : [...now, member(randomId(rng, 'gone'), subscription())];
  const earlierShared = rng() < 0.2 ? randomTopics(rng, topics) : null;
  const earlierMembers = earlier.map((m) => ({
    ...m,
    topics: earlierShared ? new Set(earlierShared) : !homogeneous && rng() < 0.2 ? new Set(randomTopics(rng, topics)) : m.topics,
  }));
  const previous = assignor.assign(input(earlierMembers, counts));
  return { counts, members: withCurrent(shuffle(rng, now), previous) };
}

const isHomogeneous = (members: AssignorMember[]): boolean =>
  members.every((m) => [...m.topics].sort().join() === [...members[0].topics].sort().join());

/** Every subscribed partition goes to exactly one of its subscribers, nothing else is handed out. */
function expectComplete(s: Scenario, result: Map<string, TopicPartitions>): void {
  expect([...result.keys()].sort()).toEqual(s.members.map((m) => m.memberId).sort());
  const owners = new Map<string, string[]>();
  for (const m of s.members) {
    for (const [t, ps] of result.get(m.memberId)!) {
      for (const p of ps) {
        expect(m.topics.has(t), `${m.memberId} got unsubscribed ${t}`).toBe(true);
        expect(p >= 0 && p < s.counts[t]).toBe(true);
        owners.set(`${t}:${p}`, [...(owners.get(`${t}:${p}`) ?? []), m.memberId]);
      }
    }
  }
  for (const t of Object.keys(s.counts)) {
    if (!s.members.some((m) => m.topics.has(t))) continue;
    for (let p = 0; p < s.counts[t]; p++) expect(owners.get(`${t}:${p}`), `${t}:${p}`).toHaveLength(1);
  }
}

const SWEEP = 300;

function sweep(assignor: Assignor, homogeneous: boolean, check: (s: Scenario, r: Map<string, TopicPartitions>) => void): void {
  const rng = mulberry32(homogeneous ? 848 : 4848);
  for (let i = 0; i < SWEEP; i++) {
    const s = scenario(rng, assignor, homogeneous);
    const result = assignor.assign(input(s.members, s.counts));
    expectComplete(s, result);
    check(s, result);
  }
}

// ---------------------------------------------------------------------------------------------

describe('assignor registry', () => {
  it('knows uniform and range by their Kafka names', () => {
    expect(Object.keys(ASSIGNORS).sort()).toEqual(['range', 'uniform']);
    expect(assignorNamed('uniform')).toBe(uniform);
    expect(assignorNamed('range')).toBe(range);
    expect(uniform.name).toBe('uniform');
    expect(range.name).toBe('range');
  });

  it('does not mistake object prototype names for assignors', () => {
    expect(assignorNamed('constructor')).toBeUndefined();
    expect(assignorNamed('__proto__')).toBeUndefined();
    expect(assignorNamed('sticky')).toBeUndefined();
  });
});

describe('uniform, homogeneous (A.4)', () => {
  it('A alone, then B joins, then C joins: only the excess moves', () => {
    const counts = { T: 6 };
    const a = uniform.assign(input([member('A', ['T'])], counts));
    expect(plain(a)).toEqual({ A: { T: [0, 1, 2, 3, 4, 5] } });

    const ab = uniform.assign(input(withCurrent([member('A', ['T']), member('B', ['T'])], a), counts));
    expect(plain(ab)).toEqual({ A: { T: [0, 1, 2] }, B: { T: [3, 4, 5] } });

    const abc = uniform.assign(input(withCurrent([member('C', ['T']), member('B', ['T']), member('A', ['T'])], ab), counts));
    expect(plain(abc)).toEqual({ A: { T: [0, 1] }, B: { T: [3, 4] }, C: { T: [2, 5] } });
  });

  it('a member already holding minQuota + 1 keeps its extra slot (the KAFKA-18688 fix)', () => {
    const members = [member('A', ['T'], { T: [0, 1] }), member('B', ['T'], { T: [2, 3] }), member('C', ['T'], { T: [4, 5, 6] })];
    expect(plain(uniform.assign(input(members, { T: 7 })))).toEqual({ A: { T: [0, 1] }, B: { T: [2, 3] }, C: { T: [4, 5, 6] } });
  });

  it('hands out never-assigned partitions before trimmed ones, members in id order', () => {
    // T2 is new: its partitions go first, to B, before A's trimmed T1:2,3 (which go to C).
    const members = [member('C', ['T1', 'T2']), member('B', ['T1', 'T2']), member('A', ['T1', 'T2'], { T1: [0, 1, 2, 3] })];
    expect(plain(uniform.assign(input(members, { T1: 4, T2: 2 })))).toEqual({ A: { T1: [0, 1] }, B: { T2: [0, 1] }, C: { T1: [2, 3] } });
  });

  it('drops unsubscribed topics, stale partitions, unknown topics, and double claims', () => {
    const members = [
      member('A', ['T', 'gone'], { T: [0, 1, 9], old: [0] }),
      member('B', ['T', 'gone'], { T: [1, 2] }),
    ];
    expect(plain(uniform.assign(input(members, { T: 4 })))).toEqual({ A: { T: [0, 1] }, B: { T: [2, 3] } });
  });

  it('gives every member an entry, and nothing when nobody subscribes', () => {
    expect(plain(uniform.assign(input([member('A', []), member('B', [])], { T: 3 })))).toEqual({ A: {}, B: {} });
    expect(uniform.assign(input([], { T: 3 })).size).toBe(0);
  });

  it('sweep: complete, counts within 1, and each member keeps all it can', () => {
    sweep(uniform, true, (s, result) => {
      if (!isHomogeneous(s.members)) return;
      const sizes = s.members.map((m) => total(result.get(m.memberId)));
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      for (const m of s.members) {
        // Previous partitions still subscribed are all valid here (counts never change).
        const stillValid = tp(Object.fromEntries([...m.current].filter(([t]) => m.topics.has(t)).map(([t, ps]) => [t, [...ps]])));
        const now = result.get(m.memberId);
        expect(overlap(stillValid, now)).toBe(Math.min(total(stillValid), total(now)));
      }
    });
  });

  it('sweep: a member joining a balanced group of M takes at most ceil(T/(M+1)), and only it gains', () => {
    const rng = mulberry32(18688);
    for (let i = 0; i < SWEEP; i++) {
      const topics = Array.from({ length: int(rng, 1, 5) }, () => randomId(rng, 'T'));
      const counts = Object.fromEntries(topics.map((t) => [t, int(rng, 1, 12)]));
      const T = Object.values(counts).reduce((a, b) => a + b, 0);
      const old = Array.from({ length: int(rng, 1, 8) }, (_, k) => member(randomId(rng, `m${k}`), topics));
      const before = uniform.assign(input(old, counts));
      const joiner = member(randomId(rng, 'new'), topics);
      const after = uniform.assign(input(shuffle(rng, [...withCurrent(old, before), joiner]), counts));

      const moved = old.reduce((n, m) => n + total(before.get(m.memberId)) - overlap(before.get(m.memberId), after.get(m.memberId)), 0);
      expect(moved).toBeLessThanOrEqual(Math.ceil(T / (old.length + 1)));
      expect(moved).toBe(total(after.get(joiner.memberId)));
    }
  });

  it('does not depend on the order members are listed in', () => {
    const rng = mulberry32(7);
    for (let i = 0; i < 50; i++) {
      const s = scenario(rng, uniform, rng() < 0.5);
      expect(plain(uniform.assign(input(shuffle(rng, s.members), s.counts)))).toEqual(plain(uniform.assign(input(s.members, s.counts))));
    }
  });
});

describe('uniform, heterogeneous (A.5)', () => {
  // A subscribes to T1 and T2, B to T2 only; A sorts before B.
  const members = (a: Record<string, number[]> = {}, b: Record<string, number[]> = {}) => [
    member('B', ['T2'], b),
    member('A', ['T1', 'T2'], a),
  ];

  it('example 1: T1 and T2 of 3 partitions, fresh group', () => {
    expect(plain(uniform.assign(input(members(), { T1: 3, T2: 3 })))).toEqual({ A: { T1: [0, 1, 2] }, B: { T2: [0, 1, 2] } });
  });

  it('example 2: T1 of 2 and T2 of 4, fresh group; ties follow load at the start of the topic', () => {
    expect(plain(uniform.assign(input(members(), { T1: 2, T2: 4 })))).toEqual({ A: { T1: [0, 1], T2: [3] }, B: { T2: [0, 1, 2] } });
  });

  it('example 3: B joins while A holds everything; A gives up its highest T2 partitions', () => {
    const result = uniform.assign(input(members({ T1: [0, 1], T2: [0, 1, 2, 3] }), { T1: 2, T2: 4 }));
    expect(plain(result)).toEqual({ A: { T1: [0, 1], T2: [0] }, B: { T2: [1, 2, 3] } });
  });

  it('drops topics a member left, then the overloaded holder gives its highest partitions', () => {
    const result = uniform.assign(input(members({ T1: [0], T2: [0, 1, 2] }, { T2: [3], T1: [1] }), { T1: 2, T2: 4 }));
    // B's T1:1 is dropped (B left T1) and goes to A; A is at 5, B at 1: A gives T2:2, then T2:1.
    expect(plain(result)).toEqual({ A: { T1: [0, 1], T2: [0] }, B: { T2: [1, 2, 3] } });
  });

  it('treats a member with no subscription as part of a heterogeneous group', () => {
    const result = uniform.assign(input([member('A', ['T'], { T: [0] }), member('B', [], { T: [1] })], { T: 2 }));
    expect(plain(result)).toEqual({ A: { T: [0, 1] }, B: {} });
  });

  it('sweep: complete; per topic, no holder has 2 more partitions in total than its least-loaded subscriber', () => {
    // The balance step's promise: for each topic with at least two subscribers, every subscriber
    // holding one of its partitions has at most one more partition (over all topics) than the
    // least-loaded subscriber of that topic. Identical subscriptions make that full balance.
    sweep(uniform, false, (s, result) => {
      const size = (id: string): number => total(result.get(id));
      for (const t of Object.keys(s.counts)) {
        const subs = s.members.filter((m) => m.topics.has(t)).map((m) => m.memberId);
        if (subs.length < 2) continue;
        const least = Math.min(...subs.map(size));
        for (const id of subs) if (result.get(id)!.get(t)?.size) expect(size(id) - least, `${t} ${id}`).toBeLessThanOrEqual(1);
      }
    });
  });

  it('sweep: running again on its own output moves nothing', () => {
    sweep(uniform, false, (s, result) => {
      expect(plain(uniform.assign(input(withCurrent(s.members, result), s.counts)))).toEqual(plain(result));
    });
  });
});

describe('range (A.6)', () => {
  it('A and B, then C joins: recomputed from scratch', () => {
    const ab = range.assign(input([member('B', ['T']), member('A', ['T'])], { T: 6 }));
    expect(plain(ab)).toEqual({ A: { T: [0, 1, 2] }, B: { T: [3, 4, 5] } });
    const abc = range.assign(input(withCurrent([member('A', ['T']), member('B', ['T']), member('C', ['T'])], ab), { T: 6 }));
    expect(plain(abc)).toEqual({ A: { T: [0, 1] }, B: { T: [2, 3] }, C: { T: [4, 5] } });
  });

  it('different subscriptions: each topic split among its own subscribers', () => {
    const result = range.assign(input([member('B', ['T2']), member('A', ['T1', 'T2'])], { T1: 3, T2: 3 }));
    expect(plain(result)).toEqual({ A: { T1: [0, 1, 2], T2: [0, 1] }, B: { T2: [2] } });
  });

  it('co-partitions topics of equal size', () => {
    const result = range.assign(input([member('M1', ['T1', 'T2']), member('M0', ['T1', 'T2'])], { T1: 3, T2: 3 }));
    expect(plain(result)).toEqual({ M0: { T1: [0, 1], T2: [0, 1] }, M1: { T1: [2], T2: [2] } });
  });

  it('static members first by instance id, then dynamic ones by member id', () => {
    const members = [member('a', ['T']), member('z', ['T'], {}, 'i2'), member('y', ['T'], {}, 'i1'), member('b', ['T'])];
    expect(plain(range.assign(input(members, { T: 4 })))).toEqual({ y: { T: [0] }, z: { T: [1] }, a: { T: [2] }, b: { T: [3] } });
  });

  it('leaves trailing members empty when there are fewer partitions than subscribers; skips unknown topics', () => {
    const members = [member('A', ['T', 'gone']), member('B', ['T']), member('C', ['T'])];
    expect(plain(range.assign(input(members, { T: 2 })))).toEqual({ A: { T: [0] }, B: { T: [1] }, C: {} });
  });

  it('sweep: complete, contiguous, first subscribers take the extra, co-partitioned', () => {
    sweep(range, false, (s, result) => {
      const order = [...s.members].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
      for (const [t, n] of Object.entries(s.counts)) {
        const subs = order.filter((m) => m.topics.has(t));
        let next = 0;
        subs.forEach((m, i) => {
          const ps = [...(result.get(m.memberId)!.get(t) ?? [])].sort((a, b) => a - b);
          const want = Math.floor(n / subs.length) + (i < n % subs.length ? 1 : 0);
          expect(ps).toEqual(Array.from({ length: want }, (_, k) => next + k));
          next += want;
        });
      }
      coPartitioned(s, result);
    });
  });

  it('sweep: ignores the current target, and a static member keeps its ranges under a new member id', () => {
    const rng = mulberry32(16944);
    for (let i = 0; i < SWEEP; i++) {
      const s = scenario(rng, range, rng() < 0.5);
      const statics = s.members.map((m) => ({ ...m, instanceId: rng() < 0.5 ? randomId(rng, 'i') : null }));
      const first = range.assign(input(statics, s.counts));
      expect(plain(range.assign(input(statics.map((m) => ({ ...m, current: new Map() })), s.counts)))).toEqual(plain(first));

      const renamed = statics.map((m) => (m.instanceId ? { ...m, memberId: randomId(rng, 'again') } : m));
      const second = range.assign(input(shuffle(rng, renamed), s.counts));
      renamed.forEach((m, k) => expect(plainOne(second.get(m.memberId))).toEqual(plainOne(first.get(statics[k].memberId))));
    }
  });
});

/** Topics of equal size with the same subscribers are split identically. */
function coPartitioned(s: Scenario, result: Map<string, TopicPartitions>): void {
  const topics = Object.keys(s.counts);
  const subscribers = (t: string) => s.members.filter((m) => m.topics.has(t)).map((m) => m.memberId).join();
  for (const t1 of topics) {
    for (const t2 of topics) {
      if (t1 >= t2 || s.counts[t1] !== s.counts[t2] || subscribers(t1) !== subscribers(t2)) continue;
      for (const m of s.members) {
        const p1 = [...(result.get(m.memberId)!.get(t1) ?? [])].sort((a, b) => a - b);
        const p2 = [...(result.get(m.memberId)!.get(t2) ?? [])].sort((a, b) => a - b);
        expect(p1).toEqual(p2);
      }
    }
  }
}
