// The broker resource of DescribeConfigs: Kafka's common broker configs with this broker's
// values. All are read-only: they come from flags at start, nothing is dynamic. A value is
// reported as a static broker config (source 4) when it is not Kafka's default — set by a
// flag, or fixed by what this broker is (one replica, no compaction) — else as the default
// (source 5). Kafka lists every one of its ~300 broker configs; this lists the ones a
// client or an operator looks at.
import { ConfigSource, ConfigType, type ConfigTypeName } from '../protocol/32-describe-configs';
import type { BrokerConfig } from './config';
import type { Listener } from './security/listeners';
import type { ConfigSynonym } from './topic-config';

/** What the broker resource reports from: the settings and the node's listeners as bound. */
export interface BrokerView {
  config: BrokerConfig;
  nodeId: number;
  /** This node's listeners, ports resolved (a port 0 flag binds a free one). */
  listeners: Listener[];
  /** The host clients are told to reach each listener on, in the same order. */
  advertisedHosts: string[];
}

interface BrokerSetting {
  name: string;
  type: ConfigTypeName;
  value(v: BrokerView): string | null;
  /** Kafka's default (this broker's own where Kafka has none, e.g. log.retention.ms); null: none. */
  default: string | null;
  documentation: string;
}

const hostPort = (host: string, port: number) => `${host.includes(':') ? `[${host}]` : host}:${port}`;
const c = (f: (b: BrokerConfig) => string | number | boolean) => (v: BrokerView) => String(f(v.config));
const fixed = (value: string) => () => value;

