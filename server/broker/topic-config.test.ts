// The topic config catalogue against Kafka 3.9 (LogConfig, ServerTopicConfigSynonyms,
// https://kafka.apache.org/39/documentation/#topicconfigs): the names, defaults and broker
// synonyms; what DescribeConfigs reports; which values can be set; Kafka's timestamp bounds;
// and IncrementalAlterConfigs' operations.
import { describe, expect, it } from 'vitest';
import { ConfigSource, ConfigType } from '../protocol/32-describe-configs';
import { ErrorCode, KafkaError } from '../protocol/errors';
import { encodeRecordBatchSync } from '../protocol/record-batch';
import { DEFAULTS } from './config';
import { applyOperations } from './handlers/44-incremental-alter-configs';
import { TOPIC_CONFIGS, describeTopicConfigs, timestampProblem, validateTopicConfigs } from './topic-config';

const NEVER = '9223372036854775807';

// name, default, first broker synonym (— none), type: from Kafka 3.9's LogConfig and ServerTopicConfigSynonyms
const KAFKA_39: [string, string, string, keyof typeof ConfigType][] = [
  ['cleanup.policy', 'delete', 'log.cleanup.policy', 'LIST'],
  ['compression.gzip.level', '-1', 'compression.gzip.level', 'INT'],
  ['compression.lz4.level', '9', 'compression.lz4.level', 'INT'],
  ['compression.type', 'producer', 'compression.type', 'STRING'],
  ['compression.zstd.level', '3', 'compression.zstd.level', 'INT'],
  ['delete.retention.ms', '86400000', 'log.cleaner.delete.retention.ms', 'LONG'],
  ['file.delete.delay.ms', '60000', 'log.segment.delete.delay.ms', 'LONG'],
  ['flush.messages', NEVER, 'log.flush.interval.messages', 'LONG'],
  ['flush.ms', NEVER, 'log.flush.interval.ms', 'LONG'],
  ['follower.replication.throttled.replicas', '', '—', 'LIST'],
  ['index.interval.bytes', '4096', 'log.index.interval.bytes', 'INT'],
  ['leader.replication.throttled.replicas', '', '—', 'LIST'],
  ['local.retention.bytes', '-2', 'log.local.retention.bytes', 'LONG'],
  ['local.retention.ms', '-2', 'log.local.retention.ms', 'LONG'],
  ['max.compaction.lag.ms', NEVER, 'log.cleaner.max.compaction.lag.ms', 'LONG'],
  ['max.message.bytes', '1048588', 'message.max.bytes', 'INT'],
  ['message.downconversion.enable', 'true', 'log.message.downconversion.enable', 'BOOLEAN'],
  ['message.format.version', '3.0-IV1', 'log.message.format.version', 'STRING'],
  ['message.timestamp.after.max.ms', NEVER, 'log.message.timestamp.after.max.ms', 'LONG'],
  ['message.timestamp.before.max.ms', NEVER, 'log.message.timestamp.before.max.ms', 'LONG'],
  ['message.timestamp.difference.max.ms', NEVER, 'log.message.timestamp.difference.max.ms', 'LONG'],
  ['message.timestamp.type', 'CreateTime', 'log.message.timestamp.type', 'STRING'],
  ['min.cleanable.dirty.ratio', '0.5', 'log.cleaner.min.cleanable.ratio', 'DOUBLE'],
  ['min.compaction.lag.ms', '0', 'log.cleaner.min.compaction.lag.ms', 'LONG'],
  ['min.insync.replicas', '1', 'min.insync.replicas', 'INT'],
  ['preallocate', 'false', 'log.preallocate', 'BOOLEAN'],
  ['remote.log.copy.disable', 'false', '—', 'BOOLEAN'],
  ['remote.log.delete.on.disable', 'false', '—', 'BOOLEAN'],
  ['remote.storage.enable', 'false', '—', 'BOOLEAN'],
  ['retention.bytes', '-1', 'log.retention.bytes', 'LONG'],
  ['retention.ms', '604800000', 'log.retention.ms', 'LONG'],
  ['segment.bytes', '1073741824', 'log.segment.bytes', 'INT'],
  ['segment.index.bytes', '10485760', 'log.index.size.max.bytes', 'INT'],
  ['segment.jitter.ms', '0', 'log.roll.jitter.ms', 'LONG'],
  ['segment.ms', '604800000', 'log.roll.ms', 'LONG'],
  ['unclean.leader.election.enable', 'false', 'unclean.leader.election.enable', 'BOOLEAN'],
];

