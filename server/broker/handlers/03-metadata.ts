// Metadata v0–6. Topics are auto-created here, the way Kafka does it: always for v0–3 and
// for v4+ when the client sets allow_auto_topic_creation (and auto.create.topics.enable is
// on). Leaders and the controller come from the topology (with one node: this node). A node
// that is down (stdin `down K`) is not among the brokers, and the partitions it leads answer
// as Kafka's do when their only replica is offline: leader -1, LEADER_NOT_AVAILABLE, the
// node still in replicas and ISR and listed in offline replicas (v5+).
import { Metadata } from '../../protocol/03-metadata';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import type { Topic } from '../state/cluster';
import { topicNameProblem } from '../topic-config';
import { Slices } from './slices';
import { advertisedAddress, handler } from './types';

export default handler({
  api: Metadata,
  minVersion: 0,
  maxVersion: 6,
  async handle(req, ctx) {
    const { state, config, version } = ctx;
    const { topology } = ctx;
    const all = req.topics === null || (version === 0 && req.topics.length === 0);
    const names = all ? [...state.topics.keys()] : req.topics!.map((t) => t.name);
    const autoCreate = config.autoCreateTopicsEnable && (version < 4 || req.allowAutoTopicCreation);
    const describe = (t: Topic) => ({
      errorCode: 0,
      name: t.name,
      isInternal: t.internal,
      partitions: t.partitions.map((_, p) => {
        const leader = topology.leaderOf(t.name, p);
        if (topology.isDown(leader)) {
          return { errorCode: ErrorCode.LEADER_NOT_AVAILABLE, partitionIndex: p, leaderId: -1, replicaNodes: [leader], isrNodes: [leader], offlineReplicas: [leader] };
        }
        return { errorCode: 0, partitionIndex: p, leaderId: leader, replicaNodes: [leader], isrNodes: [leader], offlineReplicas: [] };
      }),
    });
    const slices = new Slices(); // each auto-created topic is an fsync: thousands must not block
    const topics = [];
    for (const name of names) topics.push(await answer(name));
    return {
      throttleTimeMs: 0,
      brokers: topology.liveNodeIds.map((nodeId) => ({ nodeId, ...advertisedAddress(ctx, nodeId), rack: null })),
      clusterId: state.clusterId,
      controllerId: topology.controller,
      topics,
    };

    async function answer(name: string) {
      let t = state.topics.get(name);
      if (!t) {
        const problem = topicNameProblem(name);
        if (problem) return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, name, isInternal: false, partitions: [] };
        if (!autoCreate) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name, isInternal: false, partitions: [] };
        await slices.next();
        try {
          t = state.createTopic(name, config.numPartitions, 1) ?? undefined;
        } catch (e) {
          const code = e instanceof KafkaError ? e.code : ErrorCode.UNKNOWN_SERVER_ERROR;
          return { errorCode: code, name, isInternal: false, partitions: [] };
        }
        if (!t) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name, isInternal: false, partitions: [] };
      }
      return describe(t);
    }
  },
});
