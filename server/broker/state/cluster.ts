// The one owner of the broker's mutable state: topics, their partitions' logs and configs,
// the cluster id, and (through `groups`) the consumer groups and their committed offsets.
// Handlers ask it; none of them touches files or maps directly.
// Layout under the data dir:
//   meta.properties              cluster.id and node.id (kept across restarts)
//   .topics/<topic>.json         partition count, topic id, config overrides
//   <topic>-<partition>/         segments (see log/partition-log.ts)
//   __consumer_offsets-<n>/      the group coordinator's records (see groups/offsets-topic.ts)
//   .topics/<topic>.del          a deletion under way: finished at the next start if it was cut short
//   recovery-point-offset-checkpoint  per partition, the offset below which all was fsynced
//   .clean-shutdown              present only while stopped cleanly
// Every metadata file is replaced whole and fsynced (log/durable-file.ts). A metadata file
// that cannot be read never costs data: the topic is recovered from its directories.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import type { BrokerConfig } from '../config';
import { GroupCoordinator } from '../groups/coordinator';
import { OFFSETS_TOPIC } from '../groups/offsets-topic';
import { fsyncDir, removeDurably, writeFileDurably } from '../log/durable-file';
import { FdCache } from '../log/fd-cache';
import { PartitionLog, type LogConfig, type RecoveryInfo } from '../log/partition-log';
import { checkpointKey, formatCheckpoint, parseCheckpoint } from '../log/recovery-checkpoint';
import { describeTopicConfigs, effectiveConfig, topicNameProblem, validateTopicConfigs, type TopicConfigEntry } from '../topic-config';

const CLEAN_SHUTDOWN = '.clean-shutdown';
const CHECKPOINT = 'recovery-point-offset-checkpoint';
const DELETING = '.del'; // short: <249-character name>.del still fits in 255 bytes

export interface Topic {
  name: string;
  id: string;
  internal: boolean;
  configs: Record<string, string>;
  partitions: PartitionLog[];
}

interface TopicFile {
  name: string;
  id: string;
  partitions: number;
  internal?: boolean;
  configs: Record<string, string>;
}

export class ClusterState {
  readonly topics = new Map<string, Topic>();
  readonly fds: FdCache;
  readonly groups: GroupCoordinator;
  clusterId = '';
  /** Which versions of each API clients have sent (bounded: APIs × versions), for tests and diagnosis. */
  readonly versionsSeen = new Map<number, Set<number>>();
  /** Requests answered per API key since start (for benches and tests that count a dashboard's requests). */
  readonly requestsServed = new Map<number, number>();
  private readonly timers: NodeJS.Timeout[] = [];
  /** What the last stop left (clean or not, recovery points), used while opening logs at start. */
  private startup: { clean: boolean; points: Map<string, number> } | null = null;
  /** Recovery points of partitions not opened in this run, carried into the next checkpoint. */
  private carriedPoints = new Map<string, number>();
  /** Deletions a crash cut short: their committed offsets are dropped once groups are loaded. */
  private pendingDeletions: string[] = [];
  /** Topics by their name with '.' read as '_' (Kafka refuses a name that collides so in metrics). */
  private readonly byCollisionKey = new Map<string, string>();
  /** Topics by id (lower-case UUID text): Fetch v13+ and Metadata v12 name topics by id. */
  private readonly byId = new Map<string, Topic>();
  /** Bumped when a topic is created or deleted or gains partitions (consumer groups notice on their next heartbeat). */
  private topicsVersion = 0;
  /** Partitions over every topic, held against --max-partitions. */
  private partitionTotal = 0;
  private partitionRefusalLoggedAt = 0;

  constructor(
    readonly config: BrokerConfig,
    readonly log: (msg: string) => void = (m) => console.error(m),
  ) {
    this.fds = new FdCache(config.maxOpenFiles);
    this.groups = new GroupCoordinator(
      {
        offsetsTopicLogs: () => this.topics.get(OFFSETS_TOPIC)?.partitions ?? [],
        hasPartition: (topic, p) => this.partition(topic, p) !== undefined,
        topics: {
          topic: (name) => {
            const t = this.topics.get(name);
            return t && { id: t.id, partitions: t.partitions.length, internal: t.internal };
          },
          nameOf: (id) => this.topicById(id)?.name,
          names: () => [...this.topics.keys()],
          version: () => this.topicsVersion,
        },
      },
      config,
      log,
    );
  }

