// The Kafka offset tutorials' own code, through Debian's kafka-python 2.0.2 (/usr/bin/python3):
// a producer sends 10 messages to test_topic, a KafkaConsumer in group test_group reads them
// from the earliest offset, prints each value and offset, commits and closes. kafka-python
// infers "broker 2.3" from our ApiVersions and then uses FindCoordinator v0, JoinGroup v2,
// SyncGroup/Heartbeat/LeaveGroup v1, OffsetCommit v2 and OffsetFetch v1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { describeRun, run } from '../helpers/exec';
import { committedOffsets, describeGroup, withConn } from '../helpers/groups';
import { kafka } from '../helpers/kafkajs';
import { listOffset } from '../helpers/read';
import { OffsetFetch } from '../../server/protocol/09-offset-fetch';

const PYTHON = '/usr/bin/python3';

let broker: TestBroker;
beforeEach(async () => {
  broker = await startTestBroker({ groupMinSessionTimeoutMs: 1000 });
});
afterEach(async () => {
  await broker.destroy();
});

async function python(script: string) {
  const env = { ...process.env };
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;
  const r = await run(PYTHON, ['-c', script], { timeoutMs: 60_000, env });
  if (r.code !== 0) throw new Error(`${describeRun(PYTHON, ['-c', script], r)}\n--- broker log ---\n${broker.logs.join('\n')}`);
  return r.stdout;
}

describe('the tutorial, with kafka-python 2.0.2', () => {
  it('produces 10, consumes them in test_group and commits; committed offsets sum to 10; 5 more make a lag of 5', async () => {
    const addr = `localhost:${broker.port}`;
    await python(`
from kafka import KafkaProducer
producer = KafkaProducer(bootstrap_servers=['${addr}'])
for i in range(10):
    producer.send('test_topic', value=('message %d' % i).encode('utf-8'))
producer.flush()
producer.close()
`);
    const out = await python(`
from kafka import KafkaConsumer
consumer = KafkaConsumer('test_topic', bootstrap_servers=['${addr}'], group_id='test_group',
                         auto_offset_reset='earliest', consumer_timeout_ms=5000)
for message in consumer:
    print(message.value.decode('utf-8'), message.offset)
consumer.commit()
consumer.close()
`);
    expect(out.trim().split('\n')).toEqual(Array.from({ length: 10 }, (_, i) => `message ${i} ${i}`));

    // OffsetFetch over our own wire client (v1, as kafka-python asks): one partition, offset 10.
    const partitions = broker.state.topics.get('test_topic')!.partitions.length;
    const fetched = await withConn(broker.port, (c) =>
      c.request(OffsetFetch, 1, { groupId: 'test_group', topics: [{ name: 'test_topic', partitionIndexes: Array.from({ length: partitions }, (_, p) => p) }] }),
    );
    const committed = fetched.topics![0].partitions.map((p) => p.committedOffset).filter((o) => o >= 0);
    expect(committed.reduce((a, b) => a + b, 0)).toBe(10);
    // kafkajs's admin agrees.
    const admin = kafka(broker.address).admin();
    await admin.connect();
    try {
      const viaKafkajs = await admin.fetchOffsets({ groupId: 'test_group', topics: ['test_topic'] });
      expect(viaKafkajs[0].partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0)).toBe(10);
    } finally {
      await admin.disconnect();
    }
    const g = await describeGroup(broker.port, 'test_group');
    expect(g.groupState).toBe('Empty'); // close() sent LeaveGroup

    // Five more messages: lag = log-end − committed = 5.
    await python(`
from kafka import KafkaProducer
producer = KafkaProducer(bootstrap_servers=['${addr}'])
for i in range(10, 15):
    producer.send('test_topic', value=('message %d' % i).encode('utf-8'))
producer.flush()
producer.close()
`);
    const logEnd = await withConn(broker.port, async (c) => {
      let n = 0;
      for (let p = 0; p < partitions; p++) n += await listOffset(c, 'test_topic', p, -1);
      return n;
    });
    const now = await committedOffsets(broker.port, 'test_group');
    const lag = logEnd - [...now.values()].reduce((a, b) => a + b, 0);
    expect(logEnd).toBe(15);
    expect(lag).toBe(5);
  });
});
