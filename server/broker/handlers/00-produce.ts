// Produce v0–11, magic-2 batches only (magic 0/1, which is what v0–2 carry, gets
// UNSUPPORTED_FOR_MESSAGE_FORMAT 43). v0 must be advertised: librdkafka ≤ 2.11
// (rdkafka_msgset_writer.c, compr_req) sends gzip, snappy and lz4 uncompressed to a broker
// whose Produce range starts above v0. v3: transactional id; v5: log-start offset in the
// answer; v6–7: no wire change; v8: error message (why validation refused the batch; no
// per-record errors: batches are checked whole, so record errors stay empty); v9: flexible;
// v10: a partition that moved answers NOT_LEADER_OR_FOLLOWER with its current leader
// (epoch −1: this broker keeps no leader epochs) and that leader's address (KIP-951);
// v11: no wire change (no transactions here). kafka-python 2.0.2 takes Produce v8 in
// ApiVersions to mean "broker 2.4" (it said 2.3 before); nothing it sends depends on that.
// Batches are validated before anything is written
// (log/batch-validation.ts, rules in log/README.md) and stored exactly as they came,
// compressed or not; only baseOffset is rewritten (outside the CRC).
// acks=0 gets no answer at all. Internal topics (__consumer_offsets) answer
// INVALID_TOPIC_EXCEPTION 17, as Kafka does: only the group coordinator writes there.
import { Produce } from '../../protocol/00-produce';
import { ErrorCode } from '../../protocol/errors';
import { stampLogAppendTime } from '../../protocol/record-batch';
import { validateBatches } from '../log/batch-validation';
import { timestampProblem, topicNameProblem } from '../topic-config';
import { LeaderHints } from './leader-hints';
import { NO_RESPONSE, handler, leads, type HandlerContext } from './types';

/** A partition's answer before anything is known: no offsets, no error. */
function partitionAnswer(hints: LeaderHints, partition: number) {
  return { index: partition, errorCode: 0, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [], errorMessage: null as string | null, currentLeader: hints.none };
}

function produceTo(ctx: HandlerContext, hints: LeaderHints, topic: string, partition: number, records: Buffer | null) {
  const { state } = ctx;
  const answer = partitionAnswer(hints, partition);
  const fail = (errorCode: number, errorMessage: string | null = null) => ({ ...answer, errorCode, errorMessage });
  if (topicNameProblem(topic)) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION);
  const t = state.topics.get(topic);
  const log = t?.partitions[partition];
  if (!t || !log) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  if (!leads(ctx, topic, partition)) return { ...fail(ErrorCode.NOT_LEADER_OR_FOLLOWER), currentLeader: hints.leaderOf(topic, partition) };
  // Like Kafka: only the broker itself writes to internal topics (__consumer_offsets).
  if (t.internal) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION);
  const limits = { maxMessageBytes: Number(state.topicConfig(t, 'max.message.bytes')), maxDecompressedBytes: ctx.config.maxDecompressedBatchBytes };
  const { batches, errorCode, message } = validateBatches(records ?? Buffer.alloc(0), limits);
  if (errorCode !== ErrorCode.NONE) return fail(errorCode, message);
  // message.timestamp.before/after.max.ms: a CreateTime too far from our clock is refused (topic-config.ts)
  const badTimestamp = timestampProblem((name) => state.topicConfig(t, name), batches, Date.now());
  if (badTimestamp) return fail(ErrorCode.INVALID_TIMESTAMP, badTimestamp);
  let logAppendTimeMs = -1;
  if (state.topicConfig(t, 'message.timestamp.type') === 'LogAppendTime') {
    logAppendTimeMs = Date.now();
    for (const b of batches) stampLogAppendTime(b, logAppendTimeMs);
  }
  let baseOffset: number;
  try {
    baseOffset = log.append(batches); // all or nothing: a failed append leaves the log as it was
  } catch (e) {
    state.log(`append to ${topic}-${partition} failed: ${(e as Error).message}`);
    return fail(ErrorCode.KAFKA_STORAGE_ERROR);
  }
  return { ...answer, baseOffset, logAppendTimeMs, logStartOffset: log.logStartOffset };
}

export default handler({
  api: Produce,
  minVersion: 0,
  maxVersion: 11,
  handle(req, ctx) {
    const hints = new LeaderHints(ctx);
    if (req.acks !== 0 && req.acks !== 1 && req.acks !== -1) {
      // Kafka refuses other acks values before touching any partition.
      return {
        responses: req.topicData.map((td) => ({
          name: td.name,
          partitionResponses: td.partitionData.map((pd) => ({ ...partitionAnswer(hints, pd.index), errorCode: ErrorCode.INVALID_REQUIRED_ACKS })),
        })),
        throttleTimeMs: 0,
        nodeEndpoints: [],
      };
    }
    const responses = req.topicData.map((td) => ({
      name: td.name,
      partitionResponses: td.partitionData.map((pd) => {
        const records = pd.records === null ? null : pd.records.length === 1 ? pd.records[0] : Buffer.concat(pd.records);
        return produceTo(ctx, hints, td.name, pd.index, records);
      }),
    }));
    if (req.acks === 0) return NO_RESPONSE;
    return { responses, throttleTimeMs: 0, nodeEndpoints: hints.endpoints() };
  },
});