describe('the catalogue', () => {
  it("holds exactly Kafka 3.9's topic configs", () => {
    expect(Object.keys(TOPIC_CONFIGS).sort()).toEqual(KAFKA_39.map(([name]) => name));
  });
  it.each(KAFKA_39)('%s: default %j, broker synonym %s, type %s', (name, dflt, server, type) => {
    const def = TOPIC_CONFIGS[name];
    expect([def.default, def.server ?? '—', def.type]).toEqual([dflt, server, type]);
    expect(def.check(dflt)).toBeNull(); // Kafka's default passes Kafka's own check
  });
  it("this broker's own settings default to Kafka's topic defaults", () => {
    for (const def of Object.values(TOPIC_CONFIGS)) if (def.broker) expect(def.broker(DEFAULTS)).toBe(def.default);
  });
});

describe('DescribeConfigs entries', () => {
  const byName = (b = DEFAULTS, overrides: Record<string, string> = {}) => new Map(describeTopicConfigs(b, overrides).map((e) => [e.name, e]));

  it('a topic without overrides on a default broker: every value the default, source 5', () => {
    const e = byName();
    expect(e.size).toBe(36);
    expect(e.get('compression.type')).toMatchObject({ value: 'producer', source: ConfigSource.DEFAULT_CONFIG, isDefault: true, readOnly: false, type: ConfigType.STRING });
    expect(e.get('compression.type')!.synonyms).toEqual([{ name: 'compression.type', value: 'producer', source: 5 }]);
    expect(e.get('retention.ms')!.synonyms).toEqual([{ name: 'log.retention.ms', value: '604800000', source: 5 }]);
    // Kafka lists no synonym where its broker config has no default of its own, or there is none
    expect(e.get('segment.ms')!.synonyms).toEqual([]);
    expect(e.get('remote.storage.enable')).toMatchObject({ value: 'false', source: 5, synonyms: [], readOnly: true, type: ConfigType.BOOLEAN });
    expect(e.get('min.cleanable.dirty.ratio')).toMatchObject({ readOnly: true, type: ConfigType.DOUBLE });
    expect([...e.values()].every((x) => x.documentation.length > 10)).toBe(true);
  });

  it('synonyms as Kafka orders them: the topic override, the broker setting, the default', () => {
    const e = byName({ ...DEFAULTS, logRetentionMs: 3_600_000 }, { 'retention.ms': '1000' }).get('retention.ms')!;
    expect(e).toMatchObject({ value: '1000', source: ConfigSource.TOPIC_CONFIG, isDefault: false });
    expect(e.synonyms).toEqual([
      { name: 'retention.ms', value: '1000', source: 1 },
      { name: 'log.retention.ms', value: '3600000', source: 4 },
      { name: 'log.retention.ms', value: '604800000', source: 5 },
    ]);
  });

  it("the broker's own setting, where the topic has no override: static broker config (4)", () => {
    const e = byName({ ...DEFAULTS, logSegmentBytes: 1 << 20 }).get('segment.bytes')!;
    expect(e).toMatchObject({ value: '1048576', source: ConfigSource.STATIC_BROKER_CONFIG, isDefault: true });
    expect(e.synonyms.map((s) => s.source)).toEqual([4, 5]);
  });
});

describe('topic config validation', () => {
  it.each([
    ['segment.bytes', '14', true],
    ['segment.bytes', '2147483647', true],
    ['segment.bytes', '13', false],
    ['segment.bytes', '2147483648', false],
    ['flush.messages', '1', true],
    ['flush.messages', '9223372036854775807', true],
    ['flush.messages', '0', false],
    ['flush.messages', '9223372036854775808', false],
    ['flush.ms', '0', true],
    ['flush.ms', '-1', false],
    ['flush.ms', '1e3', false],
    ['retention.bytes', '-5', true],
    ['message.timestamp.before.max.ms', '3600000', true],
    ['message.timestamp.after.max.ms', '-1', false],
    ['message.format.version', '2.8', true], // ignored, as by Kafka 3.x
    ['message.format.version', 'latest', false],
    ['cleanup.policy', 'delete', true],
    ['cleanup.policy', 'compact', false],
    ['compression.type', 'producer', true],
    ['compression.type', 'gzip', false],
    ['compression.type', 'brotli', false],
    ['min.insync.replicas', '2', false],
    // not implemented here: only the default can be set (in any spelling Kafka reads the same)
    ['unclean.leader.election.enable', 'false', true],
    ['unclean.leader.election.enable', 'FALSE', true],
    ['unclean.leader.election.enable', 'true', false],
    ['segment.ms', '604800000', true],
    ['segment.ms', '60000', false],
    ['min.cleanable.dirty.ratio', '0.50', true],
    ['leader.replication.throttled.replicas', '', true],
    ['leader.replication.throttled.replicas', '0:0', false],
  ])('%s=%s accepted: %s', (name, value, ok) => {
    const run = () => validateTopicConfigs({ [name]: value });
    if (ok) expect(run).not.toThrow();
    else expect(run).toThrow(KafkaError);
  });

  it('says why: unknown, invalid, not implemented, not supported', () => {
    const reason = (configs: Record<string, string>) => {
      try {
        validateTopicConfigs(configs);
        return null;
      } catch (e) {
        expect((e as KafkaError).code).toBe(ErrorCode.INVALID_CONFIG);
        return (e as Error).message;
      }
    };
    expect(reason({ 'no.such': '1' })).toBe('Unknown topic config name: no.such');
    expect(reason({ 'message.timestamp.type': 'Sometime' })).toMatch(/^Invalid value Sometime for configuration message.timestamp.type: must be one of CreateTime, LogAppendTime$/);
    expect(reason({ 'segment.ms': '60000' })).toBe('Topic config segment.ms is not implemented by the embedded broker: only its default (604800000) can be set');
    expect(reason({ 'compression.type': 'zstd' })).toMatch(/does not recompress; only producer/);
  });
});

