// Configs as Kafka 3.9 reports them, through real clients: every topic config with its value
// and source, the broker resource, synonyms with the broker-level names; changes refused for
// what the broker does not implement; IncrementalAlterConfigs touching only what it names
// (our codec, and the dashboard's patch both with it and, on a broker without it, with the
// read-merge-write AlterConfigs); kafka-python and confluent-kafka describe_configs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { describeRun, run } from '../helpers/exec';
import { kafka } from '../helpers/kafkajs';
import { ClusterClient } from '../../server/kafka/connection/cluster-client';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { describeTopicConfigs, patchTopicConfigs } from '../../server/kafka/actions/configs';
import { ConfigResourceType, DescribeConfigs } from '../../server/protocol/32-describe-configs';
import { AlterConfigs } from '../../server/protocol/33-alter-configs';
import { ConfigOperation, IncrementalAlterConfigs } from '../../server/protocol/44-incremental-alter-configs';
import { ErrorCode } from '../../server/protocol/errors';

const TOPIC = ConfigResourceType.TOPIC;
const BROKER = ConfigResourceType.BROKER;

let broker: TestBroker;
let conn: WireConnection;
beforeAll(async () => {
  broker = await startTestBroker();
  conn = await WireConnection.connect('127.0.0.1', broker.port);
});
afterAll(async () => {
  conn.close();
  await broker.destroy();
});

const overrides = (topic: string) => ({ ...broker.state.topics.get(topic)!.configs });

describe('kafkajs describeConfigs', () => {
  it('a topic: every Kafka topic config, compression.type = producer from the default; retention.ms synonym log.retention.ms', async () => {
    const admin = kafka(broker.address).admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: 'described', configEntries: [{ name: 'retention.ms', value: '3600000' }] }] });
      const r = await admin.describeConfigs({ resources: [{ type: TOPIC, name: 'described' }], includeSynonyms: true });
      const entries = new Map(r.resources[0].configEntries.map((e) => [e.configName, e]));
      expect(entries.size).toBeGreaterThanOrEqual(30);
      expect(entries.get('compression.type')).toMatchObject({ configValue: 'producer', isDefault: true, configSource: 5, readOnly: false });
      expect(entries.get('remote.storage.enable')).toMatchObject({ configValue: 'false', readOnly: true });
      const retention = entries.get('retention.ms')!;
      expect(retention).toMatchObject({ configValue: '3600000', configSource: 1, isDefault: false });
      expect(retention.configSynonyms.map((s) => [s.configName, s.configValue, s.configSource])).toEqual([
        ['retention.ms', '3600000', 1],
        ['log.retention.ms', '604800000', 5],
      ]);
      expect(entries.get('max.message.bytes')!.configSynonyms.map((s) => s.configName)).toEqual(['message.max.bytes']);
    } finally {
      await admin.disconnect();
    }
  });

  it('the broker resource: its settings read-only, listeners as clients reach them', async () => {
    const admin = kafka(broker.address).admin();
    await admin.connect();
    try {
      const r = await admin.describeConfigs({ resources: [{ type: BROKER, name: '0' }], includeSynonyms: false });
      expect(r.resources[0].errorCode).toBe(0);
      const entries = new Map(r.resources[0].configEntries.map((e) => [e.configName, e]));
      expect(entries.get('default.replication.factor')).toMatchObject({ configValue: '1', readOnly: true, configSource: 5 });
      expect(entries.get('advertised.listeners')).toMatchObject({ configValue: `PLAINTEXT://127.0.0.1:${broker.port}`, readOnly: true, configSource: 4 });
      expect(entries.get('broker.id')?.configValue).toBe('0');
      expect(entries.get('log.dirs')?.configValue).toBe(broker.dataDir);
    } finally {
      await admin.disconnect();
    }
  });
});

describe('DescribeConfigs through our codec', () => {
  it('v4 (flexible): types, and documentation when asked; v0: is_default', async () => {
    const ask = (v: number, includeDocumentation: boolean) =>
      conn.request(DescribeConfigs, v, { resources: [{ resourceType: TOPIC, resourceName: 'described', configurationKeys: ['segment.bytes', 'cleanup.policy'] }], includeSynonyms: false, includeDocumentation });
    const v4 = (await ask(4, true)).results[0];
    expect(v4.configs.map((c) => [c.name, c.configType, typeof c.documentation])).toEqual([
      ['cleanup.policy', 7, 'string'],
      ['segment.bytes', 3, 'string'],
    ]);
    expect((await ask(4, false)).results[0].configs.every((c) => c.documentation === null)).toBe(true);
    expect((await ask(0, false)).results[0].configs.map((c) => [c.name, c.isDefault])).toEqual([
      ['cleanup.policy', true],
      ['segment.bytes', true],
    ]);
  });

  it('an unknown topic, another node, an unsupported resource type: an error each, as Kafka answers', async () => {
    const res = await conn.request(DescribeConfigs, 4, {
      resources: [
        { resourceType: TOPIC, resourceName: 'nope', configurationKeys: null },
        { resourceType: BROKER, resourceName: '7', configurationKeys: null },
        { resourceType: BROKER, resourceName: '', configurationKeys: null },
        { resourceType: 8, resourceName: '0', configurationKeys: null },
      ],
      includeSynonyms: false,
      includeDocumentation: false,
    });
    expect(res.results.map((r) => [r.errorCode, r.errorMessage, r.configs.length])).toEqual([
      [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, null, 0],
      [ErrorCode.INVALID_REQUEST, 'Unexpected broker id, expected 0 or empty string, but received 7', 0],
      [0, null, 0], // the cluster-wide dynamic defaults: there are none
      [ErrorCode.INVALID_REQUEST, expect.stringMatching(/broker loggers/), 0],
    ]);
  });
});

