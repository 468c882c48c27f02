// Fetch answered as Kafka answers it: an error partition carries an empty record set (not
// −1, which librdkafka rejects and then spins on), so kcat and confluent-kafka consumers
// positioned past log-end or before log-start apply auto.offset.reset and read; the
// response and partition limits follow KIP-74 byte for byte; a partition asked twice is
// answered once; and __consumer_offsets cannot be emptied, reshaped or deleted by a client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fetch } from '../../server/protocol/01-fetch';
import { OffsetCommit } from '../../server/protocol/08-offset-commit';
import { ErrorCode } from '../../server/protocol/errors';
import { encodeRecordBatchSync, splitBatches } from '../../server/protocol/record-batch';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { fetchRequest } from '../../server/kafka/routing/fetch-request';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { run } from '../helpers/exec';
import { adminCommit, committedOffsets, withConn } from '../helpers/groups';
import { kafka } from '../helpers/kafkajs';
import { readAllBatches } from '../helpers/read';

let broker: TestBroker;
beforeAll(async () => {
  broker = await startTestBroker({ fetchMaxBytes: 1 << 20 });
  broker.state.createTopic('three', 1, 1);
  broker.state.partition('three', 0)!.append([encodeRecordBatchSync([{ value: 'r0' }, { value: 'r1' }, { value: 'r2' }])]);
  broker.state.createTopic('trimmed', 1, 1);
  broker.state.partition('trimmed', 0)!.append([encodeRecordBatchSync(Array.from({ length: 5 }, (_, i) => ({ value: `t${i}` })))]);
  broker.state.partition('trimmed', 0)!.append([encodeRecordBatchSync(Array.from({ length: 5 }, (_, i) => ({ value: `t${i + 5}` })))]);
  broker.state.partition('trimmed', 0)!.deleteRecordsBefore(5);
  // limits: two partitions, three batches of 10 × 100 B each
  broker.state.createTopic('limits', 2, 1);
  for (const p of [0, 1]) for (let b = 0; b < 3; b++) broker.state.partition('limits', p)!.append([encodeRecordBatchSync(Array.from({ length: 10 }, (_, i) => ({ value: Buffer.alloc(100, p * 16 + b * 4 + i) })))]);
});
afterAll(async () => {
  await broker?.destroy();
});

const kcat = (args: string[]) => run('/usr/bin/kcat', ['-b', broker.address, ...args], { timeoutMs: 20_000 });
const PROTOCOL_ERRORS = /MessageSetSize|Protocol parse failure|parse error|Failed to parse/i;