describe('timestamp bounds (message.timestamp.before/after/difference.max.ms)', () => {
  const now = 1_700_000_000_000;
  const batch = (...timestamps: number[]) => [encodeRecordBatchSync(timestamps.map((timestamp) => ({ value: 'v', timestamp })))];
  const configs = (overrides: Record<string, string>) => (name: string) => overrides[name] ?? TOPIC_CONFIGS[name].default;

  it.each([
    ['defaults: never', {}, [now - 10 ** 12], false],
    ['before: 1 h, an hour and a second old', { 'message.timestamp.before.max.ms': '3600000' }, [now - 3_601_000], true],
    ['before: 1 h, an hour old', { 'message.timestamp.before.max.ms': '3600000' }, [now - 3_600_000], false],
    ['after: 1 min, two minutes ahead (the max of the batch)', { 'message.timestamp.after.max.ms': '60000' }, [now, now + 120_000], true],
    ['difference: both ways where before/after are left at never', { 'message.timestamp.difference.max.ms': '1000' }, [now + 5000], true],
    ['after set wins over difference', { 'message.timestamp.difference.max.ms': '1000', 'message.timestamp.after.max.ms': '10000' }, [now + 5000], false],
    ['LogAppendTime topics are not checked', { 'message.timestamp.type': 'LogAppendTime', 'message.timestamp.before.max.ms': '0' }, [now - 1000], false],
  ] as const)('%s', (_, overrides, timestamps, refused) => {
    const reason = timestampProblem(configs(overrides), batch(...timestamps), now);
    if (refused) expect(reason).toMatch(/^Timestamp \d+ is out of range\. The timestamp should be within \[/);
    else expect(reason).toBeNull();
  });
});

describe('IncrementalAlterConfigs operations', () => {
  const op = (name: string, configOperation: number, value: string | null = null) => ({ name, configOperation, value });
  it.each([
    ['SET adds, others kept', { 'retention.ms': '1' }, [op('segment.bytes', 0, '1024')], { 'retention.ms': '1', 'segment.bytes': '1024' }],
    ['DELETE removes; a key without override is nothing', { 'retention.ms': '1' }, [op('retention.ms', 1), op('retention.bytes', 1)], {}],
    ['APPEND to the default list', {}, [op('cleanup.policy', 2, 'compact')], { 'cleanup.policy': 'delete,compact' }],
    ['APPEND skips items already there', { 'cleanup.policy': 'delete' }, [op('cleanup.policy', 2, 'delete')], { 'cleanup.policy': 'delete' }],
    ['SUBTRACT from the override', { 'leader.replication.throttled.replicas': '0:0,1:0' }, [op('leader.replication.throttled.replicas', 3, '0:0')], { 'leader.replication.throttled.replicas': '1:0' }],
  ] as const)('%s', (_, current, ops, expected) => {
    expect(applyOperations(current, ops)).toEqual(expected);
  });
  it('APPEND or SUBTRACT on a config that is not a list: INVALID_CONFIG, as Kafka', () => {
    expect(() => applyOperations({}, [op('retention.ms', 2, '5')])).toThrow("Can't APPEND to key retention.ms because its type is not LIST.");
    expect(() => applyOperations({}, [op('retention.ms', 3, '5')])).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_CONFIG }));
  });
});