describe('changes', () => {
  it('an unimplemented config is refused with INVALID_CONFIG and says so (AlterConfigs v2, IncrementalAlterConfigs, CreateTopics)', async () => {
    const legacy = await conn.request(AlterConfigs, 2, { resources: [{ resourceType: TOPIC, resourceName: 'described', configs: [{ name: 'segment.ms', value: '60000' }] }], validateOnly: false });
    expect(legacy.responses[0]).toMatchObject({ errorCode: ErrorCode.INVALID_CONFIG, errorMessage: 'Topic config segment.ms is not implemented by the embedded broker: only its default (604800000) can be set' });
    const incremental = await conn.request(IncrementalAlterConfigs, 1, {
      resources: [{ resourceType: TOPIC, resourceName: 'described', configs: [{ name: 'unclean.leader.election.enable', configOperation: ConfigOperation.SET, value: 'true' }] }],
      validateOnly: false,
    });
    expect(incremental.responses[0]).toMatchObject({ errorCode: ErrorCode.INVALID_CONFIG, errorMessage: expect.stringMatching(/unclean\.leader\.election\.enable is not implemented by the embedded broker/) });
    const admin = kafka(broker.address).admin();
    await admin.connect();
    try {
      await expect(admin.createTopics({ topics: [{ topic: 'preallocated', configEntries: [{ name: 'preallocate', value: 'true' }] }] })).rejects.toMatchObject({ errors: [{ type: 'INVALID_CONFIG' }] });
      await expect(admin.alterConfigs({ validateOnly: false, resources: [{ type: TOPIC, name: 'described', configEntries: [{ name: 'compression.type', value: 'gzip' }] }] })).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
    } finally {
      await admin.disconnect();
    }
    expect(broker.state.topics.has('preallocated')).toBe(false);
    expect(overrides('described')).toEqual({ 'retention.ms': '3600000' });
  });

  it('IncrementalAlterConfigs SET of one key leaves the other overrides; DELETE, APPEND on a non-list, a null SET', async () => {
    broker.state.createTopic('inc', 1, 1, { 'retention.ms': '1000', 'retention.bytes': '2048' });
    const alter = (configs: { name: string; configOperation: number; value: string | null }[], v = 1) =>
      conn.request(IncrementalAlterConfigs, v, { resources: [{ resourceType: TOPIC, resourceName: 'inc', configs }], validateOnly: false }).then((r) => r.responses[0]);
    expect(await alter([{ name: 'segment.bytes', configOperation: ConfigOperation.SET, value: '4096' }])).toMatchObject({ errorCode: 0, errorMessage: null });
    expect(overrides('inc')).toEqual({ 'retention.ms': '1000', 'retention.bytes': '2048', 'segment.bytes': '4096' });
    expect(await alter([{ name: 'retention.ms', configOperation: ConfigOperation.DELETE, value: null }], 0)).toMatchObject({ errorCode: 0 });
    expect(overrides('inc')).toEqual({ 'retention.bytes': '2048', 'segment.bytes': '4096' });
    expect(await alter([{ name: 'retention.bytes', configOperation: ConfigOperation.APPEND, value: '1' }])).toMatchObject({
      errorCode: ErrorCode.INVALID_CONFIG,
      errorMessage: "Can't APPEND to key retention.bytes because its type is not LIST.",
    });
    expect(await alter([{ name: 'retention.bytes', configOperation: ConfigOperation.SET, value: null }])).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Null value not supported for : retention.bytes' });
    expect(await alter([{ name: 'retention.bytes', configOperation: 9, value: '1' }])).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST });
    expect(overrides('inc')).toEqual({ 'retention.bytes': '2048', 'segment.bytes': '4096' });
    // a broker config is static here
    const res = await conn.request(IncrementalAlterConfigs, 1, { resources: [{ resourceType: BROKER, resourceName: '0', configs: [{ name: 'log.retention.ms', configOperation: ConfigOperation.SET, value: '1' }] }], validateOnly: false });
    expect(res.responses[0]).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: expect.stringMatching(/Cannot update these configs dynamically: log\.retention\.ms/) });
  });

  it('message.timestamp.before.max.ms: Produce refuses a batch stamped too long ago with INVALID_TIMESTAMP', async () => {
    broker.state.createTopic('recent', 1, 1, { 'message.timestamp.before.max.ms': '3600000' });
    const producer = kafka(broker.address).producer({ retry: { retries: 0 } });
    await producer.connect();
    try {
      await expect(producer.send({ topic: 'recent', messages: [{ value: 'old', timestamp: String(Date.now() - 7_200_000) }] })).rejects.toMatchObject({ type: 'INVALID_TIMESTAMP' });
      await producer.send({ topic: 'recent', messages: [{ value: 'fresh' }] });
    } finally {
      await producer.disconnect();
    }
    expect(broker.state.topics.get('recent')!.partitions[0].logEndOffset).toBe(1);
  });

  it("the dashboard's patch: IncrementalAlterConfigs here, AlterConfigs read-merge-write where the broker lacks it", async () => {
    for (const caps of [undefined, { 44: -1 }]) {
      const b = await startTestBroker({ apiVersionCaps: caps });
      const client = new ClusterClient([b.address]);
      try {
        b.state.createTopic('dash', 1, 1, { 'retention.ms': '1000', 'retention.bytes': '2048' });
        await patchTopicConfigs(client, 'dash', { 'segment.bytes': '8192', 'retention.ms': null });
        expect(b.state.topics.get('dash')!.configs).toEqual({ 'retention.bytes': '2048', 'segment.bytes': '8192' });
        const seen = [...b.state.versionsSeen.keys()];
        expect(seen.includes(IncrementalAlterConfigs.key)).toBe(caps === undefined);
        expect(seen.includes(AlterConfigs.key)).toBe(caps !== undefined);
        const cfg = new Map(((await describeTopicConfigs(client, ['dash'])).get('dash') ?? []).map((c) => [c.name, c]));
        expect(cfg.get('segment.bytes')).toMatchObject({ value: '8192', source: 'set' });
        expect(cfg.get('retention.ms')).toMatchObject({ value: '604800000', source: 'default' });
        expect(cfg.get('segment.ms')).toMatchObject({ readOnly: true });
      } finally {
        client.close();
        await b.destroy();
      }
    }
  });
});

