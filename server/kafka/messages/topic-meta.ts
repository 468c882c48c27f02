// A topic's partitions and leaders from fresh metadata, or the answer a person should see
// when it does not exist.
import { ErrorCode } from '../../protocol/errors';
import type { ClusterClient, TopicMeta } from '../connection/cluster-client';
import { KafkaApiError } from '../errors';

export async function topicMeta(client: ClusterClient, topic: string): Promise<TopicMeta> {
  const md = await client.metadata([topic]);
  const t = md.topics.find((x) => x.name === topic);
  if (!t || t.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION || t.errorCode === ErrorCode.INVALID_TOPIC_EXCEPTION) {
    throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${topic}' does not exist.`);
  }
  if (t.errorCode !== 0) throw new KafkaApiError(t.errorCode, null, `topic ${topic}`);
  return t;
}