describe('consumers outside the log apply auto.offset.reset as on Kafka', () => {
  it('kcat past log-end with earliest: no protocol error, reads the 3 records', async () => {
    const r = await kcat(['-C', '-t', 'three', '-p', '0', '-o', '10', '-e', '-X', 'auto.offset.reset=earliest', '-q']);
    expect(r.stderr).not.toMatch(PROTOCOL_ERRORS);
    expect(r.timedOut).toBe(false);
    expect(r.stdout.trim().split('\n')).toEqual(['r0', 'r1', 'r2']);
  });

  it('kcat past log-end with latest: no protocol error, ends at the end with nothing read', async () => {
    const r = await kcat(['-C', '-t', 'three', '-p', '0', '-o', '10', '-e', '-X', 'auto.offset.reset=latest', '-q']);
    expect(r.stderr).not.toMatch(PROTOCOL_ERRORS);
    expect(r.timedOut).toBe(false);
    expect(r.stdout.trim()).toBe('');
  });

  it('kcat before log-start (after DeleteRecords) with earliest reads from log-start', async () => {
    const r = await kcat(['-C', '-t', 'trimmed', '-p', '0', '-o', '0', '-e', '-X', 'auto.offset.reset=earliest', '-q']);
    expect(r.stderr).not.toMatch(PROTOCOL_ERRORS);
    expect(r.stdout.trim().split('\n')).toEqual(['t5', 't6', 't7', 't8', 't9']);
  });

  it('confluent-kafka at offset 10 with auto.offset.reset=earliest receives the records', async () => {
    const script = `
import json, sys
from confluent_kafka import Consumer, TopicPartition
c = Consumer({'bootstrap.servers': sys.argv[1], 'group.id': 'reset-probe', 'auto.offset.reset': 'earliest', 'enable.auto.commit': False})
c.assign([TopicPartition('three', 0, 10)])
got = []
import time
deadline = time.time() + 15
while len(got) < 3 and time.time() < deadline:
    m = c.poll(0.5)
    if m is None: continue
    if m.error(): got.append('ERR ' + str(m.error())); break
    got.append([m.offset(), m.value().decode()])
c.close()
print(json.dumps(got))`;
    const r = await run('/usr/bin/python3', ['-c', script, broker.address], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      [0, 'r0'],
      [1, 'r1'],
      [2, 'r2'],
    ]);
  });

  it('a consumer of a deleted topic gets UNKNOWN_TOPIC_OR_PARTITION without protocol errors', async () => {
    broker.state.createTopic('vanishing', 1, 1);
    broker.state.deleteTopic('vanishing');
    const conn = await WireConnection.connect('127.0.0.1', broker.port);
    try {
      const res = await conn.request(Fetch, 11, fetchRequest([{ topic: 'vanishing', partitions: [{ partition: 0, offset: 0, maxBytes: 1000 }] }]));
      const p = res.responses[0].partitions[0];
      expect(p.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      expect(p.records).not.toBeNull(); // length 0 on the wire, not −1
      expect(Buffer.concat(p.records!).length).toBe(0);
    } finally {
      conn.close();
    }
    const r = await kcat(['-C', '-t', 'vanishing', '-p', '0', '-o', 'beginning', '-e', '-X', 'topic.metadata.refresh.interval.ms=1000']);
    expect(r.stderr).not.toMatch(PROTOCOL_ERRORS);
    expect(r.stderr).toMatch(/Unknown topic or partition/i);
  });
});

