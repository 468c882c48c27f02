// kafkajs 2.2.4 against the embedded broker over TCP: the admin calls the dashboard relies
// on, and a producer with each codec whose records read back byte-exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { CompressionTypes, kafka } from '../helpers/kafkajs';
import { Fetch } from '../../server/protocol/01-fetch';
import { decodeRecordBatch, splitBatches } from '../../server/protocol/record-batch';
import { WireConnection } from '../../server/kafka/connection/wire-connection';

let broker: TestBroker;
beforeAll(async () => {
  broker = await startTestBroker();
});
afterAll(async () => {
  await broker.destroy();
});

describe('kafkajs admin', () => {
  it('creates topics, reads metadata, adds partitions, deletes', async () => {
    const admin = kafka(broker.address).admin();
    await admin.connect();
    try {
      expect(await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] })).toBe(true);
      // Creating again: the broker answers TOPIC_ALREADY_EXISTS, which kafkajs reports as false.
      expect(await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 7 }] })).toBe(false);
      const md = await admin.fetchTopicMetadata({ topics: ['orders'] });
      expect(md.topics[0].name).toBe('orders');
      expect(md.topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
      expect(md.topics[0].partitions.every((p) => p.leader === 0 && p.replicas.join() === '0' && p.isr.join() === '0')).toBe(true);
      expect(await admin.listTopics()).toContain('orders');

      await admin.createPartitions({ topicPartitions: [{ topic: 'orders', count: 5 }] });
      const after = await admin.fetchTopicMetadata({ topics: ['orders'] });
      expect(after.topics[0].partitions).toHaveLength(5);
      await expect(admin.createPartitions({ topicPartitions: [{ topic: 'orders', count: 2 }] })).rejects.toThrow();

      await admin.deleteTopics({ topics: ['orders'] });
      expect(await admin.listTopics()).not.toContain('orders');
    } finally {
      await admin.disconnect();
    }
  });

  it('rejects an invalid name, a replication factor above the broker count, and a bad config', async () => {
    const admin = kafka(broker.address).admin();
    await admin.connect();
    try {
      expect(await errorType(admin.createTopics({ topics: [{ topic: 'bad name!' }] }))).toBe('INVALID_TOPIC_EXCEPTION');
      expect(await errorType(admin.createTopics({ topics: [{ topic: 'rf3', replicationFactor: 3 }] }))).toBe('INVALID_REPLICATION_FACTOR');
      expect(await errorType(admin.createTopics({ topics: [{ topic: 'p0', numPartitions: 0 }] }))).toBe('INVALID_PARTITIONS');
      expect(
        await errorType(admin.createTopics({ topics: [{ topic: 'badcfg', configEntries: [{ name: 'retention.ms', value: 'soon' }] }] })),
      ).toBe('INVALID_CONFIG');
      expect(await admin.listTopics()).not.toContain('badcfg');
    } finally {
      await admin.disconnect();
    }
  });

  it('describes and alters configs with defaults and sources', async () => {
    const admin = kafka(broker.address).admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: 'cfg', configEntries: [{ name: 'retention.ms', value: '1728000' }] }] });
      const describe = async () => {
        const r = await admin.describeConfigs({ resources: [{ type: 2, name: 'cfg' }], includeSynonyms: false });
        return new Map(r.resources[0].configEntries.map((e) => [e.configName, e]));
      };
      let cfg = await describe();
      expect(cfg.get('retention.ms')?.configValue).toBe('1728000');
      expect(cfg.get('retention.ms')?.isDefault).toBe(false);
      expect(cfg.get('cleanup.policy')?.configValue).toBe('delete');
      expect(cfg.get('cleanup.policy')?.isDefault).toBe(true);
      expect(cfg.get('max.message.bytes')?.configValue).toBe('1048588');
      expect(cfg.get('message.timestamp.type')?.configValue).toBe('CreateTime');

      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: 2, name: 'cfg', configEntries: [{ name: 'retention.bytes', value: '1048576' }] }],
      });
      cfg = await describe();
      expect(cfg.get('retention.bytes')?.configValue).toBe('1048576');
      // AlterConfigs replaces the whole set: retention.ms went back to its default.
      expect(cfg.get('retention.ms')?.configValue).toBe('604800000');
      expect(cfg.get('retention.ms')?.isDefault).toBe(true);

      await expect(
        admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: 'cfg', configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }] }),
      ).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
      await expect(
        admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: 'cfg', configEntries: [{ name: 'no.such.config', value: '1' }] }] }),
      ).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
      // A refused change leaves the topic as it was.
      expect((await describe()).get('retention.bytes')?.configValue).toBe('1048576');
    } finally {
      await admin.disconnect();
    }
  });

  it('answers offsets: earliest, latest, by timestamp, and after deleteTopicRecords', async () => {
    const k = kafka(broker.address);
    const admin = k.admin();
    const producer = k.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    try {
      await admin.createTopics({ topics: [{ topic: 'offs', numPartitions: 2 }] });
      const t0 = Date.now() - 60_000;
      // Ten records on partition 0 with timestamps a second apart, sent as separate batches.
      for (let i = 0; i < 10; i++) {
        await producer.send({ topic: 'offs', messages: [{ partition: 0, value: `v${i}`, timestamp: String(t0 + i * 1000) }] });
      }
      const offsets = await admin.fetchTopicOffsets('offs');
      const p0 = offsets.find((o) => o.partition === 0)!;
      const p1 = offsets.find((o) => o.partition === 1)!;
      expect([p0.low, p0.high, p0.offset]).toEqual(['0', '10', '10']);
      expect([p1.low, p1.high]).toEqual(['0', '0']);

      const byTime = await admin.fetchTopicOffsetsByTimestamp('offs', t0 + 3500);
      expect(byTime.find((o) => o.partition === 0)!.offset).toBe('4');
      // No record at or after the time: Kafka answers -1 and kafkajs reports the high watermark.
      const late = await admin.fetchTopicOffsetsByTimestamp('offs', Date.now() + 60_000);
      expect(late.find((o) => o.partition === 0)!.offset).toBe('10');

      await admin.deleteTopicRecords({ topic: 'offs', partitions: [{ partition: 0, offset: '6' }] });
      const moved = (await admin.fetchTopicOffsets('offs')).find((o) => o.partition === 0)!;
      expect([moved.low, moved.high]).toEqual(['6', '10']);
      await expect(admin.deleteTopicRecords({ topic: 'offs', partitions: [{ partition: 0, offset: '99' }] })).rejects.toThrow();
    } finally {
      await Promise.all([admin.disconnect(), producer.disconnect()]);
    }
  });
});

