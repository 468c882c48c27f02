// Coordinators.call against our broker run as three nodes in-process over real TCP, with
// coordinators moved (`rotate`) and one taken down (`down K`) by the broker's own
// commands. The call is written as the dashboard's group reads write it (snapshots/
// groups.ts committedOn): an OffsetFetch sent with client.toNode to the node `call` hands
// in, a group-level error code thrown as KafkaApiError. What is guarded: a cached
// coordinator that answers NOT_COORDINATOR is forgotten and the call succeeds on the new
// one; a coordinator that is down makes the call fail after its attempts with a
// coordinator/unreachable error (not hang, not succeed somewhere wrong), while lastKnown
// still names the broker that is down (what the groups screen says is unavailable).
// And `ofMany`, the dashboard's lookup round: one FindCoordinator v4 request for every
// group not cached, one request a group against a broker without v4.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OffsetCommit } from '../../protocol/08-offset-commit';
import { groupAnswer, OffsetFetch, oneGroupRequest } from '../../protocol/09-offset-fetch';
import { ErrorCode } from '../../protocol/errors';
import { parseCommand } from '../../broker/control/commands';
import { startTestBroker, type TestBroker } from '../../../test/helpers/broker';
import { withAdmin } from '../../../test/helpers/kafkajs';
import { ClusterClient } from '../connection/cluster-client';
import { WireConnection } from '../connection/wire-connection';
import { isClusterUnreachable, isKafkaApiError, KafkaApiError } from '../errors';
import { Coordinators, isCoordinatorError } from './coordinators';

const TOPIC = 'coordinated';
let broker: TestBroker;
let client: ClusterClient;

/** The group's committed offsets, read from `node` as committedOn reads them. */
async function committedOn(node: number, groupId: string): Promise<Map<number, number>> {
  const res = groupAnswer(await client.toNode(node, OffsetFetch, () => oneGroupRequest(groupId, null)), groupId);
  if (res.errorCode !== 0) throw new KafkaApiError(res.errorCode, null, `OffsetFetch for group ${groupId} on broker ${node}`);
  const out = new Map<number, number>();
  for (const t of res.topics) for (const p of t.partitions) if (t.name === TOPIC && p.errorCode === 0) out.set(p.partitionIndex, p.committedOffset);
  return out;
}

/** A group whose coordinator is `node` right now (asked of the broker, which decides). */
async function groupOn(prefix: string, node: number): Promise<string> {
  const probe = new Coordinators(client);
  for (let i = 0; i < 200; i++) if ((await probe.of(`${prefix}-${i}`, true)) === node) return `${prefix}-${i}`;
  throw new Error(`no group name found coordinated by node ${node}`);
}

/** Commits offset `at` on partitions 0 and 1 as an admin (generation −1, no member), on the group's coordinator. */
async function commit(groupId: string, at: number): Promise<void> {
  const node = await new Coordinators(client).of(groupId, true);
  const res = await client.toNode(node, OffsetCommit, () => ({
    groupId,
    generationIdOrMemberEpoch: -1,
    memberId: '',
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [{ name: TOPIC, partitions: [0, 1].map((partitionIndex) => ({ partitionIndex, committedOffset: at, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: '' })) }],
  }));
  expect(res.topics.flatMap((t) => t.partitions.map((p) => p.errorCode))).toEqual([0, 0]);
}

beforeAll(async () => {
  broker = await startTestBroker({ nodes: 3 });
  await withAdmin(broker.address, (a) => a.createTopics({ topics: [{ topic: TOPIC, numPartitions: 2 }], waitForLeaders: true }));
  client = new ClusterClient([broker.address]);
  await client.metadata(null);
}, 60_000);
afterAll(async () => {
  client?.close();
  await broker?.destroy();
});

