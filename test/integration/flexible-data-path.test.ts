// The flexible versions of the data path, sent through our own client codecs over TCP, and
// checked as a user would: records produced with Produce v9–11 come back by name (Fetch
// v12) and by topic id (Fetch v13–17); an id no topic has answers UNKNOWN_TOPIC_ID;
// ListOffsets v6–9 answer latest, earliest, max timestamp, earliest local and latest
// tiered; Metadata v12 gives each topic an id that stays across calls and restarts and
// changes when the topic is re-created, and finds the topic by that id; on two nodes a
// moved partition names its leader and that leader's address (KIP-951).
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZERO_UUID } from '../../server/protocol/codec';
import { Produce } from '../../server/protocol/00-produce';
import { Fetch } from '../../server/protocol/01-fetch';
import { ListOffsets } from '../../server/protocol/02-list-offsets';
import { Metadata } from '../../server/protocol/03-metadata';
import { DeleteTopics } from '../../server/protocol/20-delete-topics';
import { ErrorCode } from '../../server/protocol/errors';
import { decodeRecordBatch, encodeRecordBatch, splitBatches } from '../../server/protocol/record-batch';
import type { WireConnection } from '../../server/kafka/connection/wire-connection';
import { fetchRequest } from '../../server/kafka/routing/fetch-request';
import { ClusterClient } from '../../server/kafka/connection/cluster-client';
import { browse } from '../../server/kafka/messages/browse';
import { produce as dashboardProduce } from '../../server/kafka/messages/produce';
import { MessagesQuery } from '../../lib/contract/messages';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { withConn } from '../helpers/groups';

const TOPIC = 'flex';
const T0 = 1_700_000_000_000;

let broker: TestBroker;
beforeEach(async () => {
  broker = await startTestBroker();
});
afterEach(async () => {
  await broker.destroy();
});

/** Metadata v`version` for the named topics (auto-created when asked); the answer's topics. */
async function topicsByName(c: WireConnection, names: string[], version = 12, allowAutoTopicCreation = false) {
  const res = await c.request(Metadata, version, { topics: names.map((name) => ({ name })), allowAutoTopicCreation });
  return res.topics;
}

async function topicId(c: WireConnection, name: string): Promise<string> {
  const [t] = await topicsByName(c, [name]);
  expect(t).toMatchObject({ name, errorCode: 0 });
  return t.topicId;
}

async function produce(c: WireConnection, version: number, values: { value: string; timestamp: number }[]) {
  const batch = await encodeRecordBatch(values);
  const res = await c.request(Produce, version, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: TOPIC, partitionData: [{ index: 0, records: [batch] }] }] });
  return res;
}

async function values(records: Buffer[] | null): Promise<string[]> {
  const out: string[] = [];
  for (const b of splitBatches(Buffer.concat(records ?? []))) for (const r of await decodeRecordBatch(b)) out.push(r.value!.toString());
  return out;
}

/** A Fetch of partition 0 from offset 0, by name (v ≤ 12) or by id (v13+). */
function fetchFrom(version: number, id: string) {
  const req = fetchRequest([{ topic: TOPIC, partitions: [{ partition: 0, offset: 0, maxBytes: 1 << 20 }] }]);
  if (version >= 13) req.topics[0].topicId = id;
  return req;
}