  private get topicsDir(): string {
    return path.join(this.config.dataDir, '.topics');
  }

  load(): void {
    fs.mkdirSync(this.topicsDir, { recursive: true });
    const metaPath = path.join(this.config.dataDir, 'meta.properties');
    const meta = fs.existsSync(metaPath) ? fs.readFileSync(metaPath, 'utf8') : '';
    this.clusterId = /^cluster\.id=(.+)$/m.exec(meta)?.[1] ?? crypto.randomBytes(16).toString('base64url').slice(0, 22);
    if (!/^cluster\.id=/m.test(meta)) writeFileDurably(metaPath, `cluster.id=${this.clusterId}\nnode.id=${this.config.nodeId}\nversion=1\n`);

    const marker = path.join(this.config.dataDir, CLEAN_SHUTDOWN);
    const clean = fs.existsSync(marker);
    const points = this.readCheckpoint();
    this.carriedPoints = new Map(points);
    this.startup = { clean, points };

    this.finishDeletions();
    for (const f of fs.readdirSync(this.topicsDir)) {
      if (!f.endsWith('.json')) continue;
      const name = f.slice(0, -'.json'.length);
      const t = this.readTopicFile(path.join(this.topicsDir, f), name);
      if (t) this.addTopic(t);
      else this.recoverTopic(name, `its metadata file ${path.join('.topics', f)} is unreadable`);
    }
    this.recoverOrphans();

    // Like Kafka: without the marker a clean stop leaves, the last stop may have torn a
    // write, so every partition is checked now (from its recovery point) rather than on first use.
    if (clean) removeDurably(marker);
    else if (this.topics.size > 0) {
      this.log(`no clean-shutdown marker in ${this.config.dataDir}: checking every partition from its recovery point`);
      for (const t of this.topics.values()) for (const p of t.partitions) void p.logEndOffset;
      this.writeCheckpoint();
    }
    this.startup = null;
    this.ensureOffsetsTopic();
    const every = (ms: number, fn: () => void) => {
      if (ms <= 0) return;
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.config.logRetentionCheckIntervalMs, () => this.enforceRetention());
    every(this.config.logFlushOffsetCheckpointIntervalMs, () => this.writeCheckpoint());
    every(1000, () => this.flushDue()); // flush.ms
  }