describe('kafkajs producer with each codec', () => {
  const codecs = [
    ['none', CompressionTypes.None],
    ['gzip', CompressionTypes.GZIP],
    ['snappy', CompressionTypes.Snappy],
    ['lz4', CompressionTypes.LZ4],
    ['zstd', CompressionTypes.ZSTD],
  ] as const;

  for (const [name, type] of codecs) {
    it(`${name}: keys, values, headers and timestamps read back byte-exact`, async () => {
      const k = kafka(broker.address);
      const topic = `codec-${name}`;
      const admin = k.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
      await admin.disconnect();
      const producer = k.producer();
      await producer.connect();
      const binary = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]);
      const messages = Array.from({ length: 50 }, (_, i) => ({
        key: i % 5 === 0 ? null : `key-${i}`,
        value: i === 7 ? binary : i === 8 ? null : `value ${i} ${'x'.repeat(i * 3)}`,
        headers: { n: String(i), bin: binary },
        timestamp: String(1700000000000 + i),
      }));
      const [meta] = await producer.send({ topic, compression: type, messages });
      expect(meta.errorCode).toBe(0);
      expect(meta.baseOffset).toBe('0');
      await producer.disconnect();

      const got = await readPartition(topic, messages.length);
      expect(got.map((m) => m.offset)).toEqual(messages.map((_, i) => String(i)));
      got.forEach((m, i) => {
        const want = messages[i];
        expect(m.key === null ? null : m.key.toString()).toBe(want.key);
        expect(m.value === null ? null : Buffer.from(m.value)).toEqual(want.value === null ? null : Buffer.from(want.value));
        expect(m.timestamp).toBe(want.timestamp);
        expect(String(m.headers?.n)).toBe(want.headers.n);
        expect(Buffer.from(m.headers?.bin as Buffer)).toEqual(binary);
      });
    });
  }
});

/** kafkajs reports per-topic creation errors in an aggregate; the first one's Kafka error name. */
async function errorType(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { errors?: { type?: string }[]; type?: string };
    return err.errors?.[0]?.type ?? err.type ?? String(e);
  }
  return 'resolved';
}

/**
 * Reads a partition from offset 0 with our own wire client (group-less, the way the
 * dashboard browses): kafkajs encoded the batches, our decoder reads them back.
 */
async function readPartition(topic: string, count: number) {
  const conn = await WireConnection.connect('127.0.0.1', broker.port);
  const out: { offset: string; key: Buffer | null; value: Buffer | null; timestamp: string; headers: Record<string, Buffer | null> }[] = [];
  let offset = 0;
  try {
    while (out.length < count) {
      const res = await conn.request(Fetch, 11, {
        replicaId: -1,
        maxWaitMs: 500,
        minBytes: 1,
        maxBytes: 1 << 20,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [{ topic, partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: offset, logStartOffset: -1, partitionMaxBytes: 1 << 20 }] }],
        forgottenTopicsData: [],
        rackId: '',
      });
      const part = res.responses[0].partitions[0];
      expect(part.errorCode).toBe(0);
      for (const batch of splitBatches(Buffer.concat(part.records ?? []))) {
        for (const rec of await decodeRecordBatch(batch)) {
          if (rec.offset < offset) continue;
          out.push({
            offset: String(rec.offset),
            key: rec.key,
            value: rec.value,
            timestamp: String(rec.timestamp),
            headers: Object.fromEntries(rec.headers.map((h) => [h.key, h.value])),
          });
          offset = rec.offset + 1;
        }
      }
    }
  } finally {
    conn.close();
  }
  return out;
}
