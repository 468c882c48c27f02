import { describe, expect, it } from 'vitest';
import { rangeAssign, roundRobinAssign, type Assignment } from './assignors';

const plain = (a: Assignment) => Object.fromEntries([...a].map(([m, t]) => [m, Object.fromEntries(t)]));
const counts = (o: Record<string, number>) => new Map(Object.entries(o));

describe('range', () => {
  it('splits 4 partitions between 2 members, 2 each, in member-id order', () => {
    expect(plain(rangeAssign([{ memberId: 'b', topics: ['t'] }, { memberId: 'a', topics: ['t'] }], counts({ t: 4 })))).toEqual({ a: { t: [0, 1] }, b: { t: [2, 3] } });
  });
  it('gives the remainder to the first members', () => {
    expect(plain(rangeAssign(['a', 'b', 'c'].map((memberId) => ({ memberId, topics: ['t'] })), counts({ t: 5 })))).toEqual({ a: { t: [0, 1] }, b: { t: [2, 3] }, c: { t: [4] } });
  });
  it('leaves extra members empty and ranges each topic separately', () => {
    const a = rangeAssign([{ memberId: 'a', topics: ['t', 'u'] }, { memberId: 'b', topics: ['t'] }, { memberId: 'c', topics: ['t'] }], counts({ t: 2, u: 2 }));
    expect(plain(a)).toEqual({ a: { t: [0], u: [0, 1] }, b: { t: [1] }, c: {} });
  });
  it('one member owns everything', () => {
    expect(plain(rangeAssign([{ memberId: 'a', topics: ['t'] }], counts({ t: 4 })))).toEqual({ a: { t: [0, 1, 2, 3] } });
  });
});

describe('roundrobin', () => {
  it('deals partitions in turn', () => {
    expect(plain(roundRobinAssign([{ memberId: 'a', topics: ['t'] }, { memberId: 'b', topics: ['t'] }], counts({ t: 5 })))).toEqual({ a: { t: [0, 2, 4] }, b: { t: [1, 3] } });
  });
  it('skips members not subscribed to a topic', () => {
    const a = roundRobinAssign([{ memberId: 'a', topics: ['t'] }, { memberId: 'b', topics: ['t', 'u'] }], counts({ t: 2, u: 2 }));
    expect(plain(a)).toEqual({ a: { t: [0] }, b: { t: [1], u: [0, 1] } });
  });
});