const SETTINGS: BrokerSetting[] = [
  { name: 'advertised.listeners', type: 'STRING', value: (v) => v.listeners.map((l, i) => `${l.protocol}://${hostPort(v.advertisedHosts[i], l.port)}`).join(','), default: null, documentation: 'The listeners as clients are told to reach them (Metadata answers these).' },
  { name: 'auto.create.topics.enable', type: 'BOOLEAN', value: c((b) => b.autoCreateTopicsEnable), default: 'true', documentation: 'Whether Metadata for an unknown topic creates it.' },
  { name: 'broker.id', type: 'INT', value: (v) => String(v.nodeId), default: '-1', documentation: 'This broker\'s id.' },
  { name: 'compression.type', type: 'STRING', value: fixed('producer'), default: 'producer', documentation: 'Topics\' default compression: producer stores batches as they were sent.' },
  { name: 'connections.max.idle.ms', type: 'LONG', value: c((b) => b.connectionsMaxIdleMs), default: '600000', documentation: 'A connection silent this long is closed.' },
  { name: 'default.replication.factor', type: 'INT', value: fixed('1'), default: '1', documentation: 'The replication factor of topics created without one (this broker keeps one replica).' },
  { name: 'delete.topic.enable', type: 'BOOLEAN', value: fixed('true'), default: 'true', documentation: 'Whether topics can be deleted.' },
  { name: 'fetch.max.bytes', type: 'INT', value: c((b) => b.fetchMaxBytes), default: '57671680', documentation: 'The most bytes one Fetch answer carries.' },
  { name: 'group.initial.rebalance.delay.ms', type: 'INT', value: c((b) => b.groupInitialRebalanceDelayMs), default: '3000', documentation: 'How long a new group waits for more members before its first rebalance.' },
  { name: 'group.max.session.timeout.ms', type: 'INT', value: c((b) => b.groupMaxSessionTimeoutMs), default: '1800000', documentation: 'The longest session timeout a member may ask for.' },
  { name: 'group.max.size', type: 'INT', value: fixed('2147483647'), default: '2147483647', documentation: 'The most members a group may have (no limit here).' },
  { name: 'group.min.session.timeout.ms', type: 'INT', value: c((b) => b.groupMinSessionTimeoutMs), default: '6000', documentation: 'The shortest session timeout a member may ask for.' },
  { name: 'listeners', type: 'STRING', value: (v) => v.listeners.map((l) => `${l.protocol}://${hostPort(l.host, l.port)}`).join(','), default: 'PLAINTEXT://:9092', documentation: 'The addresses this broker listens on, with their security protocols.' },
  { name: 'log.cleaner.enable', type: 'BOOLEAN', value: fixed('false'), default: 'true', documentation: 'Whether compaction runs (it is not implemented by the embedded broker).' },
  { name: 'log.cleanup.policy', type: 'LIST', value: fixed('delete'), default: 'delete', documentation: 'Topics\' default cleanup.policy.' },
  { name: 'log.dirs', type: 'STRING', value: c((b) => b.dataDir), default: null, documentation: 'Where partitions are stored.' },
  { name: 'log.flush.offset.checkpoint.interval.ms', type: 'INT', value: c((b) => b.logFlushOffsetCheckpointIntervalMs), default: '60000', documentation: 'How often each partition\'s recovery point is written down.' },
  { name: 'log.index.interval.bytes', type: 'INT', value: c((b) => b.logIndexIntervalBytes), default: '4096', documentation: 'Topics\' default index.interval.bytes.' },
  { name: 'log.index.size.max.bytes', type: 'INT', value: fixed('10485760'), default: '10485760', documentation: 'Topics\' default segment.index.bytes.' },
  { name: 'log.message.timestamp.type', type: 'STRING', value: fixed('CreateTime'), default: 'CreateTime', documentation: 'Topics\' default message.timestamp.type.' },
  { name: 'log.retention.bytes', type: 'LONG', value: c((b) => b.logRetentionBytes), default: '-1', documentation: 'Topics\' default retention.bytes.' },
  { name: 'log.retention.check.interval.ms', type: 'LONG', value: c((b) => b.logRetentionCheckIntervalMs), default: '300000', documentation: 'How often segments past their retention are looked for.' },
  { name: 'log.retention.hours', type: 'INT', value: fixed('168'), default: '168', documentation: 'Topics\' default retention in hours, used only where log.retention.ms is not set (here it always is).' },
  { name: 'log.retention.ms', type: 'LONG', value: c((b) => b.logRetentionMs), default: '604800000', documentation: 'Topics\' default retention.ms.' },
  { name: 'log.segment.bytes', type: 'INT', value: c((b) => b.logSegmentBytes), default: '1073741824', documentation: 'Topics\' default segment.bytes.' },
  { name: 'max.connections', type: 'INT', value: c((b) => b.maxConnections), default: '2147483647', documentation: 'The most client connections open at once.' },
  { name: 'message.max.bytes', type: 'INT', value: c((b) => b.messageMaxBytes), default: '1048588', documentation: 'Topics\' default max.message.bytes.' },
  { name: 'min.insync.replicas', type: 'INT', value: fixed('1'), default: '1', documentation: 'Topics\' default min.insync.replicas.' },
  { name: 'node.id', type: 'INT', value: (v) => String(v.nodeId), default: '-1', documentation: 'This node\'s id (KRaft\'s name for broker.id).' },
  { name: 'num.partitions', type: 'INT', value: c((b) => b.numPartitions), default: '1', documentation: 'The partition count of topics created without one.' },
  { name: 'offsets.topic.num.partitions', type: 'INT', value: c((b) => b.offsetsTopicNumPartitions), default: '50', documentation: 'Partitions of __consumer_offsets when it is created.' },
  { name: 'offsets.topic.replication.factor', type: 'SHORT', value: fixed('1'), default: '3', documentation: 'Replication factor of __consumer_offsets (one replica here).' },
  { name: 'queued.max.request.bytes', type: 'LONG', value: c((b) => b.queuedMaxRequestBytes), default: '-1', documentation: 'Bytes of requests one connection may have waiting before the broker stops reading it.' },
  { name: 'sasl.enabled.mechanisms', type: 'LIST', value: c((b) => b.saslEnabledMechanisms), default: 'GSSAPI', documentation: 'The SASL mechanisms offered on SASL listeners.' },
  { name: 'sasl.server.max.receive.size', type: 'INT', value: c((b) => b.saslServerMaxReceiveSize), default: '524288', documentation: 'The largest frame accepted before SASL authentication.' },
  { name: 'socket.request.max.bytes', type: 'INT', value: c((b) => b.socketRequestMaxBytes), default: '104857600', documentation: 'The largest request accepted.' },
  { name: 'unclean.leader.election.enable', type: 'BOOLEAN', value: fixed('false'), default: 'false', documentation: 'Topics\' default unclean.leader.election.enable.' },
];

export interface BrokerConfigEntry {
  name: string;
  value: string | null;
  source: number;
  synonyms: ConfigSynonym[];
  /** ConfigType id. */
  type: number;
  documentation: string;
}

/** Every reported broker config, by name. */
export function describeBrokerConfigs(view: BrokerView): BrokerConfigEntry[] {
  return SETTINGS.map((s) => {
    const value = s.value(view);
    const synonyms: ConfigSynonym[] = [];
    if (value !== s.default) synonyms.push({ name: s.name, value, source: ConfigSource.STATIC_BROKER_CONFIG });
    if (s.default !== null) synonyms.push({ name: s.name, value: s.default, source: ConfigSource.DEFAULT_CONFIG });
    return { name: s.name, value, source: synonyms[0]?.source ?? ConfigSource.DEFAULT_CONFIG, synonyms, type: ConfigType[s.type], documentation: s.documentation };
  });
}
