// Two long-running librdkafka 2.12 members (scripts/rdkafka-member.c) in one classic group
// on our broker, with the default eager assignor and with cooperative-sticky: they split a
// 6-partition topic 3/3, one commits what it consumed (read back from the broker), one
// leaves and the other takes over everything, and the survivor's crash (SIGKILL) is noticed
// by the broker after the session timeout. Every step waits for the members' own events.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { encodeRecordBatchSync } from '../../server/protocol/record-batch';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { committedOffsets, describeGroup, waitFor } from '../helpers/groups';
import { buildRdkafkaMember, killAllMembers, startMember, waitForAll, type Member, type MemberEvent } from '../helpers/rdkafka-member';

const TOPIC = 'member-orders';
const PARTITIONS = 6;
const PER_PARTITION = 2;

let broker: TestBroker;
beforeAll(() => {
  buildRdkafkaMember(); // compiles the member when missing or stale (and librdkafka the first time)
}, 900_000);
afterEach(async () => {
  await killAllMembers();
  await broker?.destroy();
});

/** True when every member holds `each` partitions, none shared, together the whole topic. */
function split(members: Member[], each: number): boolean {
  const all = members.flatMap((m) => m.assignment());
  return members.every((m) => m.assignment().length === each) && new Set(all).size === PARTITIONS && all.length === PARTITIONS;
}

/**
 * Whether m has consumed the last record of each partition it holds since it was (last)
 * given that partition: after an eager rebalance it starts again from the committed offset,
 * after a cooperative one it keeps its position in the partitions it kept.
 */
function consumedAllOwned(m: Member): boolean {
  return m.assignment().every((owned) => {
    const [, p] = owned.split(':');
    let since = -1;
    m.events.forEach((e, i) => {
      if (e.event === 'assigned' && e.partitions.some((x) => `${x.topic}:${x.partition}` === owned)) since = i;
    });
    return m.events.some((e, i) => i > since && e.event === 'message' && e.partition === Number(p) && e.offset === PER_PARTITION - 1);
  });
}

it.each([
  ['the default eager assignor (range)', {}],
  ['cooperative-sticky', { 'partition.assignment.strategy': 'cooperative-sticky' }],
])('two classic librdkafka members with %s split a topic, commit, hand over on close and are expired after a crash', { timeout: 120_000 }, async (_name, strategy: Record<string, string>) => {
  broker = await startTestBroker();
  broker.state.createTopic(TOPIC, PARTITIONS, 1);
  for (let p = 0; p < PARTITIONS; p++)
    broker.state.partition(TOPIC, p)!.append([encodeRecordBatchSync(Array.from({ length: PER_PARTITION }, (_, i) => ({ value: `${p}-${i}` })))]);

  const group = `member-group-${strategy['partition.assignment.strategy'] ?? 'eager'}`;
  const config = (id: string) => ({
    'group.protocol': 'classic',
    'client.id': id,
    // the broker's minimum (groupMinSessionTimeoutMs), so the crash below is noticed quickly
    'session.timeout.ms': '6000',
    'heartbeat.interval.ms': '500',
    debug: 'cgrp',
    ...strategy,
  });
  const a = startMember(broker.address, group, [TOPIC], config('member-a'));
  await a.waitFor((e) => e.event === 'assigned', 30_000, 'a first assignment');
  const b = startMember(broker.address, group, [TOPIC], config('member-b'));

  // 3 each, disjoint, the whole topic
  await waitForAll([a, b], () => split([a, b], 3), 30_000, 'a 3/3 split of the 6 partitions');
  const expectedProtocol = strategy['partition.assignment.strategy'] ? 'COOPERATIVE' : 'EAGER';
  expect(a.events.find((e) => e.event === 'assigned')).toMatchObject({ protocol: expectedProtocol });

  a.send('member');
  const me = await a.waitFor<Extract<MemberEvent, { event: 'member' }>>((e) => e.event === 'member', 10_000, 'member');
  expect(me.member_id).toMatch(/^member-a-/); // classic member ids are "<client.id>-<uuid>"
  expect(me.generation).toBeGreaterThanOrEqual(1);

  // a commits the positions after everything it owns: PER_PARTITION for each of its 3 partitions
  await waitForAll([a], () => consumedAllOwned(a), 30_000, "a to consume all of its partitions' records");
  const owned = a.assignment();
  a.send('commit');
  const commit = await a.waitFor<Extract<MemberEvent, { event: 'committed' }>>((e) => e.event === 'committed', 15_000, 'the commit');
  expect(commit.error).toBeNull();
  expect(commit.offsets.map((o) => `${o.topic}:${o.partition}=${o.offset}${o.error ? ` ${o.error}` : ''}`).sort()).toEqual(owned.map((tp) => `${tp}=${PER_PARTITION}`).sort());
  const committed = await committedOffsets(broker.port, group);
  expect([...committed].map(([k, v]) => `${k.replace('/', ':')}=${v}`).sort()).toEqual(owned.map((tp) => `${tp}=${PER_PARTITION}`).sort());

  // b leaves cleanly (its partitions revoked first); a takes all 6
  const bOwned = b.assignment();
  expect(await b.close()).toEqual({ code: 0, signal: null });
  const bRevoked = b.events.filter((e) => e.event === 'revoked').at(-1);
  expect(bRevoked && 'partitions' in bRevoked && bRevoked.partitions.map((x) => `${x.topic}:${x.partition}`).sort()).toEqual([...bOwned].sort());
  expect(b.events.at(-1)).toEqual({ event: 'closed', error: null });
  await waitForAll([a], () => a.assignment().length === PARTITIONS, 30_000, 'a to own all 6 partitions');
  expect(a.events.filter((e) => e.event === 'lost' || (e.event === 'error' && e.fatal))).toEqual([]);

  // a crashes: no LeaveGroup, so the broker expires it after the session timeout
  a.kill('SIGKILL');
  expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });
  expect((await describeGroup(broker.port, group)).members).toHaveLength(1); // still there until it expires
  await waitFor('the crashed member to expire', async () => (await describeGroup(broker.port, group)).members.length === 0, 20_000);
  expect((await committedOffsets(broker.port, group)).size).toBe(3); // the commit survives the group emptying
});
