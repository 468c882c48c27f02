// Broker settings, named as Kafka names them (`--num-partitions` for num.partitions), so a
// test or a person can carry their habits over.
export interface BrokerConfig {
  host: string;
  port: number;
  dataDir: string;
  nodeId: number;
  /** Nodes run in this process (ids nodeId, nodeId+1, …), each on its own ports. */
  nodes: number;
  numPartitions: number;
  autoCreateTopicsEnable: boolean;
  messageMaxBytes: number;
  socketRequestMaxBytes: number;
  logSegmentBytes: number;
  logRetentionMs: number;
  logRetentionBytes: number;
  logRetentionCheckIntervalMs: number;
  logIndexIntervalBytes: number;
  maxOpenFiles: number;
  /** Largest frame before SASL authentication (Kafka's sasl.server.max.receive.size). */
  saslServerMaxReceiveSize: number;
  /** Open client connections at most, over every listener (Kafka's max.connections; ours is finite). */
  maxConnections: number;
  /** A connection silent this long is closed (Kafka's connections.max.idle.ms). */
  connectionsMaxIdleMs: number;
  /** Received requests one connection may have waiting (bytes) before the broker stops reading it. */
  queuedMaxRequestBytes: number;
  /** Answers one connection may have unsent (bytes) before the broker stops reading it. */
  maxUnsentResponseBytes: number;
  /** Bytes of reusable frame buffers kept between requests (frame-pool.ts); 0 = none kept. */
  framePoolBytes: number;
  /** Array elements one request may declare in all (topics, partitions, groups …). */
  maxRequestElements: number;
  /**
   * Highest version served per API key, below what the broker can do: to stand in for an
   * older Kafka (e.g. {9: 7}: OffsetFetch without batched groups, as before Kafka 3.0).
   */
  apiVersionCaps?: Record<number, number>;
  /** Partitions over all topics (each costs memory while it exists); more are refused with POLICY_VIOLATION. */
  maxPartitions: number;
  /** The most one Fetch answer carries (Kafka's fetch.max.bytes, 55 MiB). */
  fetchMaxBytes: number;
  /** A compressed batch may not inflate past this while it is validated (a decompression bomb is refused). */
  maxDecompressedBatchBytes: number;
  /** How often each partition's recovery point is written to `recovery-point-offset-checkpoint` (Kafka's log.flush.offset.checkpoint.interval.ms). */
  logFlushOffsetCheckpointIntervalMs: number;
  groupMinSessionTimeoutMs: number;
  groupMaxSessionTimeoutMs: number;
  groupInitialRebalanceDelayMs: number;
  // KIP-848 consumer groups (group.protocol=consumer): the coordinator, not the member,
  // sets the session timeout and the heartbeat interval.
  /** A member silent this long is removed (group.consumer.session.timeout.ms). */
  groupConsumerSessionTimeoutMs: number;
  groupConsumerMinSessionTimeoutMs: number;
  groupConsumerMaxSessionTimeoutMs: number;
  /** How often members are told to heartbeat (group.consumer.heartbeat.interval.ms). */
  groupConsumerHeartbeatIntervalMs: number;
  groupConsumerMinHeartbeatIntervalMs: number;
  groupConsumerMaxHeartbeatIntervalMs: number;
  /** Members one consumer group may have; a member past it gets GROUP_MAX_SIZE_REACHED (group.consumer.max.size; Kafka's default is unbounded). */
  groupConsumerMaxSize: number;
  /** Server-side assignors, the first the default (group.consumer.assignors). */
  groupConsumerAssignors: string;
  /** Partitions of `__consumer_offsets` when it is first created (Kafka's offsets.topic.num.partitions). */
  offsetsTopicNumPartitions: number;
  /** Host to advertise; default: the address each client connected to. */
  advertisedHost: string | null;
  /** `PLAINTEXT://h:p,SASL_SSL://h:p`; empty = one PLAINTEXT listener on host:port. */
  listeners: string;
  /** `name:password,…` SASL users (for SASL_* listeners). */
  saslUsers: string;
  /** A file of `name:password` lines. */
  saslUsersFile: string;
  saslEnabledMechanisms: string;
  /** PEM files for SSL listeners; empty = a CA and certificate made under <data dir>/tls. */
  sslCertFile: string;
  sslKeyFile: string;
}

export const DEFAULTS: BrokerConfig = {
  host: '127.0.0.1',
  port: 9092,
  dataDir: './data',
  nodeId: 0,
  nodes: 1,
  numPartitions: 1,
  autoCreateTopicsEnable: true,
  messageMaxBytes: 1048588,
  socketRequestMaxBytes: 104857600,
  logSegmentBytes: 1073741824,
  logRetentionMs: 604800000,
  logRetentionBytes: -1,
  logRetentionCheckIntervalMs: 300000,
  logIndexIntervalBytes: 4096,
  maxOpenFiles: 1000,
  saslServerMaxReceiveSize: 524288,
  maxConnections: 1000,
  connectionsMaxIdleMs: 600000,
  queuedMaxRequestBytes: 16777216,
  maxUnsentResponseBytes: 16777216,
  framePoolBytes: 67108864,
  maxRequestElements: 100000,
  maxPartitions: 100000,
  fetchMaxBytes: 57671680,
  maxDecompressedBatchBytes: 67108864,
  logFlushOffsetCheckpointIntervalMs: 60000,
  groupMinSessionTimeoutMs: 6000,
  groupMaxSessionTimeoutMs: 1800000,
  groupInitialRebalanceDelayMs: 0,
  groupConsumerSessionTimeoutMs: 45000,
  groupConsumerMinSessionTimeoutMs: 45000,
  groupConsumerMaxSessionTimeoutMs: 60000,
  groupConsumerHeartbeatIntervalMs: 5000,
  groupConsumerMinHeartbeatIntervalMs: 5000,
  groupConsumerMaxHeartbeatIntervalMs: 15000,
  groupConsumerMaxSize: 1000,
  groupConsumerAssignors: 'uniform,range',
  offsetsTopicNumPartitions: 50,
  advertisedHost: null,
  listeners: '',
  saslUsers: '',
  saslUsersFile: '',
  saslEnabledMechanisms: 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
  sslCertFile: '',
  sslKeyFile: '',
};

