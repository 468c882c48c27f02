// The topic configs this broker honours, with Kafka's names, defaults and checks.
// DescribeConfigs reports every one (source: default or topic override); AlterConfigs and
// CreateTopics accept only these and reject bad values with INVALID_CONFIG and a reason.
import { ErrorCode, KafkaError } from '../protocol/errors';
import type { BrokerConfig } from './config';

interface ConfigDef {
  /** The broker-wide default, from the broker's own settings. */
  fallback(b: BrokerConfig): string;
  check(value: string): string | null; // a reason, or null when valid
}

const long = (min: number) => (v: string) =>
  /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v)) && Number(v) >= min ? null : `must be an integer ≥ ${min}`;
/** A Kafka long in a range: Long.MAX_VALUE (Kafka's "never") is accepted though a JS number cannot hold it exactly. */
const longIn = (min: number, max: bigint) => (v: string) => {
  if (!/^-?\d+$/.test(v)) return `must be an integer between ${min} and ${max}`;
  const n = BigInt(v);
  return n >= BigInt(min) && n <= max ? null : `must be an integer between ${min} and ${max}`;
};
const LONG_MAX = 9223372036854775807n;
const oneOf = (...allowed: string[]) => (v: string) => (allowed.includes(v) ? null : `must be one of ${allowed.join(', ')}`);

export const TOPIC_CONFIGS: Record<string, ConfigDef> = {
  'retention.ms': { fallback: (b) => String(b.logRetentionMs), check: long(-1) },
  'retention.bytes': { fallback: (b) => String(b.logRetentionBytes), check: long(-1) },
  // file positions are int32 in the indexes, as in Kafka 3.x
  'segment.bytes': { fallback: (b) => String(b.logSegmentBytes), check: longIn(14, 2147483647n) },
  'cleanup.policy': {
    fallback: () => 'delete',
    // compaction is not implemented (UNSUPPORTED.md): accepting it would promise what we do not do
    check: (v) => (v === 'delete' ? null : v === 'compact' || v === 'compact,delete' || v === 'delete,compact' ? 'compaction is not supported by the embedded broker; only delete' : 'must be delete'),
  },
  'max.message.bytes': { fallback: (b) => String(b.messageMaxBytes), check: long(0) },
  'message.timestamp.type': { fallback: () => 'CreateTime', check: oneOf('CreateTime', 'LogAppendTime') },
  'min.insync.replicas': { fallback: () => '1', check: (v) => (v === '1' ? null : 'must be 1 on a one-broker cluster') },
  'segment.index.bytes': { fallback: () => '10485760', check: long(4) },
  'index.interval.bytes': { fallback: (b) => String(b.logIndexIntervalBytes), check: long(0) },
  // fsync after this many records / this long; Kafka's default (Long.MAX_VALUE) leaves it to the OS and the roll
  'flush.messages': { fallback: () => String(LONG_MAX), check: longIn(1, LONG_MAX) },
  'flush.ms': { fallback: () => String(LONG_MAX), check: longIn(0, LONG_MAX) },
};

export function validateTopicConfigs(configs: Record<string, string | null>): void {
  for (const [name, value] of Object.entries(configs)) {
    const def = TOPIC_CONFIGS[name];
    if (!def) throw new KafkaError(ErrorCode.INVALID_CONFIG, `Unknown topic config name: ${name}`);
    if (value === null) continue;
    const reason = def.check(value);
    if (reason) throw new KafkaError(ErrorCode.INVALID_CONFIG, `Invalid value ${value} for configuration ${name}: ${reason}`);
  }
}

export function effectiveConfig(b: BrokerConfig, overrides: Record<string, string>, name: string): string {
  return overrides[name] ?? TOPIC_CONFIGS[name].fallback(b);
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
