// CreateTopics v0–4. v1: validate_only and error messages; v2: throttle time; v3: no wire
// change; v4: −1 partitions / replication factor mean the broker default. Replica
// assignments are accepted only when they name this node (one broker, one replica).
import { CreateTopics } from '../../protocol/19-create-topics';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { asKafkaError } from './errors';
import { mapInSlices } from './slices';
import { handler } from './types';

export default handler({
  api: CreateTopics,
  minVersion: 0,
  maxVersion: 4,
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
        ctx.state.createTopic(t.name, partitions, rf, configs, { validateOnly: req.validateOnly });
        return { name: t.name, errorCode: 0, errorMessage: null };
      } catch (e) {
        const { errorCode, errorMessage } = asKafkaError(e, ctx);
        return { name: t.name, errorCode, errorMessage };
      }
    });
    return { throttleTimeMs: 0, topics };
  },
});
