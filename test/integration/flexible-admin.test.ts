// The flexible versions of the admin and security APIs, each sent at its newest version
// through our own codecs over TCP, and checked by what a user would see: the topic kafkajs
// finds, the offsets it reads, the sizes DescribeLogDirs reports, a SASL login. Then the
// dashboard's own admin calls, which now pick these versions against our broker.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZERO_UUID } from '../../server/protocol/codec';
import { CreateTopics } from '../../server/protocol/19-create-topics';
import { DeleteTopics } from '../../server/protocol/20-delete-topics';
import { DeleteRecords } from '../../server/protocol/21-delete-records';
import { InitProducerId } from '../../server/protocol/22-init-producer-id';
import { DescribeLogDirs } from '../../server/protocol/35-describe-log-dirs';
import { SaslAuthenticate } from '../../server/protocol/36-sasl-authenticate';
import { SaslHandshake } from '../../server/protocol/17-sasl-handshake';
import { CreatePartitions } from '../../server/protocol/37-create-partitions';
import { Metadata } from '../../server/protocol/03-metadata';
import { ErrorCode } from '../../server/protocol/errors';
import { ScramClient } from '../../server/protocol/sasl-scram';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { ClusterClient } from '../../server/kafka/connection/cluster-client';
import { addPartitions, createTopic, deleteRecords, deleteTopic } from '../../server/kafka/actions/topic-admin';
import { partitionSizes } from '../../server/kafka/snapshots/sizes';
import { tpKey } from '../../server/kafka/routing/offsets';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { kafka, withAdmin } from '../helpers/kafkajs';

const UNKNOWN_ID = '0123abcd-0000-4000-8000-00000000beef';