describe('Python clients (via /usr/bin/python3)', () => {
  it('kafka-python 2.0.2 and confluent-kafka describe_configs on a topic and the broker', async () => {
    broker.state.createTopic('pyconf', 1, 1, { 'retention.ms': '7200000' });
    const script = `
import json, sys
from kafka.admin import KafkaAdminClient, ConfigResource, ConfigResourceType
addr = sys.argv[1]
admin = KafkaAdminClient(bootstrap_servers=addr, request_timeout_ms=10000)
out = {}
for res in admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, 'pyconf'), ConfigResource(ConfigResourceType.BROKER, '0')], include_synonyms=True):
    for (code, _msg, rtype, name, entries) in res.resources:
        out['kp-%d' % rtype] = {'error': code, 'count': len(entries), 'values': {e[0]: e[1] for e in entries}}
admin.close()
import confluent_kafka.admin as ca
c = ca.AdminClient({'bootstrap.servers': addr})
for res, f in c.describe_configs([ca.ConfigResource('topic', 'pyconf')]).items():
    entries = f.result(timeout=15)
    out['ck-topic'] = {'count': len(entries), 'retention': entries['retention.ms'].value, 'compression': entries['compression.type'].value, 'source': entries['compression.type'].source}
print(json.dumps(out))
`;
    const env = { ...process.env };
    delete env.PYTHONPATH;
    delete env.PYTHONHOME;
    const r = await run('/usr/bin/python3', ['-c', script, broker.address], { timeoutMs: 30_000, env });
    const last = r.stdout.trim().split('\n').at(-1) ?? '';
    if (r.code !== 0 || !last.startsWith('{')) throw new Error(`${describeRun('/usr/bin/python3', ['-c', '<script>'], r)}\n${broker.logs.join('\n')}`);
    const out = JSON.parse(last);
    expect(out['kp-2']).toMatchObject({ error: 0, values: { 'retention.ms': '7200000', 'compression.type': 'producer' } });
    expect(out['kp-2'].count).toBeGreaterThanOrEqual(30);
    expect(out['kp-4']).toMatchObject({ error: 0, values: { 'default.replication.factor': '1', 'broker.id': '0' } });
    expect(out['ck-topic']).toMatchObject({ retention: '7200000', compression: 'producer', source: 5 });
  });
});
