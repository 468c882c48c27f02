// Metadata v0–12. Topics are auto-created here, the way Kafka does it: always for v0–3 and
// for v4+ when the client sets allow_auto_topic_creation (and auto.create.topics.enable is
// on). Leaders and the controller come from the topology (with one node: this node). A node
// that is down (stdin `down K`) is not among the brokers, and the partitions it leads answer
// as Kafka's do when their only replica is offline: leader -1, LEADER_NOT_AVAILABLE, the
// node still in replicas and ISR and listed in offline replicas (v5+).
// v7: leader epoch, always −1: this broker keeps no epochs, and −1 tells clients (librdkafka,
// Java) not to validate positions with OffsetForLeaderEpoch, which it does not serve. v8:
// authorized operations, when asked for: everything a topic (or the cluster, v8–10)
// supports, as Kafka answers without an authorizer; not asked: −2^31. v9: flexible. v10:
// each topic's id (persisted with the topic: the same across restarts, a new one for a
// re-created topic; zero for a topic that does not exist); a null name or an id in the
// request is INVALID_REQUEST before v12, as on Kafka. v12: topics asked for by id: when any
// entry has an id, only the ids count (as on Kafka); an unknown id answers UNKNOWN_TOPIC_ID
// with a null name; nothing is auto-created by id.
import { ZERO_UUID } from '../../protocol/codec';
import { AUTHORIZED_OPERATIONS_OMITTED, Metadata } from '../../protocol/03-metadata';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import type { Topic } from '../state/cluster';
import { topicNameProblem } from '../topic-config';
import { Slices } from './slices';
import { advertisedAddress, handler } from './types';

/** Kafka's AclOperation codes: each is a bit of the authorized-operations fields. */
const Op = { READ: 3, WRITE: 4, CREATE: 5, DELETE: 6, ALTER: 7, DESCRIBE: 8, CLUSTER_ACTION: 9, DESCRIBE_CONFIGS: 10, ALTER_CONFIGS: 11, IDEMPOTENT_WRITE: 12 };
const bits = (...ops: number[]) => ops.reduce((acc, op) => acc | (1 << op), 0);
/** What Kafka's AclEntry.supportedOperations lists for a topic and for the cluster. */
const TOPIC_OPERATIONS = bits(Op.READ, Op.WRITE, Op.CREATE, Op.DELETE, Op.ALTER, Op.DESCRIBE, Op.DESCRIBE_CONFIGS, Op.ALTER_CONFIGS);
const CLUSTER_OPERATIONS = bits(Op.CREATE, Op.CLUSTER_ACTION, Op.DESCRIBE_CONFIGS, Op.ALTER_CONFIGS, Op.IDEMPOTENT_WRITE, Op.ALTER, Op.DESCRIBE);

export default handler({
  api: Metadata,
  minVersion: 0,
  maxVersion: 12,
  async handle(req, ctx) {
    const { state, config, version } = ctx;
    const { topology } = ctx;
    const all = req.topics === null || (version === 0 && req.topics.length === 0);
    const asked = req.topics ?? [];
    const byId = !all && version >= 12 && asked.some((t) => t.topicId !== undefined && t.topicId !== ZERO_UUID);
    const autoCreate = config.autoCreateTopicsEnable && (version < 4 || req.allowAutoTopicCreation);
    const topicOps = req.includeTopicAuthorizedOperations ? TOPIC_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED;
    const missing = (errorCode: number, name: string | null, topicId = ZERO_UUID) => ({
      errorCode,
      name,
      topicId,
      isInternal: false,
      partitions: [],
      topicAuthorizedOperations: topicOps,
    });
    const describe = (t: Topic) => ({
      errorCode: 0,
      name: t.name,
      topicId: t.id,
      isInternal: t.internal,
      partitions: t.partitions.map((_, p) => {
        const leader = topology.leaderOf(t.name, p);
        if (topology.isDown(leader)) {
          return { errorCode: ErrorCode.LEADER_NOT_AVAILABLE, partitionIndex: p, leaderId: -1, leaderEpoch: -1, replicaNodes: [leader], isrNodes: [leader], offlineReplicas: [leader] };
        }
        return { errorCode: 0, partitionIndex: p, leaderId: leader, leaderEpoch: -1, replicaNodes: [leader], isrNodes: [leader], offlineReplicas: [] };
      }),
      topicAuthorizedOperations: topicOps,
    });
    const slices = new Slices(); // each auto-created topic is an fsync: thousands must not block
    const topics = [];
    if (all) for (const t of state.topics.values()) topics.push(describe(t));
    else if (byId) {
      for (const { topicId = ZERO_UUID } of asked) {
        if (topicId === ZERO_UUID) continue; // a by-name entry beside ids: Kafka ignores it
        const t = state.topicById(topicId);
        topics.push(t ? describe(t) : { ...missing(ErrorCode.UNKNOWN_TOPIC_ID, null, topicId), topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED });
      }
    } else {
      for (const { name, topicId = ZERO_UUID } of asked) {
        // Kafka refuses the whole request; answering each such entry so is as clear (with an
        // empty name for a null one: names are not nullable in answers before v12)
        if (name === null || topicId !== ZERO_UUID) topics.push(missing(ErrorCode.INVALID_REQUEST, version >= 12 ? name : (name ?? '')));
        else topics.push(await answer(name));
      }
    }
    return {
      throttleTimeMs: 0,
      brokers: topology.liveNodeIds.map((nodeId) => ({ nodeId, ...advertisedAddress(ctx, nodeId), rack: null })),
      clusterId: state.clusterId,
      controllerId: topology.controller,
      topics,
      clusterAuthorizedOperations: req.includeClusterAuthorizedOperations ? CLUSTER_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
    };

    async function answer(name: string) {
      let t = state.topics.get(name);
      if (!t) {
        const problem = topicNameProblem(name);
        if (problem) return missing(ErrorCode.INVALID_TOPIC_EXCEPTION, name);
        if (!autoCreate) return missing(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name);
        await slices.next();
        try {
          t = state.createTopic(name, config.numPartitions, 1) ?? undefined;
        } catch (e) {
          const code = e instanceof KafkaError ? e.code : ErrorCode.UNKNOWN_SERVER_ERROR;
          return missing(code, name);
        }
        if (!t) return missing(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name);
      }
      return describe(t);
    }
  },
});
