// Produce v0–7, magic-2 batches only (magic 0/1, which is what v0–2 carry, gets
// UNSUPPORTED_FOR_MESSAGE_FORMAT 43). v0 must be advertised: librdkafka ≤ 2.11
// (rdkafka_msgset_writer.c, compr_req) sends gzip, snappy and lz4 uncompressed to a broker
// whose Produce range starts above v0. v3: transactional id; v5: log-start offset in the
// answer; v6–7: no wire change. Batches are validated before anything is written
// (log/batch-validation.ts, rules in log/README.md) and stored exactly as they came,
// compressed or not; only baseOffset is rewritten (outside the CRC).
// acks=0 gets no answer at all. Internal topics (__consumer_offsets) answer
// INVALID_TOPIC_EXCEPTION 17, as Kafka does: only the group coordinator writes there.
import { Produce } from '../../protocol/00-produce';
import { ErrorCode } from '../../protocol/errors';
import { stampLogAppendTime } from '../../protocol/record-batch';
import { validateBatches } from '../log/batch-validation';
import { topicNameProblem } from '../topic-config';
import { NO_RESPONSE, handler, leads, type HandlerContext } from './types';

function produceTo(ctx: HandlerContext, topic: string, partition: number, records: Buffer | null) {
  const { state } = ctx;
  const fail = (errorCode: number) => ({ index: partition, errorCode, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 });
  if (topicNameProblem(topic)) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION);
  const t = state.topics.get(topic);
  const log = t?.partitions[partition];
  if (!t || !log) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  if (!leads(ctx, topic, partition)) return fail(ErrorCode.NOT_LEADER_OR_FOLLOWER);
  // Like Kafka: only the broker itself writes to internal topics (__consumer_offsets).
  if (t.internal) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION);
  const limits = { maxMessageBytes: Number(state.topicConfig(t, 'max.message.bytes')), maxDecompressedBytes: ctx.config.maxDecompressedBatchBytes };
  const { batches, errorCode } = validateBatches(records ?? Buffer.alloc(0), limits);
  if (errorCode !== ErrorCode.NONE) return fail(errorCode);
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
  return { index: partition, errorCode: 0, baseOffset, logAppendTimeMs, logStartOffset: log.logStartOffset };
}

export default handler({
  api: Produce,
  minVersion: 0,
  maxVersion: 7,
  handle(req, ctx) {
    if (req.acks !== 0 && req.acks !== 1 && req.acks !== -1) {
      // Kafka refuses other acks values before touching any partition.
      return {
        responses: req.topicData.map((td) => ({
          name: td.name,
          partitionResponses: td.partitionData.map((pd) => ({ index: pd.index, errorCode: ErrorCode.INVALID_REQUIRED_ACKS, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 })),
        })),
        throttleTimeMs: 0,
      };
    }
    const responses = req.topicData.map((td) => ({
      name: td.name,
      partitionResponses: td.partitionData.map((pd) => {
        const records = pd.records === null ? null : pd.records.length === 1 ? pd.records[0] : Buffer.concat(pd.records);
        return produceTo(ctx, td.name, pd.index, records);
      }),
    }));
    if (req.acks === 0) return NO_RESPONSE;
    return { responses, throttleTimeMs: 0 };
  },
});