describe('fetch limits (KIP-74), byte for byte', () => {
  let b0: Buffer[];
  let b1: Buffer[];
  beforeAll(async () => {
    b0 = await readAllBatches(broker.port, 'limits', 0);
    b1 = await readAllBatches(broker.port, 'limits', 1);
  });
  const fetchBoth = (maxBytes: number, partitionMaxBytes: number, version = 11) =>
    withConn(broker.port, async (c) => {
      const res = await c.request(
        Fetch,
        version,
        fetchRequest([{ topic: 'limits', partitions: [0, 1].map((partition) => ({ partition, offset: 0, maxBytes: partitionMaxBytes })) }], { maxBytes }),
      );
      return res.responses[0].partitions.map((p) => Buffer.concat(p.records ?? []));
    });

  it('max_bytes=100: only the first batch of the first partition, the second empty', async () => {
    const [p0, p1] = await fetchBoth(100, 1 << 20);
    expect(p0.equals(b0[0])).toBe(true);
    expect(p1.length).toBe(0);
  });

  it('partition max bytes below a batch: the first partition still gets one whole batch, the next none', async () => {
    const [p0, p1] = await fetchBoth(1 << 20, 100);
    expect(p0.equals(b0[0])).toBe(true);
    expect(p1.length).toBe(0);
  });

  it('room for three and a half batches: whole batches only, no overshoot past max_bytes', async () => {
    const size = b0[0].length;
    const [p0, p1] = await fetchBoth(Math.floor(size * 3.5), 1 << 20);
    expect(p0.equals(Buffer.concat(b0))).toBe(true); // three of p0
    expect(p1.length).toBe(0); // half a batch of room left: nothing, not a cut batch
    const [q0, q1] = await fetchBoth(size * 4, 1 << 20);
    expect(q0.equals(Buffer.concat(b0))).toBe(true);
    expect(q1.equals(b1[0])).toBe(true);
  });

  it("the broker's fetch.max.bytes caps a larger max_bytes", async () => {
    const big = 'limits-big';
    broker.state.createTopic(big, 1, 1);
    for (let i = 0; i < 3; i++) broker.state.partition(big, 0)!.append([encodeRecordBatchSync([{ value: Buffer.alloc(400_000, i) }])]);
    const got = await withConn(broker.port, (c) => c.request(Fetch, 11, fetchRequest([{ topic: big, partitions: [{ partition: 0, offset: 0, maxBytes: 50 << 20 }] }], { maxBytes: 50 << 20 })));
    const bytes = Buffer.concat(got.responses[0].partitions[0].records ?? []);
    expect(splitBatches(bytes)).toHaveLength(2); // 2 × 400 KB fit in fetch.max.bytes = 1 MiB, 3 do not
  });

  it('a partition asked twice in one request is answered once', async () => {
    const res = await withConn(broker.port, (c) =>
      c.request(Fetch, 11, fetchRequest([{ topic: 'limits', partitions: [0, 0, 0].map((partition) => ({ partition, offset: 0, maxBytes: 1 << 20 })) }, { topic: 'limits', partitions: [{ partition: 0, offset: 0, maxBytes: 1 << 20 }] }])),
    );
    expect(res.responses.flatMap((t) => t.partitions.map((p) => `${t.topic}/${p.partitionIndex}`))).toEqual(['limits/0']);
  });

  it('kafkajs with maxBytes 100 and maxBytesPerPartition 100 still reads every record of both partitions', async () => {
    const consumer = kafka(broker.address).consumer({ groupId: 'tiny-fetches', maxBytes: 100, maxBytesPerPartition: 100, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'limits', fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachMessage: async ({ partition, message }) => void seen.push(`${partition}/${message.offset}`) });
    const deadline = Date.now() + 20_000;
    while (seen.length < 60 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await consumer.disconnect();
    expect(new Set(seen).size).toBe(60);
  });
});

describe('__consumer_offsets cannot be emptied, reshaped or deleted by a client', () => {
  it('DeleteRecords 17, AlterConfigs / CreatePartitions / DeleteTopics 44, and a commit reads back after a restart', async () => {
    broker.state.createTopic('paid', 1, 1);
    await adminCommit(broker.port, 'keeper', 'paid', { 0: 7 });
    const admin = kafka(broker.address).admin();
    await admin.connect();
    try {
      await expect(admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: '__consumer_offsets', configEntries: [] }] })).rejects.toMatchObject({ type: 'POLICY_VIOLATION' });
      await expect(admin.createPartitions({ topicPartitions: [{ topic: '__consumer_offsets', count: 60 }] })).rejects.toMatchObject({ type: 'POLICY_VIOLATION' });
      await expect(admin.deleteTopics({ topics: ['__consumer_offsets'], timeout: 2000 })).rejects.toMatchObject({ type: 'POLICY_VIOLATION' });
    } finally {
      await admin.disconnect();
    }
    // the wire answer of DeleteRecords itself
    const { DeleteRecords } = await import('../../server/protocol/21-delete-records');
    const res = await withConn(broker.port, (c) => c.request(DeleteRecords, 1, { topics: [{ name: '__consumer_offsets', partitions: [{ partitionIndex: 0, offset: -1 }] }], timeoutMs: 1000 }));
    expect(res.topics[0].partitions[0].errorCode).toBe(ErrorCode.INVALID_TOPIC_EXCEPTION);
    broker = await broker.restart();
    expect((await committedOffsets(broker.port, 'keeper')).get('paid/0')).toBe(7);
    expect(broker.state.topicConfig(broker.state.topics.get('__consumer_offsets')!, 'retention.ms')).toBe('-1');
  });

  it('OffsetCommit with an empty group id gets INVALID_GROUP_ID and creates nothing', async () => {
    const res = await withConn(broker.port, (c) =>
      c.request(OffsetCommit, 7, {
        groupId: '',
        generationIdOrMemberEpoch: -1,
        memberId: '',
        groupInstanceId: null,
        retentionTimeMs: -1,
        topics: [{ name: 'three', partitions: [{ partitionIndex: 0, committedOffset: 1, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: null }] }],
      }),
    );
    expect(res.topics[0].partitions[0].errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
    expect((await committedOffsets(broker.port, '')).size).toBe(0);
  });
});
