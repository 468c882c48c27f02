import { describe, expect, it } from 'vitest';
import { topicNameProblem, topicNameWarning } from './name';

describe("Kafka's topic name rules", () => {
  const ok = ['orders', 'test_topic', 'a.b-c_d', 'x'.repeat(249), '...'];
  for (const n of ok) it(`accepts ${n.slice(0, 20)}`, () => expect(topicNameProblem(n)).toBeNull());
  const bad: [string, RegExp][] = [
    ['', /empty/],
    ['.', /"\." or "\.\."/],
    ['..', /"\." or "\.\."/],
    ['x'.repeat(250), /249 characters \(this one has 250\)/],
    ['bad name!', /found space, "!"/],
    ['ünïcode', /ASCII/],
  ];
  for (const [n, why] of bad) it(`refuses ${JSON.stringify(n.slice(0, 20))}`, () => expect(topicNameProblem(n)).toMatch(why));
  it("warns about mixing '.' and '_'", () => {
    expect(topicNameWarning('a.b_c')).toMatch(/collide/);
    expect(topicNameWarning('a.b')).toBeNull();
  });
});
