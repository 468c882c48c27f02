// Every topic config Kafka 3.9 defines (LogConfig), with Kafka's type, default and checks,
// the broker config that gives its default (ServerTopicConfigSynonyms), and what this broker
// does with it. DescribeConfigs reports all of them; AlterConfigs, IncrementalAlterConfigs
// and CreateTopics accept the ones the broker honours and refuse a bad value with
// INVALID_CONFIG and the reason. The ones it does not implement are reported read-only with
// Kafka's default, and setting one to anything else is refused (INVALID_CONFIG, saying so):
// accepting it would promise what the broker does not do.
import { ConfigSource, ConfigType, type ConfigTypeName } from '../protocol/32-describe-configs';
import { ErrorCode, KafkaError } from '../protocol/errors';
import { OFF } from '../protocol/record-batch';
import type { BrokerConfig } from './config';

type Check = (value: string) => string | null; // a reason, or null when valid

interface TopicConfigDef {
  type: ConfigTypeName;
  /** Kafka 3.9's default, as DescribeConfigs prints it. */
  default: string;
  /** The broker config that gives every topic its value (the first of Kafka's synonyms); null: none. */
  server: string | null;
  /** Kafka's `server` config has no default of its own (log.roll.ms: log.roll.hours gives it), so no default synonym is listed, as Kafka lists none. */
  serverHasNoDefault?: true;
  /** This broker's own setting of `server`, where it has one (a flag at start). */
  broker?: (b: BrokerConfig) => string;
  /** Kafka's check of a value. */
  check: Check;
  /** Whether this broker honours the config (else only its default can be set). */
  honoured: boolean;
  /** What this broker further refuses of a valid value, and why. */
  limit?: Check;
  documentation: string;
}

const INT_MAX = 2147483647n;
const INT_MIN = -2147483648n;
const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;
/** Kafka's "never" for the long configs (Long.MAX_VALUE), as printed. */
export const LONG_MAX_TEXT = String(LONG_MAX);

const integer =
  (min: bigint, max: bigint, what = `an integer between ${min} and ${max}`): Check =>
  (v) => {
    const t = v.trim();
    if (!/^-?\d+$/.test(t)) return `must be ${what}`;
    const n = BigInt(t);
    return n >= min && n <= max ? null : `must be ${what}`;
  };
/** Kafka's INT (int32) and LONG (int64) at least `min`. */
const int = (min: number, max = INT_MAX) => integer(BigInt(min), max, max === INT_MAX ? `an integer ≥ ${min} (an int32)` : undefined);
const long = (min: number) => integer(BigInt(min), LONG_MAX, `an integer ≥ ${min} (an int64)`);
const anyLong = integer(LONG_MIN, LONG_MAX, 'an integer (an int64)');
const bool: Check = (v) => (/^(true|false)$/i.test(v.trim()) ? null : 'must be true or false');
const oneOf =
  (...allowed: string[]): Check =>
  (v) =>
    allowed.includes(v.trim()) ? null : `must be one of ${allowed.join(', ')}`;
const listOf =
  (...allowed: string[]): Check =>
  (v) =>
    items(v).every((x) => allowed.includes(x)) ? null : `every item must be one of ${allowed.join(', ')}`;
const ratio: Check = (v) => (/^\s*[\d.eE+-]+\s*$/.test(v) && Number(v) >= 0 && Number(v) <= 1 ? null : 'must be a number between 0 and 1');
/** leader/follower.replication.throttled.replicas: `*` or `partition:broker` pairs. */
const throttledReplicas: Check = (v) =>
  v.trim() === '*' || items(v).every((x) => /^\d+:\d+$/.test(x)) ? null : 'must be * or a list of partitionId:brokerId';
/** A metadata version as message.format.version takes it: 0.10.0, 2.8, 3.0-IV1 … */
const version: Check = (v) => (/^\d+\.\d+(\.\d+)?(-IV\d+)?$/.test(v.trim()) ? null : 'must be a Kafka version such as 3.0-IV1');
const gzipLevel: Check = (v) => (v.trim() === '-1' ? null : int(1, 9n)(v) && 'must be between 1 and 9, or -1 (the codec default)');

