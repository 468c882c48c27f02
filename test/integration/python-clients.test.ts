// Debian's Python clients against the embedded broker over TCP, run with /usr/bin/python3 (the
// system interpreter that has python3-kafka 2.0.2 and python3-confluent-kafka 1.7.0, not the
// python3 first on PATH). Each script prints one JSON line that the test asserts on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { describeRun, run } from '../helpers/exec';
import { readAllBatches } from '../helpers/read';
import { advertised } from '../../server/broker/handlers/index';
import { codecName, readBatchHeader } from '../../server/protocol/record-batch';

const PYTHON = '/usr/bin/python3';

let broker: TestBroker;
beforeEach(async () => {
  broker = await startTestBroker();
});
afterEach(async () => {
  await broker.destroy();
});

// Shared Python helpers, prepended to every script. ADDR is the broker's host:port.
const PRELUDE = `
import json, sys, time
import kafka.errors
ADDR = sys.argv[1]

def kp_create_topic(name, partitions):
    from kafka.admin import KafkaAdminClient, NewTopic
    admin = KafkaAdminClient(bootstrap_servers=ADDR, request_timeout_ms=10000)
    try:
        res = admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)])
        return [[t, code] for (t, code, *_rest) in res.topic_errors]
    except kafka.errors.KafkaError as e:  # kafka-python raises on a topic error
        return [[name, e.errno]]
    finally:
        admin.close()

def kp_read(topic, partition, count, timeout_s=15):
    from kafka import KafkaConsumer, TopicPartition
    c = KafkaConsumer(bootstrap_servers=ADDR, group_id=None, enable_auto_commit=False)
    tp = TopicPartition(topic, partition)
    c.assign([tp])
    c.seek(tp, 0)
    out = []
    deadline = time.time() + timeout_s
    while len(out) < count and time.time() < deadline:
        for msgs in c.poll(timeout_ms=500).values():
            out += [{'offset': m.offset, 'key': m.key and m.key.decode(), 'value': m.value.decode()} for m in msgs]
    parts = sorted(c.partitions_for_topic(topic) or [])
    c.close()
    return out, parts
`;

async function python<T>(script: string): Promise<T> {
  const env = { ...process.env };
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;
  const args = ['-c', PRELUDE + script, broker.address];
  const r = await run(PYTHON, args, { timeoutMs: 30_000, env });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  if (r.code !== 0 || !last.startsWith('{')) {
    throw new Error(`${describeRun(PYTHON, ['-c', '<script>', broker.address], r)}\n--- script ---\n${script}\n--- broker log ---\n${broker.logs.join('\n')}`);
  }
  return JSON.parse(last) as T;
}

const storedCodecs = async (topic: string, partitions: number[]) => {
  const codecs = new Set<string>();
  for (const p of partitions) for (const b of await readAllBatches(broker.port, topic, p)) codecs.add(codecName(readBatchHeader(b).attributes));
  return [...codecs].sort();
};