  private readCheckpoint(): Map<string, number> {
    const file = path.join(this.config.dataDir, CHECKPOINT);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return new Map();
    }
    const points = parseCheckpoint(text);
    if (points) return points;
    this.log(`${file} is unreadable: every segment of every partition is checked after an unclean stop`);
    return new Map();
  }

  /** Every partition's recovery point, replaced whole and fsynced. */
  writeCheckpoint(): void {
    const points = new Map(this.carriedPoints);
    for (const t of this.topics.values()) {
      t.partitions.forEach((log, p) => {
        const rp = log.recoveryPoint;
        if (rp !== null) points.set(checkpointKey(t.name, p), rp);
      });
    }
    for (const key of [...points.keys()]) {
      const [topic, p] = key.split('\u0000');
      if (!this.topics.get(topic)?.partitions[Number(p)]) points.delete(key);
    }
    try {
      writeFileDurably(path.join(this.config.dataDir, CHECKPOINT), formatCheckpoint(points));
    } catch (e) {
      this.log(`could not write the recovery checkpoint: ${(e as Error).message}`);
    }
  }

  private flushDue(): void {
    const now = Date.now();
    this.eachLog('flush', (log) => log.flushIfDue(now));
  }

  /** Runs a periodic job on every partition's log; one that fails is logged and the others go on. */
  private eachLog(what: string, fn: (log: PartitionLog) => void): void {
    for (const t of this.topics.values()) {
      for (const log of t.partitions) {
        try {
          fn(log);
        } catch (e) {
          this.log(`${what} on ${log.dir} failed: ${(e as Error).message}`);
        }
      }
    }
  }

  /** A topic file, checked field by field; null when it cannot be used. */
  private readTopicFile(file: string, name: string): TopicFile | null {
    try {
      const t = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<TopicFile>;
      const ok =
        t.name === name &&
        typeof t.id === 'string' &&
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t.id) && // sent as 16 bytes in Metadata v10+ and Fetch v13+
        Number.isInteger(t.partitions) &&
        (t.partitions as number) >= 1 &&
        typeof t.configs === 'object' &&
        t.configs !== null &&
        Object.values(t.configs).every((v) => typeof v === 'string');
      return ok ? (t as TopicFile) : null;
    } catch {
      return null;
    }
  }

  /** Partition numbers with a directory on disk, by topic name. */
  private partitionDirs(): Map<string, number[]> {
    const byTopic = new Map<string, number[]>();
    for (const e of fs.readdirSync(this.config.dataDir, { withFileTypes: true })) {
      const m = /^(.+)-(\d+)$/.exec(e.name);
      if (!e.isDirectory() || !m || topicNameProblem(m[1])) continue;
      byTopic.set(m[1], [...(byTopic.get(m[1]) ?? []), Number(m[2])]);
    }
    return byTopic;
  }

  /**
   * A topic whose metadata is lost comes back from its partition directories (its config
   * overrides fall back to the defaults); nothing on disk is deleted for want of metadata.
   */
  private recoverTopic(name: string, why: string, dirs = this.partitionDirs().get(name) ?? []): void {
    const internal = name === OFFSETS_TOPIC;
    const fromDirs = dirs.length ? Math.max(...dirs) + 1 : 0;
    // __consumer_offsets places groups by hash % partitions: its count must not shrink
    const partitions = Math.max(fromDirs, internal ? this.config.offsetsTopicNumPartitions : 0, 1);
    const configs: Record<string, string> = internal ? { 'retention.ms': '-1', 'retention.bytes': '-1' } : {};
    const topic = this.addTopic({ name, id: crypto.randomUUID(), partitions, internal: internal || undefined, configs });
    this.save(topic);
    this.log(`${why}: recovered topic ${name} with ${partitions} partition(s) from the directories on disk${internal ? '' : '; its config overrides are lost, defaults apply'}`);
  }

  private recoverOrphans(): void {
    for (const [name, dirs] of this.partitionDirs()) {
      if (this.topics.has(name)) continue;
      this.recoverTopic(name, `partition directories of ${name} have no metadata file`, dirs);
    }
  }

  /** Deletions cut short by a crash: their directories go now, their committed offsets once groups are loaded. */
  private finishDeletions(): void {
    for (const f of fs.readdirSync(this.topicsDir)) {
      if (!f.endsWith(DELETING)) continue;
      const name = f.slice(0, -DELETING.length);
      let partitions = 0;
      try {
        partitions = (JSON.parse(fs.readFileSync(path.join(this.topicsDir, f), 'utf8')) as TopicFile).partitions;
      } catch {
        // unreadable: the directories on disk say which partitions there were
      }
      const dirs = this.partitionDirs().get(name) ?? [];
      for (let p = 0; p < Math.max(partitions, dirs.length ? Math.max(...dirs) + 1 : 0); p++) removeDurably(path.join(this.config.dataDir, `${name}-${p}`));
      removeDurably(path.join(this.topicsDir, `${name}.json`));
      this.pendingDeletions.push(name);
      this.log(`finishing the deletion of topic ${name}, cut short by the last stop`);
    }
  }

  /**
   * `__consumer_offsets` exists from the first start: internal, never deleted, and kept
   * whole (retention off: without compaction, deleting old segments would lose the last
   * commit of a quiet group).
   */
  private ensureOffsetsTopic(): void {
    const existing = this.topics.get(OFFSETS_TOPIC);
    if (existing) {
      if (!existing.internal) {
        existing.internal = true;
        this.save(existing);
      }
      return;
    }
    this.createTopic(OFFSETS_TOPIC, this.config.offsetsTopicNumPartitions, 1, { 'retention.ms': '-1', 'retention.bytes': '-1' }, { internal: true });
  }

  /** Rebuilds consumer groups and committed offsets from `__consumer_offsets`, then ends deletions a crash cut short. */
  async loadGroups(): Promise<void> {
    await this.groups.load();
    for (const name of this.pendingDeletions.splice(0)) {
      this.groups.onTopicDeleted(name);
      removeDurably(path.join(this.topicsDir, `${name}${DELETING}`));
    }
  }

  private addTopic(t: TopicFile): Topic {
    const topic: Topic = { name: t.name, id: t.id, internal: !!t.internal, configs: t.configs, partitions: [] };
    for (let p = 0; p < t.partitions; p++) topic.partitions.push(this.openLog(topic, p));
    this.topics.set(t.name, topic);
    this.byCollisionKey.set(collisionKey(t.name), t.name);
    this.byId.set(topic.id.toLowerCase(), topic);
    this.topicsVersion++;
    this.partitionTotal += t.partitions;
    return topic;
  }

  private openLog(topic: Topic, p: number): PartitionLog {
    // logs opened at start learn how the last stop went; logs made later start empty
    let recovery: RecoveryInfo = { cleanShutdown: true, recoveryPoint: null };
    if (this.startup) {
      const key = checkpointKey(topic.name, p);
      recovery = { cleanShutdown: this.startup.clean, recoveryPoint: this.startup.points.get(key) ?? null };
      this.carriedPoints.delete(key); // the log reports its own from now on
    }
    return new PartitionLog(path.join(this.config.dataDir, `${topic.name}-${p}`), () => this.logConfig(topic), this.fds, this.log, recovery);
  }

  private readonly logConfigs = new WeakMap<Record<string, string>, LogConfig>();

  /**
   * A topic's log settings, worked out once per version of its overrides: every append asks
   * for them, and an AlterConfigs replaces the overrides object (the broker's own settings
   * do not change while it runs).
   */
  logConfig(topic: Topic): LogConfig {
    const cached = this.logConfigs.get(topic.configs);
    if (cached) return cached;
    const get = (n: string) => Number(effectiveConfig(this.config, topic.configs, n));
    // Kafka's "never" is Long.MAX_VALUE, past what a JS number holds exactly
    const orNever = (v: number) => (v >= Number.MAX_SAFE_INTEGER ? Infinity : v);
    const config: LogConfig = {
      segmentBytes: get('segment.bytes'),
      retentionMs: get('retention.ms'),
      retentionBytes: get('retention.bytes'),
      indexIntervalBytes: get('index.interval.bytes'),
      flushMessages: orNever(get('flush.messages')),
      flushMs: orNever(get('flush.ms')),
    };
    this.logConfigs.set(topic.configs, config);
    return config;
  }

  topicConfig(topic: Topic, name: string): string {
    return effectiveConfig(this.config, topic.configs, name);
  }

  private save(topic: Topic): void {
    const file: TopicFile = {
      name: topic.name,
      id: topic.id,
      partitions: topic.partitions.length,
      internal: topic.internal || undefined,
      configs: topic.configs,
    };
    writeFileDurably(path.join(this.topicsDir, `${topic.name}.json`), JSON.stringify(file, null, 1));
  }

  /** The topic with this id (any case of hex), if it exists. */
  topicById(id: string): Topic | undefined {
    return this.byId.get(id.toLowerCase());
  }

  partition(topic: string, p: number): PartitionLog | undefined {
    return this.topics.get(topic)?.partitions[p];
  }

  /** Creates a topic; throws KafkaError with Kafka's code and message on any problem. */
  createTopic(
    name: string,
    partitions: number,
    replicationFactor: number,
    configs: Record<string, string | null> = {},
    opts: { validateOnly?: boolean; internal?: boolean } = {},
  ): Topic | null {
    const problem = topicNameProblem(name);
    if (problem) throw new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, problem);
    if (this.topics.has(name)) throw new KafkaError(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${name}' already exists.`);
    const collides = this.byCollisionKey.get(collisionKey(name));
    if (collides !== undefined) {
      throw new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic '${name}' collides with existing topic: ${collides}`);
    }
    if (partitions === -1) partitions = this.config.numPartitions;
    if (replicationFactor === -1) replicationFactor = 1;
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new KafkaError(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.');
    }
    this.checkPartitionRoom(partitions);
    if (replicationFactor < 1) {
      throw new KafkaError(ErrorCode.INVALID_REPLICATION_FACTOR, 'Replication factor must be larger than 0.');
    }
    if (replicationFactor > 1) {
      throw new KafkaError(
        ErrorCode.INVALID_REPLICATION_FACTOR,
        `Unable to replicate the partition ${replicationFactor} time(s): The target replication factor of ${replicationFactor} cannot be reached because only 1 broker(s) are registered.`,
      );
    }
    validateTopicConfigs(configs);
    if (opts.validateOnly) return null;
    const overrides: Record<string, string> = {};
    for (const [k, v] of Object.entries(configs)) if (v !== null) overrides[k] = v;
    const file: TopicFile = { name, id: crypto.randomUUID(), partitions, internal: opts.internal, configs: overrides };
    this.removeLeftovers(name, 0, partitions);
    const topic = this.addTopic(file);
    this.save(topic);
    return topic;
  }

  deleteTopic(name: string): void {
    const topic = this.topics.get(name);
    if (!topic) throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${name}' does not exist.`);
    if (topic.internal) throw internalRefused(name, 'deleted');
    // Crash-safe in any order of failure: the intent is on disk before anything goes, and a
    // start that finds it finishes the job (directories, then the group offsets' tombstones).
    const marker = path.join(this.topicsDir, `${name}${DELETING}`);
    writeFileDurably(marker, JSON.stringify({ name, id: topic.id, partitions: topic.partitions.length, configs: topic.configs }));
    removeDurably(path.join(this.topicsDir, `${name}.json`));
    this.topics.delete(name);
    this.byId.delete(topic.id.toLowerCase());
    this.topicsVersion++;
    this.byCollisionKey.delete(collisionKey(name));
    this.partitionTotal -= topic.partitions.length;
    const onDisk = new Set(this.existingPartitionDirs(name, 0, topic.partitions.length));
    for (const log of topic.partitions) log.destroy(onDisk.has(log.dir));
    fsyncDir(this.config.dataDir);
    // Kafka drops every group's offsets for a deleted topic (tombstones in __consumer_offsets).
    this.groups.onTopicDeleted(name);
    removeDurably(marker);
  }

  createPartitions(name: string, count: number, validateOnly = false): void {
    const topic = this.topics.get(name);
    if (!topic) throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${name}' does not exist.`);
    // Groups are placed by hash(group) % partitions: more partitions would move them.
    if (topic.internal) throw internalRefused(name, 'given more partitions');
    const current = topic.partitions.length;
    if (count < current) {
      throw new KafkaError(ErrorCode.INVALID_PARTITIONS, `Topic currently has ${current} partitions, which is higher than the requested ${count}.`);
    }
    if (count === current) throw new KafkaError(ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partitions.`);
    this.checkPartitionRoom(count - current);
    if (validateOnly) return;
    this.removeLeftovers(name, current, count);
    for (let p = current; p < count; p++) topic.partitions.push(this.openLog(topic, p));
    this.topicsVersion++;
    this.partitionTotal += count - current;
    this.save(topic);
  }

  /** Refuses partitions past --max-partitions (each costs memory for as long as it exists). */
  private checkPartitionRoom(more: number): void {
    const max = this.config.maxPartitions;
    if (this.partitionTotal + more <= max) return;
    const now = Date.now();
    if (now - this.partitionRefusalLoggedAt > 10_000) {
      this.partitionRefusalLoggedAt = now; // a client retrying in a loop must not flood the log
      this.log(`refused ${more} new partition(s): the broker has ${this.partitionTotal} of its --max-partitions ${max}`);
    }
    throw new KafkaError(
      ErrorCode.POLICY_VIOLATION,
      `This broker holds ${this.partitionTotal} partitions; ${more} more would pass its limit of ${max} (--max-partitions).`,
    );
  }

  /**
   * A leftover directory from an earlier topic of the same name must not come back to life.
   * Only directories that exist are removed, with one fsync of the data dir for all of them:
   * a new topic of 100000 partitions costs no I/O per partition (logs are made on first write).
   */
  private removeLeftovers(name: string, from: number, to: number): void {
    const dirs = this.existingPartitionDirs(name, from, to);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    if (dirs.length) fsyncDir(this.config.dataDir);
  }

  /**
   * The directories of partitions from..to-1 of a topic that exist. Many partitions are
   * looked up with one listing of the data dir, not a stat each (100000 stats take 0.4 s).
   */
  private existingPartitionDirs(name: string, from: number, to: number): string[] {
    const dir = (p: number) => path.join(this.config.dataDir, `${name}-${p}`);
    if (to - from <= 64) {
      const out: string[] = [];
      for (let p = from; p < to; p++) if (fs.existsSync(dir(p))) out.push(dir(p));
      return out;
    }
    const prefix = `${name}-`;
    const out: string[] = [];
    for (const f of fs.readdirSync(this.config.dataDir)) {
      if (!f.startsWith(prefix)) continue;
      const tail = f.slice(prefix.length);
      if (!/^\d{1,10}$/.test(tail)) continue;
      const p = Number(tail);
      if (p >= from && p < to && String(p) === tail) out.push(dir(p));
    }
    return out;
  }

  /** Kafka's (non-incremental) AlterConfigs: the given set replaces every override. */
  replaceConfigs(name: string, configs: Record<string, string | null>, validateOnly = false): void {
    this.alterConfigs(name, () => configs, validateOnly);
  }

  /**
   * Sets the topic's overrides to what `change` makes of the current ones (null = none), if
   * the whole resulting set is valid (as Kafka validates it); IncrementalAlterConfigs'
   * operations and AlterConfigs' replacement are both such changes.
   */
  alterConfigs(name: string, change: (current: Record<string, string>) => Record<string, string | null>, validateOnly = false): void {
    const topic = this.topics.get(name);
    if (!topic) throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic ${name} does not exist.`);
    if (topic.internal) throw internalRefused(name, 'reconfigured');
    const configs = change({ ...topic.configs });
    validateTopicConfigs(configs);
    if (validateOnly) return;
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(configs)) if (v !== null) next[k] = v;
    topic.configs = next;
    this.save(topic);
  }

  describeTopicConfigs(topic: Topic): TopicConfigEntry[] {
    return describeTopicConfigs(this.config, topic.configs);
  }

  enforceRetention(now = Date.now()): void {
    this.eachLog('retention', (log) => log.enforceRetention(now));
  }

  /**
   * A clean stop: every log flushed, the recovery points checkpointed, then the
   * marker — unless a log could not be flushed, when the next start checks as after a crash.
   */
  close(): void {
    this.groups.close();
    for (const t of this.timers.splice(0)) clearInterval(t);
    let flushed = true;
    for (const t of this.topics.values()) {
      for (const log of t.partitions) {
        try {
          log.close();
        } catch (e) {
          flushed = false;
          this.log(`could not flush ${log.dir}: ${(e as Error).message}`);
        }
      }
    }
    this.fds.closeAll();
    this.writeCheckpoint();
    if (!flushed) return;
    try {
      writeFileDurably(path.join(this.config.dataDir, CLEAN_SHUTDOWN), '');
    } catch (e) {
      this.log(`could not mark a clean shutdown: ${(e as Error).message}`);
    }
  }

  /** Stops as a kill -9 would: no flush, no checkpoint, no marker (tests of recovery use it). */
  abandon(): void {
    this.groups.close();
    for (const t of this.timers.splice(0)) clearInterval(t);
    for (const t of this.topics.values()) for (const log of t.partitions) log.abandon();
    this.fds.closeAll();
  }
}

/**
 * `__consumer_offsets` holds every committed offset, and this broker does not compact it:
 * its retention must stay off, its partition count fixed, and it must never go. Kafka would
 * allow some of these; refusing them is a deliberate deviation (UNSUPPORTED.md).
 */
function collisionKey(name: string): string {
  return name.replace(/\./g, '_');
}

function internalRefused(name: string, what: string): KafkaError {
  return new KafkaError(
    ErrorCode.POLICY_VIOLATION,
    `Internal topic ${name} cannot be ${what} on this broker: it keeps every group's committed offsets and is not compacted, so a change could lose them.`,
  );
}
