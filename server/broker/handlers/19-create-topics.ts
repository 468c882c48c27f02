// CreateTopics v0–7. v1: validate_only and error messages; v2: throttle time; v3: no wire
// change; v4: −1 partitions / replication factor mean the broker default; v5: flexible, and
// a created (or validated) topic is answered with its partition count, replication factor
// and every config it ends up with, sorted by name as Kafka does (KIP-525); v6: no wire
// change (no quotas here, so never THROTTLING_QUOTA_EXCEEDED); v7: the new topic's id (all
// zeros for validate_only, where no topic and so no id exists; Kafka answers a random one
// it never uses). Replica assignments are accepted only when they name this node (one
// broker, one replica). An error answers −1, −1 and no configs, as Kafka does.
import { ZERO_UUID } from '../../protocol/codec';
import { CreateTopics } from '../../protocol/19-create-topics';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import type { Topic } from '../state/cluster';
import { asKafkaError } from './errors';
import { mapInSlices } from './slices';
import { handler, type HandlerContext } from './types';

// DescribeConfigs' config sources (its ConfigSource enum)
const SOURCE_TOPIC = 1;
const SOURCE_DEFAULT = 5;

/** The topic's configs as DescribeConfigs lists them, in CreateTopics' v5+ form. */
function createdConfigs(ctx: HandlerContext, topic: Topic) {
  return ctx.state
    .describeTopicConfigs(topic)
    .map((e) => ({ name: e.name, value: e.value, readOnly: false, configSource: e.isDefault ? SOURCE_DEFAULT : SOURCE_TOPIC, isSensitive: false }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export default handler({
  api: CreateTopics,
  minVersion: 0,
  maxVersion: 7,
  async handle(req, ctx) {
    const seen = new Map<string, number>();
    for (const t of req.topics) seen.set(t.name, (seen.get(t.name) ?? 0) + 1);
    const topics = await mapInSlices(req.topics, (t) => {
      try {
        if ((seen.get(t.name) ?? 0) > 1) throw new KafkaError(ErrorCode.INVALID_REQUEST, `Create topics request from client contains multiple entries for topic ${t.name}`);
        let partitions = t.numPartitions;
        let rf = t.replicationFactor;
        if (t.assignments.length > 0) {
          if (partitions !== -1 || rf !== -1) {
            throw new KafkaError(ErrorCode.INVALID_REQUEST, 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.');
          }
          const bad = t.assignments.find((a) => a.brokerIds.length !== 1 || a.brokerIds[0] !== ctx.config.nodeId);
          if (bad) throw new KafkaError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Replica assignment for partition ${bad.partitionIndex} names brokers other than ${ctx.config.nodeId}.`);
          const indexes = t.assignments.map((a) => a.partitionIndex).sort((a, b) => a - b);
          if (indexes.some((p, i) => p !== i)) throw new KafkaError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'Partitions should be a consecutive 0-based integer sequence');
          partitions = t.assignments.length;
          rf = 1;
        }
        const configs: Record<string, string | null> = {};
        for (const c of t.configs) configs[c.name] = c.value;
        const created = ctx.state.createTopic(t.name, partitions, rf, configs, { validateOnly: req.validateOnly });
        const ok = { name: t.name, errorCode: 0, errorMessage: null, topicConfigErrorCode: 0 };
        if (ctx.version < 5) return { ...ok, topicId: ZERO_UUID, numPartitions: -1, replicationFactor: -1, configs: [] };
        // validate_only creates nothing: describe what would have been created
        const topic: Topic = created ?? { name: t.name, id: ZERO_UUID, internal: false, configs: nonNull(configs), partitions: [] };
        return {
          ...ok,
          topicId: topic.id,
          numPartitions: created ? created.partitions.length : partitions === -1 ? ctx.config.numPartitions : partitions,
          replicationFactor: 1,
          configs: createdConfigs(ctx, topic),
        };
      } catch (e) {
        const { errorCode, errorMessage } = asKafkaError(e, ctx);
        return { name: t.name, topicId: ZERO_UUID, errorCode, errorMessage, topicConfigErrorCode: 0, numPartitions: -1, replicationFactor: -1, configs: [] };
      }
    });
    return { throttleTimeMs: 0, topics };
  },
});

/** Config overrides as a topic keeps them: a null value means "the default", so none is kept. */
function nonNull(configs: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(configs)) if (v !== null) out[k] = v;
  return out;
}