describe('flexible Produce, Fetch, ListOffsets and Metadata', () => {
  it('records produced at v9–11 come back by name at Fetch v12 and by topic id at v13–17', async () => {
    await withConn(broker.port, async (c) => {
      await topicsByName(c, [TOPIC], 12, true); // auto-created, as a producer's first Metadata does
      const id = await topicId(c, TOPIC);
      expect(id).not.toBe(ZERO_UUID);
      for (const [i, v] of [9, 10, 11].entries()) {
        const res = await produce(c, v, [{ value: `v${v}`, timestamp: T0 + i }]);
        expect(res.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: i, errorMessage: null, recordErrors: [], currentLeader: { leaderId: -1, leaderEpoch: -1 } });
        expect(res.nodeEndpoints).toEqual([]);
      }
      const byName = await c.request(Fetch, 12, fetchFrom(12, id));
      expect(byName.responses[0].topic).toBe(TOPIC);
      expect(byName.responses[0].partitions[0]).toMatchObject({ errorCode: 0, highWatermark: 3, logStartOffset: 0 });
      expect(await values(byName.responses[0].partitions[0].records)).toEqual(['v9', 'v10', 'v11']);
      for (const v of [13, 14, 15, 16, 17]) {
        const byId = await c.request(Fetch, v, fetchFrom(v, id));
        expect(byId.responses.map((t) => t.topicId)).toEqual([id]);
        expect(byId.responses[0].partitions[0]).toMatchObject({ errorCode: 0, highWatermark: 3 });
        expect(await values(byId.responses[0].partitions[0].records), `Fetch v${v}`).toEqual(['v9', 'v10', 'v11']);
      }
    });
  });

  it('Produce v8+ says why a batch was refused', async () => {
    await withConn(broker.port, async (c) => {
      await topicsByName(c, [TOPIC], 12, true);
      const batch = await encodeRecordBatch([{ value: 'x' }]);
      batch.writeInt32BE(batch.readInt32BE(17) ^ 1, 17); // break the CRC
      for (const v of [7, 8, 11]) {
        const res = await c.request(Produce, v, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: TOPIC, partitionData: [{ index: 0, records: [batch] }] }] });
        const p = res.responses[0].partitionResponses[0];
        expect(p.errorCode).toBe(ErrorCode.CORRUPT_MESSAGE);
        expect(p.errorMessage).toBe(v >= 8 ? 'the batch fails its CRC-32C' : null);
      }
    });
  });

  it('a fetch by an id no topic has answers UNKNOWN_TOPIC_ID; a by-name fetch of a missing topic still UNKNOWN_TOPIC_OR_PARTITION', async () => {
    await withConn(broker.port, async (c) => {
      await topicsByName(c, [TOPIC], 12, true);
      const unknown = crypto.randomUUID();
      for (const v of [13, 17]) {
        const res = await c.request(Fetch, v, fetchFrom(v, unknown));
        expect(res.responses[0].topicId).toBe(unknown);
        expect(res.responses[0].partitions[0]).toMatchObject({ partitionIndex: 0, errorCode: ErrorCode.UNKNOWN_TOPIC_ID, highWatermark: -1 });
        expect(await values(res.responses[0].partitions[0].records)).toEqual([]);
      }
      const zero = await c.request(Fetch, 13, fetchFrom(13, ZERO_UUID));
      expect(zero.responses[0].partitions[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_ID);
      const req = fetchRequest([{ topic: 'nope', partitions: [{ partition: 0, offset: 0, maxBytes: 100 }] }]);
      const byName = await c.request(Fetch, 12, req);
      expect(byName.responses[0].partitions[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    });
  });

  it('ListOffsets v6–9: latest, earliest, the record with the largest timestamp, earliest local, latest tiered', async () => {
    await withConn(broker.port, async (c) => {
      await topicsByName(c, [TOPIC], 12, true);
      const ask = async (version: number, timestamp: number) => {
        const res = await c.request(ListOffsets, version, { replicaId: -1, isolationLevel: 0, topics: [{ name: TOPIC, partitions: [{ partitionIndex: 0, timestamp, maxNumOffsets: 1 }] }] });
        return res.topics[0].partitions[0];
      };
      expect(await ask(7, -3)).toMatchObject({ errorCode: 0, offset: -1, timestamp: -1 }); // empty: no such record
      await produce(c, 11, [
        { value: 'a', timestamp: T0 + 5 },
        { value: 'b', timestamp: T0 + 9 },
        { value: 'c', timestamp: T0 + 2 },
      ]);
      await produce(c, 11, [
        { value: 'd', timestamp: T0 + 9 },
        { value: 'e', timestamp: T0 + 1 },
      ]);
      expect(await ask(6, -1)).toMatchObject({ errorCode: 0, offset: 5, timestamp: -1, leaderEpoch: -1 });
      expect(await ask(9, -2)).toMatchObject({ errorCode: 0, offset: 0 });
      // the first record carrying the largest timestamp, as Kafka 3.9 answers
      expect(await ask(7, -3)).toMatchObject({ errorCode: 0, offset: 1, timestamp: T0 + 9 });
      expect(await ask(8, -4)).toMatchObject({ errorCode: 0, offset: 0, timestamp: -1 });
      expect(await ask(9, -5)).toMatchObject({ errorCode: 0, offset: -1, timestamp: -1 });
      expect(await ask(9, T0 + 6)).toMatchObject({ errorCode: 0, offset: 1, timestamp: T0 + 9 });
      // a special timestamp the version does not know: UNSUPPORTED_VERSION, as on Kafka
      expect((await ask(6, -3)).errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
      expect((await ask(7, -4)).errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
      expect((await ask(9, -6)).errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
    });
  });

  it('Metadata v12: topic ids are stable across calls and restarts, new for a re-created topic, and find the topic', async () => {
    const first = await withConn(broker.port, async (c) => {
      await topicsByName(c, [TOPIC, 'other'], 12, true);
      const ids = [await topicId(c, TOPIC), await topicId(c, TOPIC)];
      expect(ids[1]).toBe(ids[0]);
      const all = await c.request(Metadata, 12, { topics: null, allowAutoTopicCreation: false });
      expect(all.topics.find((t) => t.name === TOPIC)?.topicId).toBe(ids[0]);
      expect(all.topics.find((t) => t.name === 'other')?.topicId).not.toBe(ids[0]);
      // v10 has the id too; v9 does not
      expect((await topicsByName(c, [TOPIC], 10))[0].topicId).toBe(ids[0]);
      expect((await topicsByName(c, [TOPIC], 9))[0].topicId).toBe(ZERO_UUID);
      return ids[0];
    });

    broker = await broker.restart();
    await withConn(broker.port, async (c) => {
      expect(await topicId(c, TOPIC)).toBe(first);
      // by id: the topic with its name; an unknown id: a null name and UNKNOWN_TOPIC_ID
      const unknown = crypto.randomUUID();
      const res = await c.request(Metadata, 12, { topics: [{ topicId: first, name: null }, { topicId: unknown, name: null }], allowAutoTopicCreation: true });
      expect(res.topics.map((t) => [t.name, t.topicId, t.errorCode])).toEqual([
        [TOPIC, first, 0],
        [null, unknown, ErrorCode.UNKNOWN_TOPIC_ID],
      ]);
      expect(res.topics[0].partitions).toMatchObject([{ partitionIndex: 0, leaderId: 0, leaderEpoch: -1 }]);

      const deleted = await c.request(DeleteTopics, 3, { topicNames: [TOPIC], timeoutMs: 5000 });
      expect(deleted.responses[0].errorCode).toBe(0);
      const gone = await c.request(Metadata, 12, { topics: [{ topicId: first, name: null }], allowAutoTopicCreation: true });
      expect(gone.topics.map((t) => [t.name, t.errorCode])).toEqual([[null, ErrorCode.UNKNOWN_TOPIC_ID]]);
      expect((await topicsByName(c, [TOPIC]))[0]).toMatchObject({ errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, topicId: ZERO_UUID });
      await topicsByName(c, [TOPIC], 12, true); // re-created under the same name
      const again = await topicId(c, TOPIC);
      expect(again).not.toBe(first);
      // a fetch by the old id no longer reaches the new topic
      expect((await c.request(Fetch, 13, fetchFrom(13, first))).responses[0].partitions[0].errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_ID);
      expect((await c.request(Fetch, 13, fetchFrom(13, again))).responses[0].partitions[0].errorCode).toBe(0);
    });
  });

  it('Metadata v8+: authorized operations only when asked for, as Kafka answers without an authorizer', async () => {
    await withConn(broker.port, async (c) => {
      await topicsByName(c, [TOPIC], 12, true);
      const quiet = await c.request(Metadata, 10, { topics: [{ name: TOPIC }], allowAutoTopicCreation: false });
      expect([quiet.topics[0].topicAuthorizedOperations, quiet.clusterAuthorizedOperations]).toEqual([-2147483648, -2147483648]);
      const asked = await c.request(Metadata, 10, { topics: [{ name: TOPIC }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: true, includeTopicAuthorizedOperations: true });
      // topic: READ WRITE CREATE DELETE ALTER DESCRIBE DESCRIBE_CONFIGS ALTER_CONFIGS; cluster: CREATE ALTER DESCRIBE CLUSTER_ACTION DESCRIBE_CONFIGS ALTER_CONFIGS IDEMPOTENT_WRITE
      expect([asked.topics[0].topicAuthorizedOperations, asked.clusterAuthorizedOperations]).toEqual([0xdf8, 0x1fa0]);
    });
  });
});

describe("the dashboard's client", () => {
  it('sends Produce v11, ListOffsets v9, Metadata v12 and Fetch v12 (by name: its cap) and reads their answers', async () => {
    const client = new ClusterClient([broker.address]);
    try {
      await withConn(broker.port, (c) => topicsByName(c, [TOPIC], 12, true));
      const res = await dashboardProduce(client, TOPIC, { value: 'm-{{i}}', count: 3 });
      expect(res.results).toEqual([{ partition: 0, firstOffset: 0, lastOffset: 2, count: 3 }]);
      const page = await browse(client, TOPIC, MessagesQuery.parse({ from: 'oldest', limit: 10 }));
      expect(page.messages.map((m) => m.value)).toEqual(['m-0', 'm-1', 'm-2']);
      expect(client.versionFor(0, Fetch)).toBe(12);
      const seen = (key: number) => [...(broker.state.versionsSeen.get(key) ?? [])];
      expect(seen(0)).toEqual([11]);
      expect(seen(1)).toEqual([12]);
      expect(seen(2)).toEqual([9]);
      expect(seen(3)).toContain(12);
    } finally {
      client.close();
    }
  });
});

describe('flexible data path on two nodes (KIP-951)', () => {
  it('a partition asked of the wrong node names its leader and that leader’s address', async () => {
    await broker.destroy();
    broker = await startTestBroker({ nodes: 2 });
    const nodes = new Map(broker.nodes.map((n) => [n.nodeId, n.listeners[0]]));
    await withConn(broker.port, async (c) => {
      const [t] = await c.request(Metadata, 12, { topics: [{ name: 'two' }], allowAutoTopicCreation: true }).then((r) => r.topics);
      const leader = t.partitions[0].leaderId;
      const other = [...nodes.keys()].find((n) => n !== leader)!;
      const wrong = nodes.get(other)!;
      await withConn(wrong.port, async (w) => {
        const batch = await encodeRecordBatch([{ value: 'x' }]);
        const produced = await w.request(Produce, 10, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'two', partitionData: [{ index: 0, records: [batch] }] }] });
        const endpoint = { nodeId: leader, host: nodes.get(leader)!.host, port: nodes.get(leader)!.port, rack: null };
        expect(produced.responses[0].partitionResponses[0]).toMatchObject({ errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER, currentLeader: { leaderId: leader, leaderEpoch: -1 } });
        expect(produced.nodeEndpoints).toEqual([endpoint]);
        const req = fetchRequest([{ topic: 'two', partitions: [{ partition: 0, offset: 0, maxBytes: 100 }] }]);
        req.topics[0].topicId = t.topicId;
        const fetched = await w.request(Fetch, 16, req);
        expect(fetched.responses[0].partitions[0]).toMatchObject({ errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER, currentLeader: { leaderId: leader, leaderEpoch: -1 } });
        expect(fetched.nodeEndpoints).toEqual([endpoint]);
        // Fetch v12 carries the leader but has no endpoints yet
        const v12 = await w.request(Fetch, 12, fetchRequest([{ topic: 'two', partitions: [{ partition: 0, offset: 0, maxBytes: 100 }] }]));
        expect(v12.responses[0].partitions[0].currentLeader).toEqual({ leaderId: leader, leaderEpoch: -1 });
        expect(v12.nodeEndpoints).toEqual([]);
      });
    });
  });
});