describe('each new top version, over TCP', () => {
  let broker: TestBroker;
  let conn: WireConnection;
  beforeAll(async () => {
    broker = await startTestBroker({ numPartitions: 1 });
    conn = await WireConnection.connect('127.0.0.1', broker.port);
  });
  afterAll(async () => {
    conn?.close();
    await broker?.destroy();
  });
  const topicNames = () => withAdmin(broker.address, (a) => a.listTopics());

  it('CreateTopics v7 answers the topic id, partitions, replication factor and configs; the topic exists', async () => {
    const res = await conn.request(CreateTopics, 7, {
      topics: [{ name: 'flex', numPartitions: 2, replicationFactor: 1, assignments: [], configs: [{ name: 'retention.ms', value: '3600000' }] }],
      timeoutMs: 5000,
      validateOnly: false,
    });
    const t = res.topics[0];
    expect(t).toMatchObject({ name: 'flex', errorCode: 0, errorMessage: null, topicConfigErrorCode: 0, numPartitions: 2, replicationFactor: 1 });
    expect(t.topicId).toBe(broker.state.topics.get('flex')!.id);
    expect(t.topicId).not.toBe(ZERO_UUID);
    expect(t.configs).toContainEqual({ name: 'retention.ms', value: '3600000', readOnly: false, configSource: 1, isSensitive: false });
    expect(t.configs).toContainEqual(expect.objectContaining({ name: 'cleanup.policy', value: 'delete', configSource: 5 }));
    const names = (t.configs ?? []).map((c) => c.name);
    expect(names).toEqual([...names].sort());

    const md = await withAdmin(broker.address, (a) => a.fetchTopicMetadata({ topics: ['flex'] }));
    expect(md.topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1]);

    // an error: no id, −1 and −1, no configs; validate_only: described but not created
    const again = await conn.request(CreateTopics, 7, {
      topics: [
        { name: 'flex', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] },
        { name: 'dry', numPartitions: -1, replicationFactor: -1, assignments: [], configs: [] },
      ],
      timeoutMs: 5000,
      validateOnly: true,
    });
    expect(again.topics[0]).toMatchObject({ errorCode: ErrorCode.TOPIC_ALREADY_EXISTS, topicId: ZERO_UUID, numPartitions: -1, replicationFactor: -1, configs: [] });
    expect(again.topics[1]).toMatchObject({ errorCode: 0, topicId: ZERO_UUID, numPartitions: 1, replicationFactor: 1 });
    expect(again.topics[1].configs?.length).toBeGreaterThan(0);
    expect(await topicNames()).not.toContain('dry');
    expect(broker.state.versionsSeen.get(CreateTopics.key)).toContain(7);
  });

  it('CreatePartitions v3 grows the topic', async () => {
    const res = await conn.request(CreatePartitions, 3, { topics: [{ name: 'flex', count: 4, assignments: null }], timeoutMs: 5000, validateOnly: false });
    expect(res.results).toEqual([{ name: 'flex', errorCode: 0, errorMessage: null }]);
    const md = await withAdmin(broker.address, (a) => a.fetchTopicMetadata({ topics: ['flex'] }));
    expect(md.topics[0].partitions).toHaveLength(4);
    const shrink = await conn.request(CreatePartitions, 3, { topics: [{ name: 'flex', count: 1, assignments: null }], timeoutMs: 5000, validateOnly: false });
    expect(shrink.results[0]).toMatchObject({ errorCode: ErrorCode.INVALID_PARTITIONS, errorMessage: expect.stringMatching(/4 partitions/) });
  });

  it('DeleteRecords v2 moves the log-start offset', async () => {
    const producer = kafka(broker.address).producer();
    await producer.connect();
    await producer.send({ topic: 'flex', messages: Array.from({ length: 10 }, (_, i) => ({ value: `m${i}`, partition: 0 })) });
    await producer.disconnect();
    const res = await conn.request(DeleteRecords, 2, { topics: [{ name: 'flex', partitions: [{ partitionIndex: 0, offset: 6 }] }], timeoutMs: 5000 });
    expect(res.topics[0].partitions).toEqual([{ partitionIndex: 0, lowWatermark: 6, errorCode: 0 }]);
    const offsets = await withAdmin(broker.address, (a) => a.fetchTopicOffsets('flex'));
    expect(offsets.find((o) => o.partition === 0)).toMatchObject({ low: '6', high: '10' });
  });

  it('DescribeLogDirs v4 lists the partitions with their sizes, and the volume’s total and usable bytes', async () => {
    const res = await conn.request(DescribeLogDirs, 4, { topics: [{ topic: 'flex', partitions: [0, 1, 2, 3] }] });
    expect(res.errorCode).toBe(0);
    const dir = res.results[0];
    expect(dir.logDir).toBe(path.resolve(broker.dataDir));
    expect(dir.topics[0].name).toBe('flex');
    const sizes = new Map(dir.topics[0].partitions.map((p) => [p.partitionIndex, p.partitionSize]));
    expect([...sizes.keys()].sort()).toEqual([0, 1, 2, 3]);
    expect(sizes.get(0)).toBe(broker.state.partition('flex', 0)!.sizeBytes);
    expect(sizes.get(0)).toBeGreaterThan(0);
    const { blocks, bavail, bsize } = fs.statfsSync(broker.dataDir);
    expect(dir.totalBytes).toBe(blocks * bsize);
    expect(dir.usableBytes).toBeGreaterThan(0);
    expect(dir.usableBytes).toBeLessThanOrEqual(dir.totalBytes);
    expect(Math.abs(dir.usableBytes - bavail * bsize)).toBeLessThan(1 << 30); // others write to the disk meanwhile
  });

  it('InitProducerId v5 answers a producer id; an epoch bump (v3+) gets a fresh one; a half pair is refused', async () => {
    const first = await conn.request(InitProducerId, 5, { transactionalId: null, transactionTimeoutMs: 60000, producerId: -1, producerEpoch: -1 });
    expect(first).toMatchObject({ errorCode: 0, producerEpoch: 0 });
    expect(first.producerId).toBeGreaterThanOrEqual(0);
    const bump = await conn.request(InitProducerId, 5, { transactionalId: null, transactionTimeoutMs: 60000, producerId: first.producerId, producerEpoch: 0 });
    expect(bump).toMatchObject({ errorCode: 0, producerEpoch: 0 });
    expect(bump.producerId).not.toBe(first.producerId);
    const half = await conn.request(InitProducerId, 5, { transactionalId: null, transactionTimeoutMs: 60000, producerId: first.producerId, producerEpoch: -1 });
    expect(half).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, producerId: -1, producerEpoch: -1 });
    const txn = await conn.request(InitProducerId, 5, { transactionalId: 'tx', transactionTimeoutMs: 60000, producerId: -1, producerEpoch: -1 });
    expect(txn.errorCode).toBe(ErrorCode.INVALID_REQUEST);
  });

  it('DeleteTopics v6 by id deletes the topic and answers its name; an unknown id answers UNKNOWN_TOPIC_ID (100)', async () => {
    const id = broker.state.topics.get('flex')!.id;
    const res = await conn.request(DeleteTopics, 6, {
      topics: [
        { name: null, topicId: id },
        { name: null, topicId: UNKNOWN_ID },
        { name: 'nope', topicId: ZERO_UUID },
        { name: 'both', topicId: UNKNOWN_ID },
      ],
      timeoutMs: 5000,
    });
    expect(res.responses).toEqual([
      { name: 'flex', topicId: id, errorCode: 0, errorMessage: null },
      { name: null, topicId: UNKNOWN_ID, errorCode: ErrorCode.UNKNOWN_TOPIC_ID, errorMessage: 'This server does not host this topic ID.' },
      { name: 'nope', topicId: ZERO_UUID, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: 'This server does not host this topic-partition.' },
      { name: 'both', topicId: UNKNOWN_ID, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'You may not specify both topic name and topic id.' },
    ]);
    expect(await topicNames()).not.toContain('flex');
  });

  it('DeleteTopics v6: a topic named twice (by name and by its id) is refused once and kept', async () => {
    await conn.request(CreateTopics, 7, { topics: [{ name: 'twice', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
    const id = broker.state.topics.get('twice')!.id;
    const res = await conn.request(DeleteTopics, 6, { topics: [{ name: 'twice', topicId: ZERO_UUID }, { name: null, topicId: id }], timeoutMs: 5000 });
    expect(res.responses).toEqual([{ name: 'twice', topicId: id, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'The provided topic name maps to an ID that was already supplied.' }]);
    const byName = await conn.request(DeleteTopics, 5, { topicNames: ['twice', 'twice'], timeoutMs: 5000 });
    expect(byName.responses).toEqual([{ name: 'twice', topicId: ZERO_UUID, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Duplicate topic name.' }]);
    expect(await topicNames()).toContain('twice');
  });

  it("the dashboard's admin calls use the new versions against this broker", async () => {
    const client = new ClusterClient([broker.address]);
    try {
      await createTopic(client, { name: 'dash', partitions: 1, replicationFactor: 1 });
      await addPartitions(client, 'dash', 2);
      const producer = kafka(broker.address).producer();
      await producer.connect();
      await producer.send({ topic: 'dash', messages: [{ value: 'a', partition: 1 }, { value: 'b', partition: 1 }] });
      await producer.disconnect();
      expect(await deleteRecords(client, 'dash', [{ partition: 1, beforeOffset: 1 }])).toEqual([{ partition: 1, logStartOffset: 1 }]);
      const md = await client.metadata(['dash']);
      const sizes = await partitionSizes(client, md, ['dash']);
      expect(sizes.get(tpKey('dash', 1))).toBe(broker.state.partition('dash', 1)!.sizeBytes);
      expect(sizes.get(tpKey('dash', 1))).toBeGreaterThan(0);
      await deleteTopic(client, 'dash');
      await expect(deleteTopic(client, 'dash')).rejects.toThrow(/does not exist/);
    } finally {
      client.close();
    }
    const seen = (key: number) => Math.max(...(broker.state.versionsSeen.get(key) ?? [-1]));
    expect([seen(CreateTopics.key), seen(CreatePartitions.key), seen(DeleteRecords.key), seen(DescribeLogDirs.key), seen(DeleteTopics.key)]).toEqual([7, 3, 2, 4, 6]);
  });
});

describe('SaslAuthenticate v2 over a SASL_PLAINTEXT listener', () => {
  let broker: TestBroker;
  const at = () => broker.listeners.find((l) => l.protocol === 'SASL_PLAINTEXT')!;
  const connect = () => WireConnection.connect(at().host, at().port, { timeoutMs: 3000 });
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: 'SASL_PLAINTEXT://127.0.0.1:0', saslUsers: 'bob:bob-pw' });
  });
  afterAll(async () => {
    await broker?.destroy();
  });

  it('PLAIN: the right password authenticates (session lifetime 0) and the connection is served', async () => {
    const c = await connect();
    try {
      expect((await c.request(SaslHandshake, 1, { mechanism: 'PLAIN' })).errorCode).toBe(0);
      const res = await c.request(SaslAuthenticate, 2, { authBytes: Buffer.from('\u0000bob\u0000bob-pw') });
      expect(res).toEqual({ errorCode: 0, errorMessage: null, authBytes: Buffer.alloc(0), sessionLifetimeMs: 0 });
      const md = await c.request(Metadata, 1, { topics: null, allowAutoTopicCreation: false });
      expect(md.brokers[0].port).toBe(at().port);
    } finally {
      c.close();
    }
    expect(broker.state.versionsSeen.get(SaslAuthenticate.key)).toContain(2);
  });

  it('SCRAM-SHA-256: both steps in v2', async () => {
    const c = await connect();
    try {
      expect((await c.request(SaslHandshake, 1, { mechanism: 'SCRAM-SHA-256' })).errorCode).toBe(0);
      const scram = new ScramClient('SCRAM-SHA-256', 'bob', 'bob-pw');
      const first = await c.request(SaslAuthenticate, 2, { authBytes: scram.first() });
      expect(first.errorCode).toBe(0);
      const final = await c.request(SaslAuthenticate, 2, { authBytes: scram.final(first.authBytes) });
      expect(final.errorCode).toBe(0);
      scram.verify(final.authBytes);
    } finally {
      c.close();
    }
  });

  it('a wrong password answers SASL_AUTHENTICATION_FAILED (58) with the reason, then closes', async () => {
    const c = await connect();
    await c.request(SaslHandshake, 1, { mechanism: 'PLAIN' });
    const res = await c.request(SaslAuthenticate, 2, { authBytes: Buffer.from('\u0000bob\u0000wrong') });
    expect(res).toMatchObject({ errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED, errorMessage: 'Authentication failed: Invalid username or password' });
    await expect(c.request(Metadata, 1, { topics: null, allowAutoTopicCreation: false }, 3000)).rejects.toThrow(/closed/);
  });
});
