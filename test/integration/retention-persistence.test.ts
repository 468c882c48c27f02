// What a topic is (partitions, configs) survives a restart, and the broker's retention
// check deletes expired segments on its own schedule, moving log-start.
import { afterEach, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { kafka } from '../helpers/kafkajs';

let broker: TestBroker | undefined;
afterEach(async () => {
  await broker?.destroy();
  broker = undefined;
});

it('topics, partition counts and configs persist across a restart', async () => {
  broker = await startTestBroker();
  let admin = kafka(broker.address).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'kept', numPartitions: 2, configEntries: [{ name: 'retention.ms', value: '1728000' }] }] });
  await admin.createPartitions({ topicPartitions: [{ topic: 'kept', count: 4 }] });
  await admin.alterConfigs({
    validateOnly: false,
    resources: [{ type: 2, name: 'kept', configEntries: [{ name: 'retention.ms', value: '1728000' }, { name: 'message.timestamp.type', value: 'LogAppendTime' }] }],
  });
  await admin.disconnect();

  broker = await broker.restart();
  admin = kafka(broker.address).admin();
  await admin.connect();
  try {
    const md = await admin.fetchTopicMetadata({ topics: ['kept'] });
    expect(md.topics[0].partitions).toHaveLength(4);
    const cfg = await admin.describeConfigs({ resources: [{ type: 2, name: 'kept' }], includeSynonyms: false });
    const entries = new Map(cfg.resources[0].configEntries.map((e) => [e.configName, e.configValue]));
    expect(entries.get('retention.ms')).toBe('1728000');
    expect(entries.get('message.timestamp.type')).toBe('LogAppendTime');
  } finally {
    await admin.disconnect();
  }
});

it('the retention check removes expired segments by itself and moves log-start', async () => {
  broker = await startTestBroker({ logRetentionCheckIntervalMs: 200 });
  const k = kafka(broker.address);
  const admin = k.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'short', numPartitions: 1, configEntries: [{ name: 'segment.bytes', value: '1024' }] }] });
  const producer = k.producer();
  await producer.connect();
  const old = Date.now() - 3_600_000;
  for (let i = 0; i < 20; i++) {
    await producer.send({ topic: 'short', messages: [{ value: 'x'.repeat(200), timestamp: String(old + i) }] });
  }
  await producer.disconnect();
  const before = await admin.fetchTopicOffsets('short');
  expect([before[0].low, before[0].high]).toEqual(['0', '20']);

  await admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: 'short', configEntries: [{ name: 'segment.bytes', value: '1024' }, { name: 'retention.ms', value: '60000' }] }] });
  let low = '0';
  for (let i = 0; i < 50 && low !== '20'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    low = (await admin.fetchTopicOffsets('short'))[0].low;
  }
  await admin.disconnect();
  expect(low).toBe('20');
});
