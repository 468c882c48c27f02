// librdkafka 2.12 with group.protocol=consumer (KIP-848) against our broker, with a session
// timeout of a few seconds: two members share a 6-partition topic 3/3; one leaves and the
// other owns all 6; a frozen member (SIGSTOP past its session) is fenced and rejoins; a
// member killed outright loses its partitions after the session timeout; commits read back
// through OffsetFetch and kcat; after a broker restart the group keeps its offsets and epochs and
// the members carry on. Every step waits for the members' own events.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { ConsumerGroupDescribe } from '../../server/protocol/69-consumer-group-describe';
import { encodeRecordBatchSync } from '../../server/protocol/record-batch';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { run } from '../helpers/exec';
import { committedOffsets, waitFor } from '../helpers/groups';
import { buildRdkafkaMember, killAllMembers, startMember, waitForAll, type Member, type MemberEvent } from '../helpers/rdkafka-member';

const TOPIC = 'kip848-orders';
const GROUP = 'kip848-group';
const PARTITIONS = 6;
const SESSION_MS = 3000;
const KCAT = '/usr/bin/kcat';

let broker: TestBroker | undefined;
beforeAll(() => {
  buildRdkafkaMember();
}, 900_000);
afterEach(async () => {
  await killAllMembers();
  await broker?.destroy();
  broker = undefined;
});

async function describe848(port: number) {
  const c = await WireConnection.connect('127.0.0.1', port, { clientId: 'kip848-test' });
  try {
    return (await c.request(ConsumerGroupDescribe, 0, { groupIds: [GROUP], includeAuthorizedOperations: false })).groups[0];
  } finally {
    c.close();
  }
}

function split(members: Member[], each: number): boolean {
  const all = members.flatMap((m) => m.assignment());
  return members.every((m) => m.assignment().length === each) && new Set(all).size === PARTITIONS;
}

const config = (id: string) => ({ 'group.protocol': 'consumer', 'client.id': id, debug: 'cgrp' });

it('two KIP-848 members split, hand over on leave and on a crash, are fenced when frozen, commit, and survive a broker restart', { timeout: 180_000 }, async () => {
  const flags = { groupConsumerSessionTimeoutMs: SESSION_MS, groupConsumerMinSessionTimeoutMs: 1000, groupConsumerHeartbeatIntervalMs: 300, groupConsumerMinHeartbeatIntervalMs: 100 };
  broker = await startTestBroker(flags);
  broker.state.createTopic(TOPIC, PARTITIONS, 1);
  for (let p = 0; p < PARTITIONS; p++) broker.state.partition(TOPIC, p)!.append([encodeRecordBatchSync([{ value: `${p}-0` }, { value: `${p}-1` }])]);

  const a = startMember(broker.address, GROUP, [TOPIC], config('kip-a'));
  await waitForAll([a], () => a.assignment().length === PARTITIONS, 30_000, 'a to own all 6');
  const b = startMember(broker.address, GROUP, [TOPIC], config('kip-b'));
  await waitForAll([a, b], () => split([a, b], 3), 30_000, 'a 3/3 split');
  expect(a.events.find((e) => e.event === 'assigned')).toMatchObject({ protocol: 'COOPERATIVE' });
  await waitFor('the group to be Stable with 2 members', async () => {
    const d = await describe848(broker!.port);
    return d.groupState === 'Stable' && d.members.length === 2;
  }, 15_000);
  const d = await describe848(broker.port);
  expect(d.members.map((m) => m.clientId).sort()).toEqual(['kip-a', 'kip-b']);
  expect(d.members.every((m) => m.memberEpoch === d.assignmentEpoch)).toBe(true);

  // a commits what it consumed; OffsetFetch reads it back
  await waitForAll([a], () => a.events.filter((e) => e.event === 'message').length >= 6, 30_000, 'a to consume');
  a.send('commit');
  const commit = await a.waitFor<Extract<MemberEvent, { event: 'committed' }>>((e) => e.event === 'committed', 15_000, 'the commit');
  expect(commit.error).toBeNull();
  const committed = await committedOffsets(broker.port, GROUP);
  expect(committed.size).toBeGreaterThan(0);
  for (const o of commit.offsets.filter((x) => (x.offset ?? -1) >= 0)) expect(committed.get(`${o.topic}/${o.partition}`)).toBe(o.offset);


  // b leaves: a owns all 6
  expect(await b.close()).toEqual({ code: 0, signal: null });
  await waitForAll([a], () => a.assignment().length === PARTITIONS, 30_000, 'a to own all 6 after b left');

  // c joins; then c is frozen past its session: fenced, its partitions go to a; thawed, it rejoins
  const c = startMember(broker.address, GROUP, [TOPIC], config('kip-c'));
  await waitForAll([a, c], () => split([a, c], 3), 30_000, 'a 3/3 split with c');
  c.kill('SIGSTOP');
  await waitForAll([a], () => a.assignment().length === PARTITIONS, 30_000, 'a to take c’s partitions after c’s session ended');
  c.kill('SIGCONT');
  await c.waitFor((e) => e.event === 'lost' || (e.event === 'error' && /FENCED|UNKNOWN_MEMBER/.test(e.code)), 30_000, 'c to learn it was fenced');
  await waitForAll([a, c], () => split([a, c], 3), 30_000, 'c back with 3');

  // a broker restart: epochs and offsets are kept, the members carry on
  const before = await describe848(broker.port);
  broker = await broker.restart(flags);
  const after = await describe848(broker.port);
  expect(after.groupEpoch).toBe(before.groupEpoch);
  expect(after.members.map((m) => m.memberId).sort()).toEqual(before.members.map((m) => m.memberId).sort());
  expect(await committedOffsets(broker.port, GROUP)).toEqual(committed);
  await waitFor('the members to be Stable again after the restart', async () => {
    const x = await describe848(broker!.port);
    return x.groupState === 'Stable' && x.members.length === 2;
  }, 30_000);

  // c is killed: its partitions move to a after the session timeout
  c.kill('SIGKILL');
  await waitForAll([a], () => a.assignment().length === PARTITIONS, 30_000, 'a to own all 6 after c crashed');
  expect(broker.logs.some((l) => /timed out \(session 3000 ms\)/.test(l))).toBe(true);

  // The commit read back through kcat (Debian's librdkafka 2.0.2, classic protocol only, an
  // independent reader) once the group is empty: it joins the emptied group and starts each
  // partition at the KIP-848 member's commit (earliest where nothing was committed).
  expect(await a.close()).toEqual({ code: 0, signal: null });
  await waitFor('the group to be Empty', async () => (await describe848(broker!.port)).members.length === 0, 15_000);
  for (let p = 0; p < PARTITIONS; p++) broker.state.partition(TOPIC, p)!.append([encodeRecordBatchSync([{ value: `${p}-after` }])]);
  const args = ['-b', broker.address, '-G', GROUP, TOPIC, '-X', 'auto.offset.reset=earliest', '-X', 'enable.auto.commit=false', '-e', '-q', '-f', '%p %o\n'];
  const kc = await run(KCAT, args, { timeoutMs: 45_000 });
  expect(kc.code, kc.stderr).toBe(0);
  const firstRead = new Map<number, number>();
  for (const [p, o] of kc.stdout.split('\n').filter(Boolean).map((l) => l.split(' ').map(Number))) firstRead.set(p, Math.min(o, firstRead.get(p) ?? o));
  for (let p = 0; p < PARTITIONS; p++) expect(firstRead.get(p), `partition ${p}`).toBe(committed.get(`${TOPIC}/${p}`) ?? 0);
});
