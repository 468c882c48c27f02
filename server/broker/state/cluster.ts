// The one owner of the broker's mutable state: topics, their partitions' logs and configs,
// the cluster id, and (through `groups`) the consumer groups and their committed offsets.
// Handlers ask it; none of them touches files or maps directly.
// Layout under the data dir:
//   meta.properties              cluster.id and node.id (kept across restarts)
//   .topics/<topic>.json         partition count, topic id, config overrides
//   <topic>-<partition>/         segments (see log/partition-log.ts)
//   __consumer_offsets-<n>/      the group coordinator's records (see groups/offsets-topic.ts)
//   .clean-shutdown              present only while stopped cleanly
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import type { BrokerConfig } from '../config';
import { GroupCoordinator } from '../groups/coordinator';
import { OFFSETS_TOPIC } from '../groups/offsets-topic';
import { FdCache } from '../log/fd-cache';
import { PartitionLog, type LogConfig } from '../log/partition-log';
import { TOPIC_CONFIGS, effectiveConfig, topicNameProblem, validateTopicConfigs } from '../topic-config';

const CLEAN_SHUTDOWN = '.clean-shutdown';

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

export interface ConfigEntry {
  name: string;
  value: string;
  isDefault: boolean;
}

export class ClusterState {
  readonly topics = new Map<string, Topic>();
  readonly fds: FdCache;
  readonly groups: GroupCoordinator;
  clusterId = '';
  private retentionTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly config: BrokerConfig,
    readonly log: (msg: string) => void = (m) => console.error(m),
  ) {
    this.fds = new FdCache(config.maxOpenFiles);
    this.groups = new GroupCoordinator(
      {
        offsetsTopicLogs: () => this.topics.get(OFFSETS_TOPIC)?.partitions ?? [],
        hasPartition: (topic, p) => this.partition(topic, p) !== undefined,
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
    if (!meta) writeAtomic(metaPath, `cluster.id=${this.clusterId}\nnode.id=${this.config.nodeId}\nversion=1\n`);
    for (const f of fs.readdirSync(this.topicsDir)) {
      if (!f.endsWith('.json')) continue;
      try {
        const t = JSON.parse(fs.readFileSync(path.join(this.topicsDir, f), 'utf8')) as TopicFile;
        this.addTopic(t);
      } catch (e) {
        this.log(`skipping unreadable topic file ${f}: ${(e as Error).message}`);
      }
    }
    // Like Kafka: without the marker a clean stop leaves, the last stop may have torn a
    // write, so every partition's active segment is checked now rather than on first use.
    const marker = path.join(this.config.dataDir, CLEAN_SHUTDOWN);
    if (fs.existsSync(marker)) fs.rmSync(marker);
    else if (this.topics.size > 0) {
      this.log(`no clean-shutdown marker in ${this.config.dataDir}: checking every partition's tail`);
      for (const t of this.topics.values()) for (const p of t.partitions) void p.logEndOffset;
    }
    this.ensureOffsetsTopic();
    if (this.config.logRetentionCheckIntervalMs > 0) {
      this.retentionTimer = setInterval(() => this.enforceRetention(), this.config.logRetentionCheckIntervalMs);
      this.retentionTimer.unref();
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

  /** Rebuilds consumer groups and committed offsets from `__consumer_offsets`. */
  loadGroups(): Promise<void> {
    return this.groups.load();
  }

  private addTopic(t: TopicFile): Topic {
    const topic: Topic = { name: t.name, id: t.id, internal: !!t.internal, configs: t.configs, partitions: [] };
    for (let p = 0; p < t.partitions; p++) topic.partitions.push(this.openLog(topic, p));
    this.topics.set(t.name, topic);
    return topic;
  }

  private openLog(topic: Topic, p: number): PartitionLog {
    return new PartitionLog(path.join(this.config.dataDir, `${topic.name}-${p}`), () => this.logConfig(topic), this.fds, this.log);
  }

  logConfig(topic: Topic): LogConfig {
    const get = (n: string) => Number(effectiveConfig(this.config, topic.configs, n));
    return {
      segmentBytes: get('segment.bytes'),
      retentionMs: get('retention.ms'),
      retentionBytes: get('retention.bytes'),
      indexIntervalBytes: get('index.interval.bytes'),
    };
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
    writeAtomic(path.join(this.topicsDir, `${topic.name}.json`), JSON.stringify(file, null, 1));
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
    const collides = [...this.topics.keys()].find((t) => t !== name && t.replace(/\./g, '_') === name.replace(/\./g, '_'));
    if (collides) {
      throw new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, `Topic '${name}' collides with existing topic: ${collides}`);
    }
    if (partitions === -1) partitions = this.config.numPartitions;
    if (replicationFactor === -1) replicationFactor = 1;
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new KafkaError(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.');
    }
    if (partitions > 100000) throw new KafkaError(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be at most 100000.');
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
    // A leftover directory from an earlier topic of the same name must not come back to life.
    for (let p = 0; p < partitions; p++) fs.rmSync(path.join(this.config.dataDir, `${name}-${p}`), { recursive: true, force: true });
    const topic = this.addTopic(file);
    this.save(topic);
    return topic;
  }

  deleteTopic(name: string): void {
    const topic = this.topics.get(name);
    if (!topic) throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${name}' does not exist.`);
    if (topic.internal) throw new KafkaError(ErrorCode.TOPIC_DELETION_DISABLED, `Internal topic ${name} cannot be deleted.`);
    this.topics.delete(name);
    fs.rmSync(path.join(this.topicsDir, `${name}.json`), { force: true });
    for (const log of topic.partitions) log.destroy();
    // Kafka drops every group's offsets for a deleted topic (tombstones in __consumer_offsets).
    this.groups.onTopicDeleted(name);
  }

  createPartitions(name: string, count: number, validateOnly = false): void {
    const topic = this.topics.get(name);
    if (!topic) throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `The topic '${name}' does not exist.`);
    if (topic.internal) {
      // Groups are placed by hash(group) % partitions: more partitions would move them.
      throw new KafkaError(ErrorCode.INVALID_REQUEST, `Cannot change the partition count of internal topic ${name}.`);
    }
    const current = topic.partitions.length;
    if (count < current) {
      throw new KafkaError(ErrorCode.INVALID_PARTITIONS, `Topic currently has ${current} partitions, which is higher than the requested ${count}.`);
    }
    if (count === current) throw new KafkaError(ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partitions.`);
    if (count > 100000) throw new KafkaError(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be at most 100000.');
    if (validateOnly) return;
    for (let p = current; p < count; p++) {
      fs.rmSync(path.join(this.config.dataDir, `${name}-${p}`), { recursive: true, force: true });
      topic.partitions.push(this.openLog(topic, p));
    }
    this.save(topic);
  }

  /** Kafka's (non-incremental) AlterConfigs: the given set replaces every override. */
  replaceConfigs(name: string, configs: Record<string, string | null>, validateOnly = false): void {
    const topic = this.topics.get(name);
    if (!topic) throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic ${name} does not exist.`);
    validateTopicConfigs(configs);
    if (validateOnly) return;
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(configs)) if (v !== null) next[k] = v;
    topic.configs = next;
    this.save(topic);
  }

  describeTopicConfigs(topic: Topic): ConfigEntry[] {
    return Object.keys(TOPIC_CONFIGS).map((name) => ({
      name,
      value: this.topicConfig(topic, name),
      isDefault: !(name in topic.configs),
    }));
  }

  enforceRetention(now = Date.now()): void {
    for (const topic of this.topics.values()) {
      for (const log of topic.partitions) {
        try {
          log.enforceRetention(now);
        } catch (e) {
          this.log(`retention on ${log.dir} failed: ${(e as Error).message}`);
        }
      }
    }
  }

  close(): void {
    this.groups.close();
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.fds.closeAll();
    try {
      fs.writeFileSync(path.join(this.config.dataDir, CLEAN_SHUTDOWN), '');
    } catch (e) {
      this.log(`could not mark a clean shutdown: ${(e as Error).message}`);
    }
  }
}

function writeAtomic(file: string, content: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}