function items(v: string): string[] {
  return v
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

const WEEK_MS = '604800000';

// Alphabetical, as Kafka's documentation lists them.
export const TOPIC_CONFIGS: Record<string, TopicConfigDef> = {
  'cleanup.policy': {
    type: 'LIST',
    default: 'delete',
    server: 'log.cleanup.policy',
    check: listOf('compact', 'delete'),
    honoured: true,
    // compaction is not implemented (UNSUPPORTED.md): accepting it would promise what we do not do
    limit: (v) => (items(v).join(',') === 'delete' ? null : 'compaction is not supported by the embedded broker; only delete'),
    documentation: 'What happens to old segments: delete (by retention.ms and retention.bytes) or compact (keep the last record per key).',
  },
  'compression.type': {
    type: 'STRING',
    default: 'producer',
    server: 'compression.type',
    check: oneOf('uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'),
    honoured: true,
    // batches are stored exactly as they came: that is what `producer` means, and all this broker does
    limit: (v) => (v.trim() === 'producer' ? null : 'the embedded broker stores batches as the producer compressed them and does not recompress; only producer'),
    documentation: 'The compression of stored batches: producer keeps what the producer sent; a codec name recompresses to it.',
  },
  'compression.gzip.level': { type: 'INT', default: '-1', server: 'compression.gzip.level', check: gzipLevel, honoured: false, documentation: 'The gzip level used when compression.type is gzip.' },
  'compression.lz4.level': { type: 'INT', default: '9', server: 'compression.lz4.level', check: int(1, 17n), honoured: false, documentation: 'The lz4 level used when compression.type is lz4.' },
  'compression.zstd.level': {
    type: 'INT',
    default: '3',
    server: 'compression.zstd.level',
    check: integer(-131072n, 22n),
    honoured: false,
    documentation: 'The zstd level used when compression.type is zstd.',
  },
  'delete.retention.ms': {
    type: 'LONG',
    default: '86400000',
    server: 'log.cleaner.delete.retention.ms',
    check: long(0),
    honoured: false,
    documentation: 'How long delete tombstones are kept in a compacted topic.',
  },
  'file.delete.delay.ms': {
    type: 'LONG',
    default: '60000',
    server: 'log.segment.delete.delay.ms',
    check: long(0),
    honoured: false,
    documentation: 'How long a deleted segment waits before its files are removed.',
  },
  'flush.messages': {
    type: 'LONG',
    default: LONG_MAX_TEXT,
    server: 'log.flush.interval.messages',
    // fsync after this many records; Kafka's default (Long.MAX_VALUE) leaves it to the OS and the roll
    check: long(1),
    honoured: true,
    documentation: 'Force an fsync after this many records (the default leaves flushing to the operating system).',
  },
  'flush.ms': {
    type: 'LONG',
    default: LONG_MAX_TEXT,
    server: 'log.flush.interval.ms',
    serverHasNoDefault: true,
    check: long(0),
    honoured: true,
    documentation: 'Force an fsync when the oldest unflushed record is this old (the default leaves flushing to the operating system).',
  },
  'follower.replication.throttled.replicas': {
    type: 'LIST',
    default: '',
    server: null,
    check: throttledReplicas,
    honoured: false,
    documentation: 'The replicas whose follower-side replication is throttled: partitionId:brokerId pairs, or * for all.',
  },
  'index.interval.bytes': {
    type: 'INT',
    default: '4096',
    server: 'log.index.interval.bytes',
    broker: (b) => String(b.logIndexIntervalBytes),
    check: int(0),
    honoured: true,
    documentation: 'How many bytes of records between two entries of the offset index.',
  },
  'leader.replication.throttled.replicas': {
    type: 'LIST',
    default: '',
    server: null,
    check: throttledReplicas,
    honoured: false,
    documentation: 'The replicas whose leader-side replication is throttled: partitionId:brokerId pairs, or * for all.',
  },
  'local.retention.bytes': {
    type: 'LONG',
    default: '-2',
    server: 'log.local.retention.bytes',
    check: long(-2),
    honoured: false,
    documentation: 'With tiered storage: how many bytes a partition keeps locally (-2: retention.bytes).',
  },
  'local.retention.ms': {
    type: 'LONG',
    default: '-2',
    server: 'log.local.retention.ms',
    check: long(-2),
    honoured: false,
    documentation: 'With tiered storage: how long a segment is kept locally (-2: retention.ms).',
  },
  'max.compaction.lag.ms': {
    type: 'LONG',
    default: LONG_MAX_TEXT,
    server: 'log.cleaner.max.compaction.lag.ms',
    check: long(1),
    honoured: false,
    documentation: 'The longest a record may stay uncompacted in a compacted topic.',
  },
  'max.message.bytes': {
    type: 'INT',
    default: '1048588',
    server: 'message.max.bytes',
    broker: (b) => String(b.messageMaxBytes),
    check: int(0),
    honoured: true,
    documentation: 'The largest record batch the topic accepts, in bytes, as stored.',
  },
  'message.downconversion.enable': {
    type: 'BOOLEAN',
    default: 'true',
    server: 'log.message.downconversion.enable',
    check: bool,
    honoured: false,
    documentation: 'Whether batches are down-converted for consumers on old Fetch versions.',
  },
  'message.format.version': {
    type: 'STRING',
    default: '3.0-IV1',
    server: 'log.message.format.version',
    check: version,
    // Kafka 3.x ignores it (the format is v2 whatever it says), and so does this broker
    honoured: true,
    documentation: 'Deprecated: ignored since Kafka 3.0 (batches are always written in the v2 format).',
  },
  'message.timestamp.after.max.ms': {
    type: 'LONG',
    default: LONG_MAX_TEXT,
    server: 'log.message.timestamp.after.max.ms',
    check: long(0),
    honoured: true,
    documentation: 'With CreateTime: how far ahead of the broker clock a timestamp may be; later ones are refused with INVALID_TIMESTAMP.',
  },
  'message.timestamp.before.max.ms': {
    type: 'LONG',
    default: LONG_MAX_TEXT,
    server: 'log.message.timestamp.before.max.ms',
    check: long(0),
    honoured: true,
    documentation: 'With CreateTime: how far behind the broker clock a timestamp may be; older ones are refused with INVALID_TIMESTAMP.',
  },
  'message.timestamp.difference.max.ms': {
    type: 'LONG',
    default: LONG_MAX_TEXT,
    server: 'log.message.timestamp.difference.max.ms',
    check: long(0),
    honoured: true,
    documentation: 'Deprecated: the bound both ways, used where message.timestamp.before.max.ms or after.max.ms is left at its default.',
  },
  'message.timestamp.type': {
    type: 'STRING',
    default: 'CreateTime',
    server: 'log.message.timestamp.type',
    check: oneOf('CreateTime', 'LogAppendTime'),
    honoured: true,
    documentation: 'Which timestamp records keep: the producer\'s (CreateTime) or the broker\'s at append (LogAppendTime).',
  },
  'min.cleanable.dirty.ratio': {
    type: 'DOUBLE',
    default: '0.5',
    server: 'log.cleaner.min.cleanable.ratio',
    check: ratio,
    honoured: false,
    documentation: 'How much of a compacted log must be uncompacted before the cleaner works on it.',
  },
  'min.compaction.lag.ms': {
    type: 'LONG',
    default: '0',
    server: 'log.cleaner.min.compaction.lag.ms',
    check: long(0),
    honoured: false,
    documentation: 'The shortest a record stays uncompacted in a compacted topic.',
  },
  'min.insync.replicas': {
    type: 'INT',
    default: '1',
    server: 'min.insync.replicas',
    check: int(1),
    honoured: true,
    limit: (v) => (v.trim() === '1' ? null : 'must be 1: every partition has one replica on this broker'),
    documentation: 'How many replicas must have a write for acks=all to succeed.',
  },
  preallocate: { type: 'BOOLEAN', default: 'false', server: 'log.preallocate', check: bool, honoured: false, documentation: 'Whether segment files are allocated at full size when created.' },
  'remote.log.copy.disable': { type: 'BOOLEAN', default: 'false', server: null, check: bool, honoured: false, documentation: 'With tiered storage: stop copying segments to remote storage.' },
  'remote.log.delete.on.disable': {
    type: 'BOOLEAN',
    default: 'false',
    server: null,
    check: bool,
    honoured: false,
    documentation: 'With tiered storage: delete the remote segments when remote storage is disabled for the topic.',
  },
  'remote.storage.enable': { type: 'BOOLEAN', default: 'false', server: null, check: bool, honoured: false, documentation: 'Whether the topic uses tiered (remote) storage.' },
  'retention.bytes': {
    type: 'LONG',
    default: '-1',
    server: 'log.retention.bytes',
    broker: (b) => String(b.logRetentionBytes),
    check: anyLong,
    honoured: true,
    documentation: 'The most bytes a partition keeps before old segments are deleted (-1: no limit).',
  },
  'retention.ms': {
    type: 'LONG',
    default: WEEK_MS,
    // Kafka's log.retention.ms has no default (log.retention.hours=168 gives it); this broker's has (--log-retention-ms)
    server: 'log.retention.ms',
    broker: (b) => String(b.logRetentionMs),
    check: long(-1),
    honoured: true,
    documentation: 'How long a segment is kept after its last record before it is deleted (-1: forever).',
  },
  'segment.bytes': {
    type: 'INT',
    default: '1073741824',
    server: 'log.segment.bytes',
    broker: (b) => String(b.logSegmentBytes),
    // file positions are int32 in the indexes, as in Kafka 3.x
    check: int(14),
    honoured: true,
    documentation: 'The size at which a new segment file is started.',
  },
  'segment.index.bytes': {
    type: 'INT',
    default: '10485760',
    server: 'log.index.size.max.bytes',
    check: int(4),
    honoured: true,
    documentation: 'The size of a segment\'s offset and time indexes.',
  },
  'segment.jitter.ms': {
    type: 'LONG',
    default: '0',
    server: 'log.roll.jitter.ms',
    serverHasNoDefault: true,
    check: long(0),
    honoured: false,
    documentation: 'The most random time taken off segment.ms, so segments do not all roll at once.',
  },
  'segment.ms': {
    type: 'LONG',
    default: WEEK_MS,
    server: 'log.roll.ms',
    serverHasNoDefault: true,
    check: long(1),
    honoured: false,
    documentation: 'The age at which a segment is rolled even if not full.',
  },
  'unclean.leader.election.enable': {
    type: 'BOOLEAN',
    default: 'false',
    server: 'unclean.leader.election.enable',
    check: bool,
    honoured: false,
    documentation: 'Whether a replica outside the ISR may become leader (losing data) when no ISR replica is left.',
  },
};

/** The same value in Kafka's eyes: `TRUE` is `true`, `007` is `7`, a list ignores spaces. */
function canonical(def: TopicConfigDef, v: string): string {
  const t = v.trim();
  if (def.type === 'BOOLEAN') return t.toLowerCase();
  if ((def.type === 'INT' || def.type === 'LONG') && /^-?\d+$/.test(t)) return String(BigInt(t));
  if (def.type === 'DOUBLE') return String(Number(t));
  if (def.type === 'LIST') return items(t).join(',');
  return t;
}

/** Why `value` cannot be set for `name` (Kafka's check, then this broker's), or null. */
function problem(name: string, def: TopicConfigDef, value: string): string | null {
  const reason = def.check(value) ?? def.limit?.(value) ?? null;
  if (reason) return `Invalid value ${value} for configuration ${name}: ${reason}`;
  if (!def.honoured && canonical(def, value) !== canonical(def, def.default)) {
    return `Topic config ${name} is not implemented by the embedded broker: only its default (${def.default === '' ? 'empty' : def.default}) can be set`;
  }
  return null;
}

/** Throws INVALID_CONFIG with the reason for the first config that cannot be set. null values are skipped (no override). */
export function validateTopicConfigs(configs: Record<string, string | null>): void {
  for (const [name, value] of Object.entries(configs)) {
    const def = TOPIC_CONFIGS[name];
    if (!def) throw new KafkaError(ErrorCode.INVALID_CONFIG, `Unknown topic config name: ${name}`);
    if (value === null) continue;
    const reason = problem(name, def, value);
    if (reason) throw new KafkaError(ErrorCode.INVALID_CONFIG, reason);
  }
}

/** The topic's value: its override, else the broker's setting, else Kafka's default. */
export function effectiveConfig(b: BrokerConfig, overrides: Record<string, string>, name: string): string {
  const def = TOPIC_CONFIGS[name];
  return overrides[name] ?? def.broker?.(b) ?? def.default;
}

export interface ConfigSynonym {
  name: string;
  value: string | null;
  source: number;
}

/** One topic config as DescribeConfigs reports it. */
export interface TopicConfigEntry {
  name: string;
  value: string;
  source: number;
  /** Not set on the topic (DescribeConfigs v0's is_default). */
  isDefault: boolean;
  readOnly: boolean;
  /** As Kafka lists them: the topic override first, then the broker's setting, then the default. */
  synonyms: ConfigSynonym[];
  /** ConfigType id. */
  type: number;
  documentation: string;
}

/** Every topic config, in catalogue order, for a topic with these overrides on this broker. */
export function describeTopicConfigs(b: BrokerConfig, overrides: Record<string, string>): TopicConfigEntry[] {
  return Object.entries(TOPIC_CONFIGS).map(([name, def]) => {
    const synonyms: ConfigSynonym[] = [];
    if (name in overrides) synonyms.push({ name, value: overrides[name], source: ConfigSource.TOPIC_CONFIG });
    if (def.server !== null) {
      const own = def.broker?.(b);
      // this broker's setting counts as set (static) when it is not the default
      if (own !== undefined && own !== def.default) synonyms.push({ name: def.server, value: own, source: ConfigSource.STATIC_BROKER_CONFIG });
      if (!def.serverHasNoDefault) synonyms.push({ name: def.server, value: def.default, source: ConfigSource.DEFAULT_CONFIG });
    }
    return {
      name,
      value: effectiveConfig(b, overrides, name),
      source: synonyms[0]?.source ?? ConfigSource.DEFAULT_CONFIG,
      isDefault: !(name in overrides),
      readOnly: !def.honoured,
      synonyms,
      type: ConfigType[def.type],
      documentation: def.documentation,
    };
  });
}

/** Whether APPEND and SUBTRACT apply (Kafka: list-type configs only). */
export function isListConfig(name: string): boolean {
  return TOPIC_CONFIGS[name]?.type === 'LIST';
}

/** A list config's items as APPEND and SUBTRACT see them: `value` (the override), else the default. */
export function listItems(name: string, value: string | undefined): string[] {
  return items(value ?? TOPIC_CONFIGS[name].default);
}

/**
 * Kafka's bound on producer timestamps (KIP-937), for CreateTime topics: a batch stamped
 * further than message.timestamp.before.max.ms behind the broker's clock or after.max.ms
 * ahead of it is refused (INVALID_TIMESTAMP); each of the two left at its default (never)
 * falls back to message.timestamp.difference.max.ms, as Kafka 3.9 does. Kafka checks every
 * record; this reads the batch header's first and max timestamps (what Kafka's producers set
 * from the records), so a record older than the first of its batch is not caught. Returns
 * the reason, or null.
 */
export function timestampProblem(config: (name: string) => string, batches: Buffer[], now: number): string | null {
  if (config('message.timestamp.type') !== 'CreateTime') return null;
  const difference = config('message.timestamp.difference.max.ms');
  const bound = (v: string) => {
    const n = BigInt(v === LONG_MAX_TEXT ? difference : v);
    return n >= BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(n);
  };
  const before = bound(config('message.timestamp.before.max.ms'));
  const after = bound(config('message.timestamp.after.max.ms'));
  if (before === Infinity && after === Infinity) return null;
  for (const batch of batches) {
    for (const at of [OFF.baseTimestamp, OFF.maxTimestamp]) {
      const ts = Number(batch.readBigInt64BE(at));
      if (ts < 0) continue; // -1: no timestamp, which Kafka does not check
      if (now - ts > before || ts - now > after) {
        const edge = (x: number) => (Number.isFinite(x) ? String(x) : 'unbounded');
        return `Timestamp ${ts} is out of range. The timestamp should be within [${edge(now - before)}, ${edge(now + after)}]`;
      }
    }
  }
  return null;
}

/** Kafka's topic name rules. Returns the reason a name is invalid, or null. */
export function topicNameProblem(name: string): string | null {
  if (name.length === 0) return 'Topic name is illegal, it can\'t be empty';
  if (name === '.' || name === '..') return 'Topic name cannot be "." or ".."';
  if (name.length > 249) return `Topic name is illegal, it can't be longer than 249 characters, topic name: ${name}`;
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) {
    return `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`;
  }
  return null;
}