const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
const FLAGS = new Map<string, keyof BrokerConfig>(Object.keys(DEFAULTS).map((k) => [kebab(k), k as keyof BrokerConfig]));
// Kafka's own spellings for the settings whose names differ from the field names.
FLAGS.set('auto-create-topics', 'autoCreateTopicsEnable');
FLAGS.set('log-dir', 'dataDir');
FLAGS.set('log-dirs', 'dataDir');
FLAGS.set('broker-id', 'nodeId');
FLAGS.set('listener', 'listeners');
FLAGS.set('sasl-user', 'saslUsers');

/** Parses `--name value` / `--name=value` flags. Unknown flags and bad values throw with the reason. */
export function parseBrokerArgs(argv: string[], base: Partial<BrokerConfig> = {}): BrokerConfig {
  const defined = Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined));
  const cfg: BrokerConfig = { ...DEFAULTS, ...defined };
  const given = new Set<keyof BrokerConfig>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    let [name, value] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const key = FLAGS.get(name);
    if (!key) throw new Error(`unknown option --${name} (known: ${[...FLAGS.keys()].map((f) => '--' + f).join(', ')})`);
    const kind = typeof DEFAULTS[key];
    if (value === undefined) {
      if (kind === 'boolean' && (argv[i + 1] === undefined || argv[i + 1].startsWith('--'))) value = 'true';
      else value = argv[++i];
    }
    if (value === undefined) throw new Error(`--${name} needs a value`);
    if (kind === 'boolean') {
      if (value !== 'true' && value !== 'false') throw new Error(`--${name} must be true or false`);
      (cfg as unknown as Record<string, unknown>)[key] = value === 'true';
    } else if (kind === 'number') {
      const n = Number(value);
      if (!Number.isSafeInteger(n)) throw new Error(`--${name} must be an integer, got ${value}`);
      (cfg as unknown as Record<string, unknown>)[key] = n;
    } else if ((key === 'listeners' || key === 'saslUsers') && given.has(key)) {
      cfg[key] = `${cfg[key]},${value}`; // --listener and --sasl-user may be repeated
    } else {
      (cfg as unknown as Record<string, unknown>)[key] = value;
    }
    given.add(key);
  }
  if (cfg.port < 0 || cfg.port > 65535) throw new Error(`--port must be 0–65535`);
  if (cfg.nodes < 1 || cfg.nodes > 16) throw new Error('--nodes must be 1–16');
  // file positions are int32 in the indexes, as in Kafka 3.x
  if (cfg.logSegmentBytes < 14 || cfg.logSegmentBytes > 2147483647) throw new Error('--log-segment-bytes must be 14–2147483647');
  checkConsumerGroupConfig(cfg);
  return cfg;
}

/** Known server-side assignors (server/broker/groups/consumer/assignors/). */
export const SERVER_ASSIGNORS = ['uniform', 'range'];

/** Kafka's GroupCoordinatorConfig checks on the group.consumer.* settings, with its wording's gist. */
export function checkConsumerGroupConfig(cfg: BrokerConfig): void {
  const within = (name: string, v: number, min: number, max: number) => {
    if (v < min || v > max) throw new Error(`--${name} must be between --${name.replace('group-consumer-', 'group-consumer-min-')} (${min}) and --${name.replace('group-consumer-', 'group-consumer-max-')} (${max}), got ${v}`);
  };
  if (cfg.groupConsumerMinSessionTimeoutMs < 1 || cfg.groupConsumerMinHeartbeatIntervalMs < 1) throw new Error('the consumer group minimum session timeout and heartbeat interval must be at least 1 ms');
  within('group-consumer-session-timeout-ms', cfg.groupConsumerSessionTimeoutMs, cfg.groupConsumerMinSessionTimeoutMs, cfg.groupConsumerMaxSessionTimeoutMs);
  within('group-consumer-heartbeat-interval-ms', cfg.groupConsumerHeartbeatIntervalMs, cfg.groupConsumerMinHeartbeatIntervalMs, cfg.groupConsumerMaxHeartbeatIntervalMs);
  if (cfg.groupConsumerHeartbeatIntervalMs >= cfg.groupConsumerSessionTimeoutMs) {
    throw new Error(`--group-consumer-heartbeat-interval-ms (${cfg.groupConsumerHeartbeatIntervalMs}) must be below --group-consumer-session-timeout-ms (${cfg.groupConsumerSessionTimeoutMs})`);
  }
  if (cfg.groupConsumerMaxSize < 1) throw new Error('--group-consumer-max-size must be at least 1');
  const assignors = cfg.groupConsumerAssignors.split(',').map((a) => a.trim());
  const unknown = assignors.filter((a) => !SERVER_ASSIGNORS.includes(a));
  if (assignors.length === 0 || unknown.length > 0) throw new Error(`--group-consumer-assignors: unknown assignor(s) ${unknown.join(', ') || '(none given)'}; known: ${SERVER_ASSIGNORS.join(', ')}`);
}