describe('kafka-python 2.0.2', () => {
  it('infers broker version (2, 4) or later from ApiVersions, and its admin calls (create, describe configs, delete) succeed with it', async () => {
    const res = await python<{ version: number[]; created: [string, number][]; configs: Record<string, string>; deleted: [string, number][]; after: string[] }>(`
from kafka.admin import KafkaAdminClient, NewTopic, ConfigResource, ConfigResourceType
admin = KafkaAdminClient(bootstrap_servers=ADDR, request_timeout_ms=10000)
version = list(admin.config['api_version'])
res = admin.create_topics([NewTopic('py_admin', num_partitions=2, replication_factor=1, topic_configs={'retention.ms': '3600000'})])
created = [[t, code] for (t, code, *_rest) in res.topic_errors]
described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, 'py_admin')])
configs = {}
for r in described:
    for (_err, _msg, _type, _name, entries) in r.resources:
        for e in entries:
            configs[e[0]] = e[1]
res = admin.delete_topics(['py_admin'])
deleted = [[t, code] for (t, code, *_rest) in res.topic_error_codes]
after = sorted(admin.list_topics())
admin.close()
print(json.dumps({'version': version, 'created': created, 'configs': configs, 'deleted': deleted, 'after': after}))
`);
    // kafka-python's table reaches (2, 4) through Produce v8 and (2, 5) only through DescribeAcls, which we do not serve
    expect(res.version.slice(0, 2)).toEqual([2, 4]);
    expect(res.created).toEqual([['py_admin', 0]]);
    expect(res.configs['retention.ms']).toBe('3600000');
    expect(res.configs['compression.type']).toBe('producer');
    expect(res.deleted).toEqual([['py_admin', 0]]);
    expect(res.after).not.toContain('py_admin');
  });

  it('creates a topic with KafkaAdminClient (CreateTopics v3, Metadata v5)', async () => {
    const res = await python<{ created: [string, number][]; again: [string, number][]; parts: number[] }>(`
created = kp_create_topic('test_topic', 3)
again = kp_create_topic('test_topic', 3)
from kafka import KafkaConsumer
c = KafkaConsumer(bootstrap_servers=ADDR)
parts = sorted(c.partitions_for_topic('test_topic'))
print(json.dumps({'created': created, 'again': again, 'parts': parts}))
`);
    expect(res.created).toEqual([['test_topic', 0]]);
    expect(res.again).toEqual([['test_topic', 36]]); // TOPIC_ALREADY_EXISTS
    expect(res.parts).toEqual([0, 1, 2]);
    expect(broker.state.topics.get('test_topic')?.partitions).toHaveLength(3);
  });

  it('produces to partition 0 and reads back with assign + seek, offsets counting up from 0', async () => {
    const res = await python<{ created: unknown; sent: number[]; read: { offset: number; value: string }[]; parts: number[] }>(`
created = kp_create_topic('test_topic', 3)
from kafka import KafkaProducer
p = KafkaProducer(bootstrap_servers=ADDR)
sent = [p.send('test_topic', value=b'Hello, Kafka!', partition=0).get(timeout=10).offset]
p.flush()
for i in range(1, 4):
    sent.append(p.send('test_topic', value=('message %d' % i).encode(), partition=0).get(timeout=10).offset)
p.flush()
p.close()
read, parts = kp_read('test_topic', 0, 4)
print(json.dumps({'created': created, 'sent': sent, 'read': read, 'parts': parts}))
`);
    expect(res.created).toEqual([['test_topic', 0]]);
    expect(res.parts).toEqual([0, 1, 2]);
    expect(res.sent).toEqual([0, 1, 2, 3]);
    expect(res.read.map((m) => [m.offset, m.value])).toEqual([
      [0, 'Hello, Kafka!'],
      [1, 'message 1'],
      [2, 'message 2'],
      [3, 'message 3'],
    ]);
    // Nothing went to the other partitions.
    expect(await storedCodecs('test_topic', [1, 2])).toEqual([]);
  });

  it("produces gzip-compressed keyed messages and reads them back", async () => {
    const res = await python<{ sent: number[]; read: { offset: number; key: string; value: string }[] }>(`
kp_create_topic('gz', 1)
from kafka import KafkaProducer
p = KafkaProducer(bootstrap_servers=ADDR, compression_type='gzip', linger_ms=20)
futures = [p.send('gz', key=('k%d' % i).encode(), value=('gzip value %d ' % i + 'z' * 100).encode(), partition=0) for i in range(10)]
p.flush()
sent = [f.get(timeout=10).offset for f in futures]
p.close()
read, _ = kp_read('gz', 0, 10)
print(json.dumps({'sent': sent, 'read': read}))
`);
    const expected = Array.from({ length: 10 }, (_, i) => ({ offset: i, key: `k${i}`, value: `gzip value ${i} ${'z'.repeat(100)}` }));
    expect(res.sent).toEqual(expected.map((m) => m.offset));
    expect(res.read).toEqual(expected);
    expect(await storedCodecs('gz', [0])).toEqual(['gzip']);
  });
});

describe('confluent-kafka 1.7.0 (librdkafka 2.0.2)', () => {
  it('creates a topic, lists it, produces zstd and lz4 batches with keys and headers; kcat reads them back', async () => {
    const res = await python<{ topics: Record<string, number>; errors: string[]; delivered: number }>(`
from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic
admin = AdminClient({'bootstrap.servers': ADDR})
for f in admin.create_topics([NewTopic('ct', num_partitions=2, replication_factor=1)]).values():
    f.result(timeout=15)
topics = {name: len(t.partitions) for name, t in admin.list_topics(timeout=10).topics.items()}
errors, delivered = [], [0]
def on_delivery(err, msg):
    if err: errors.append(str(err))
    else: delivered[0] += 1
for codec in ('zstd', 'lz4'):
    p = Producer({'bootstrap.servers': ADDR, 'compression.type': codec, 'linger.ms': 50})
    for i in range(5):
        p.produce('ct', key='%s-k%d' % (codec, i), value='%s value %d %s' % (codec, i, codec * 30),
                  headers=[('codec', codec.encode()), ('i', str(i).encode())], on_delivery=on_delivery)
    left = p.flush(15)
    if left: errors.append('%d messages not flushed' % left)
print(json.dumps({'topics': topics, 'errors': errors, 'delivered': delivered[0]}))
`);
    expect(res.topics.ct).toBe(2);
    expect(res.errors).toEqual([]);
    expect(res.delivered).toBe(10);

    const args = ['-C', '-b', broker.address, '-t', 'ct', '-o', 'beginning', '-e', '-q', '-f', '%p|%o|%k|%s|%h\n'];
    const r = await run('/usr/bin/kcat', args, { timeoutMs: 30_000 });
    expect(r.code, describeRun('kcat', args, r)).toBe(0);
    const rows = r.stdout.split('\n').filter(Boolean).map((l) => l.split('|'));
    const expected = ['zstd', 'lz4'].flatMap((codec) =>
      Array.from({ length: 5 }, (_, i) => `${codec}-k${i}|${codec} value ${i} ${codec.repeat(30)}|codec=${codec},i=${i}`),
    );
    expect(rows.map(([, , k, v, h]) => `${k}|${v}|${h}`).sort()).toEqual(expected.sort());
    // Per partition, offsets are 0..n-1 and a key's records keep their production order.
    for (const p of ['0', '1']) {
      const mine = rows.filter((row) => row[0] === p);
      expect(mine.map((row) => Number(row[1]))).toEqual(mine.map((_, i) => i));
    }
    // The batches were stored as the producers compressed them. librdkafka sends lz4 only
    // to brokers advertising FindCoordinator v0 (rdkafka_feature.c), which this one does.
    expect(advertised.some((a) => a.apiKey === 10 && a.minVersion === 0)).toBe(true);
    expect(await storedCodecs('ct', [0, 1])).toEqual(['lz4', 'zstd']);
  });
});
