// Topic reads for the dashboard: the list (with offsets, sizes and retention for every
// topic; the cluster's TopicsService caches it briefly so many open tabs cost one round of
// requests) and one topic's detail. A partition whose leader cannot answer keeps its row
// with unknown offsets; the others keep their numbers.
import type { TopicDetail, TopicSummary } from '../../../lib/contract/topics';
import type { Cluster } from '../cluster';
import type { ClusterClient, TopicMeta } from '../connection/cluster-client';
import { describeTopicConfigs } from '../actions/configs';
import { KafkaApiError } from '../errors';
import { logOffsets, tpKey } from '../routing/offsets';
import { partitionSizes } from './sizes';
import { ErrorCode } from '../../protocol/errors';
import { committedOffsetsForTopic } from './groups';

export interface TopicsSnapshot {
  topics: TopicSummary[];
  fetchedAt: number;
}


const isOffline = (p: TopicMeta['partitions'][number]) => p.leader < 0 || p.errorCode === ErrorCode.LEADER_NOT_AVAILABLE;

export async function loadTopicsSnapshot(client: ClusterClient): Promise<TopicsSnapshot> {
  const md = await client.metadata(null);
  const topics = md.topics.filter((t) => t.errorCode === 0);
  const [offsets, sizes, retention] = await Promise.all([
    logOffsets(client, topics),
    partitionSizes(client, md, null),
    describeTopicConfigs(client, topics.map((t) => t.name), ['retention.ms']).catch(() => new Map()),
  ]);
  return {
    fetchedAt: Date.now(),
    topics: topics.map((t) => {
      let messages = 0;
      let bytes: number | null = 0;
      for (const p of t.partitions) {
        const o = offsets.get(tpKey(t.name, p.partition));
        if (o && o.start !== null && o.end !== null) messages += Math.max(0, o.end - o.start);
        const size = sizes.get(tpKey(t.name, p.partition));
        bytes = size === undefined || bytes === null ? null : bytes + size;
      }
      const r = retention.get(t.name)?.find((c: { name: string }) => c.name === 'retention.ms')?.value;
      return {
        name: t.name,
        partitions: t.partitions.length,
        underReplicated: t.partitions.filter((p) => p.isr.length < p.replicas.length).length,
        offline: t.partitions.filter(isOffline).length,
        messages,
        bytes: t.partitions.length === 0 ? 0 : bytes,
        internal: t.internal,
        retentionMs: r === undefined || r === null ? null : Number(r),
      };
    }),
  };
}

export async function topicDetail(cluster: Cluster, name: string): Promise<TopicDetail> {
  const { client } = cluster;
  const md = await client.metadata([name]);
  const t = md.topics.find((x) => x.name === name);
  // A name Kafka would refuse (INVALID_TOPIC_EXCEPTION) cannot exist either.
  if (!t || t.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION || t.errorCode === ErrorCode.INVALID_TOPIC_EXCEPTION) throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${name}' does not exist.`);
  if (t.errorCode !== 0) throw new KafkaApiError(t.errorCode, null, `topic ${name}`);
  const [offsets, sizes, configs, groups] = await Promise.all([
    logOffsets(client, [t]),
    partitionSizes(client, md, [name]),
    describeTopicConfigs(client, [name]),
    cluster.groups.snapshot().then((snap) => committedOffsetsForTopic(snap, name), () => []),
  ]);
  return {
    name,
    internal: t.internal,
    fetchedAt: Date.now(),
    partitions: t.partitions.map((p) => {
      const o = offsets.get(tpKey(name, p.partition));
      const start = o?.start ?? null;
      const end = o?.end ?? null;
      return {
        partition: p.partition,
        leader: p.leader,
        replicas: p.replicas,
        isr: p.isr,
        offlineReplicas: p.offlineReplicas,
        logStartOffset: start,
        logEndOffset: end,
        messages: start !== null && end !== null ? Math.max(0, end - start) : null,
        bytes: sizes.get(tpKey(name, p.partition)) ?? null,
      };
    }),
    configs: configs.get(name) ?? [],
    groups,
  };
}