describe('Coordinators.call', () => {
  // Guards: after `rotate` the cached coordinator answers NOT_COORDINATOR; call() must
  // forget it, find the new coordinator and succeed there (with the group's real
  // committed offsets). If the cache were kept, every attempt would go to the old node
  // and the call would reject with NOT_COORDINATOR.
  it('after rotate: the cached coordinator answers NOT_COORDINATOR and the call succeeds on the new one', async () => {
    const groupId = await groupOn('moving', 1);
    await commit(groupId, 7);
    const coordinators = new Coordinators(client);
    const asked: number[] = [];
    const read = (node: number) => {
      asked.push(node);
      return committedOn(node, groupId);
    };
    expect(await coordinators.call(groupId, read)).toEqual(
      new Map([
        [0, 7],
        [1, 7],
      ]),
    );
    expect(asked).toEqual([1]);
    expect(coordinators.lastKnown(groupId)).toBe(1);

    await broker.control(parseCommand('rotate'));
    // the old coordinator really refuses now (what the first attempt below runs into)
    const refused = await committedOn(1, groupId).catch((e: unknown) => e);
    expect(isKafkaApiError(refused) && refused.code).toBe(ErrorCode.NOT_COORDINATOR);

    asked.length = 0;
    const after = await coordinators.call(groupId, read);
    expect(after).toEqual(
      new Map([
        [0, 7],
        [1, 7],
      ]),
    );
    expect(asked).toEqual([1, 2]); // the cached one first, then the new one found afresh
    expect(coordinators.lastKnown(groupId)).toBe(2);
    expect(await coordinators.of(groupId)).toBe(2); // the new one is what is cached now
  });

  // Guards: while the group's coordinator K is down, call() gives up after its attempts
  // with a coordinator error (the cached K unreachable, then FindCoordinator answering
  // COORDINATOR_NOT_AVAILABLE) within a few seconds, and lastKnown still names K: the
  // groups screen says "coordinator broker K is unavailable" from it. After `up K` the
  // same call succeeds again.
  it('during down K of the coordinator: rejects after its attempts with a coordinator/unreachable error; lastKnown still names K', async () => {
    const K = 2;
    const groupId = await groupOn('stranded', K);
    await commit(groupId, 3);
    const coordinators = new Coordinators(client);
    const asked: number[] = [];
    const read = (node: number) => {
      asked.push(node);
      return committedOn(node, groupId);
    };
    await coordinators.call(groupId, read);
    expect(coordinators.lastKnown(groupId)).toBe(K);

    await broker.control(parseCommand(`down ${K}`));
    try {
      asked.length = 0;
      const start = Date.now();
      const err = await coordinators.call(groupId, read).then(
        () => null,
        (e: unknown) => e,
      );
      expect(Date.now() - start).toBeLessThan(3000);
      expect(err).not.toBeNull();
      expect(isCoordinatorError(err)).toBe(true);
      expect(isClusterUnreachable(err) || (isKafkaApiError(err) && err.code === ErrorCode.COORDINATOR_NOT_AVAILABLE)).toBe(true);
      // only the cached K was ever handed to fn: later attempts found no coordinator at all
      expect(asked).toEqual([K]);
      expect(coordinators.lastKnown(groupId)).toBe(K);
    } finally {
      await broker.control(parseCommand(`up ${K}`));
    }

    asked.length = 0;
    expect(await coordinators.call(groupId, read)).toEqual(
      new Map([
        [0, 3],
        [1, 3],
      ]),
    );
    expect(asked).toEqual([K]);
  });
});

/** The FindCoordinator requests `fn` sends on any connection: each one's version and key count. */
async function findCoordinatorRequests<T>(fn: () => Promise<T>): Promise<{ result: T; sent: { version: number; keys: number }[] }> {
  const sent: { version: number; keys: number }[] = [];
  const original = WireConnection.prototype.request;
  const spy = vi.spyOn(WireConnection.prototype, 'request').mockImplementation(function (this: WireConnection, ...args: Parameters<typeof original>) {
    if (args[0].name === 'FindCoordinator') {
      const req = args[2] as { coordinatorKeys?: string[] };
      sent.push({ version: args[1], keys: args[1] >= 4 ? (req.coordinatorKeys ?? []).length : 1 });
    }
    return original.apply(this, args);
  } as typeof original);
  try {
    return { result: await fn(), sent };
  } finally {
    spy.mockRestore();
  }
}

describe('Coordinators.ofMany', () => {
  const ids = Array.from({ length: 8 }, (_, i) => `many-${i}`);

  // Guards: the lookup round of a groups refresh is one request for all its groups where
  // the broker serves v4 (not one a group), each group's coordinator is what a lookup of
  // it alone says, and found coordinators are cached (a second round asks nothing).
  it('finds every group in one FindCoordinator v4 request, the same coordinators as one at a time; cached after', async () => {
    const coordinators = new Coordinators(client);
    const { result, sent } = await findCoordinatorRequests(() => coordinators.ofMany(ids));
    expect(sent).toEqual([{ version: 4, keys: ids.length }]);
    const alone = new Coordinators(client);
    for (const g of ids) expect(result.get(g)).toBe(await alone.of(g, true));
    expect(new Set(result.values()).size).toBeGreaterThan(1); // spread over the nodes: per-key answers, not one
    const again = await findCoordinatorRequests(() => coordinators.ofMany(ids));
    expect(again.sent).toEqual([]);
    expect(again.result).toEqual(result);
  });

  // Guards: one coordinator down fails its own groups only, in the same single request.
  it("during down K: K's groups get a coordinator error, the others their coordinator, still in one request", async () => {
    const K = 1;
    const expected = new Map<string, number>();
    const probe = new Coordinators(client);
    for (const g of ids) expected.set(g, await probe.of(g, true));
    expect([...expected.values()]).toContain(K);
    await broker.control(parseCommand(`down ${K}`));
    try {
      const { result, sent } = await findCoordinatorRequests(() => new Coordinators(client).ofMany(ids));
      expect(sent).toHaveLength(1);
      for (const g of ids) {
        const found = result.get(g);
        if (expected.get(g) === K) expect(isKafkaApiError(found) && found.code).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
        else expect(found).toBe(expected.get(g));
      }
    } finally {
      await broker.control(parseCommand(`up ${K}`));
    }
  });

  // Guards: a cluster before Kafka 3.0 (FindCoordinator v3 at most) is asked one group a request.
  it('against a broker without v4: one request a group (v3), the same coordinators', async () => {
    const old = await startTestBroker({ nodes: 3, apiVersionCaps: { 10: 3 } });
    const oldClient = new ClusterClient([old.address]);
    try {
      await oldClient.metadata(null);
      const { result, sent } = await findCoordinatorRequests(() => new Coordinators(oldClient).ofMany(ids));
      expect(sent).toEqual(ids.map(() => ({ version: 3, keys: 1 })));
      const alone = new Coordinators(oldClient);
      for (const g of ids) expect(result.get(g)).toBe(await alone.of(g, true));
    } finally {
      oldClient.close();
      await old.destroy();
    }
  }, 30_000);
});
