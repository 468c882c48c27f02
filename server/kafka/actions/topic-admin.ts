// Topic changes: create, delete, add partitions, delete records. Creation, deletion and
// new partitions go to the controller (a real cluster answers NOT_CONTROLLER elsewhere);
// DeleteRecords goes to each partition's leader. Broker errors keep the broker's reason.
import { CreateTopics } from '../../protocol/19-create-topics';
import { DeleteTopics, byNameRequest } from '../../protocol/20-delete-topics';
import { DeleteRecords } from '../../protocol/21-delete-records';
import { CreatePartitions } from '../../protocol/37-create-partitions';
import { ErrorCode } from '../../protocol/errors';
import type { ClusterClient } from '../connection/cluster-client';
import { KafkaApiError } from '../errors';
import { byLeader, LEADER_MOVED_CODES, MOVED, partitionKey, type Moved } from '../routing/by-leader';

const TIMEOUT_MS = 4000;

async function controller(client: ClusterClient): Promise<number> {
  const md = await client.metadata([]);
  return md.controllerId >= 0 ? md.controllerId : md.brokers[0].nodeId;
}

export async function createTopic(
  client: ClusterClient,
  t: { name: string; partitions: number; replicationFactor: number; configs?: Record<string, string> },
): Promise<void> {
  const res = await client.toNode(await controller(client), CreateTopics, () => ({
    topics: [
      {
        name: t.name,
        numPartitions: t.partitions,
        replicationFactor: t.replicationFactor,
        assignments: [],
        configs: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
      },
    ],
    timeoutMs: TIMEOUT_MS,
    validateOnly: false,
  }));
  const r = res.topics[0];
  if (r.errorCode !== 0) throw new KafkaApiError(r.errorCode, r.errorMessage, `topic ${t.name}`);
}

export async function deleteTopic(client: ClusterClient, name: string): Promise<void> {
  const res = await client.toNode(await controller(client), DeleteTopics, () => byNameRequest([name], TIMEOUT_MS));
  const r = res.responses[0];
  if (r.errorCode !== 0) {
    // v5+ carry the broker's reason; its wording for an unknown topic speaks of partitions
    const reason = r.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION ? `Topic '${name}' does not exist.` : r.errorMessage;
    throw new KafkaApiError(r.errorCode, reason, `topic ${name}`);
  }
}

export async function addPartitions(client: ClusterClient, name: string, count: number): Promise<void> {
  const res = await client.toNode(await controller(client), CreatePartitions, () => ({
    topics: [{ name, count, assignments: null }],
    timeoutMs: TIMEOUT_MS,
    validateOnly: false,
  }));
  const r = res.results[0];
  if (r.errorCode !== 0) throw new KafkaApiError(r.errorCode, r.errorMessage, `topic ${name}`);
}

/** Moves log-start to beforeOffset on each partition; answers the new log-start offsets. */
export async function deleteRecords(
  client: ClusterClient,
  topic: string,
  partitions: { partition: number; beforeOffset: number }[],
): Promise<{ partition: number; logStartOffset: number }[]> {
  const md = await client.metadata([topic]);
  const t = md.topics.find((x) => x.name === topic);
  if (!t || t.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION || t.errorCode === ErrorCode.INVALID_TOPIC_EXCEPTION) throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${topic}' does not exist.`);
  for (const p of partitions) {
    if (!t.partitions.some((x) => x.partition === p.partition)) throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${topic}' has no partition ${p.partition}.`);
  }
  const { results, failed } = await byLeader(client, md, partitions.map((p) => ({ topic, ...p })), async (leader, ps) => {
    const res = await client.toNode(leader, DeleteRecords, () => ({
      topics: [{ name: topic, partitions: ps.map((p) => ({ partitionIndex: p.partition, offset: p.beforeOffset })) }],
      timeoutMs: TIMEOUT_MS,
    }));
    const answers = new Map<string, number | Moved>();
    for (const p of res.topics[0]?.partitions ?? []) {
      if (LEADER_MOVED_CODES.has(p.errorCode)) {
        answers.set(partitionKey(topic, p.partitionIndex), MOVED);
        continue;
      }
      if (p.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
        const asked = ps.find((x) => x.partition === p.partitionIndex)!.beforeOffset;
        throw new KafkaApiError(p.errorCode, `Offset ${asked} is beyond the log end of ${topic}-${p.partitionIndex}.`);
      }
      if (p.errorCode !== 0) throw new KafkaApiError(p.errorCode, null, `${topic}-${p.partitionIndex}`);
      answers.set(partitionKey(topic, p.partitionIndex), p.lowWatermark);
    }
    return answers;
  });
  const problem = [...failed.values()][0];
  if (problem) throw problem;
  const out = partitions.map((p) => ({ partition: p.partition, logStartOffset: results.get(partitionKey(topic, p.partition))! }));
  return out.sort((a, b) => a.partition - b.partition);
}
