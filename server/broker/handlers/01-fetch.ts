// Fetch v0–11. v3: response max_bytes (KIP-74: only the first batch of the first non-empty
// partition may pass max_bytes or its partition's max bytes; nothing else overshoots, and
// the broker's fetch.max.bytes caps it all); v4: isolation
// level, last stable offset, aborted transactions; v5: log-start offset; v7: fetch
// sessions (we answer session 0: no incremental sessions); v9: leader epoch; v11: rack
// and preferred read replica. Stored batches go out as stored, from the batch containing
// the fetch offset; records are never decoded. Waits for min_bytes up to max_wait_ms and
// wakes as soon as any asked partition gets data, or the topology changes (a leader moved:
// the partitions it no longer leads answer NOT_LEADER_OR_FOLLOWER now, not after max_wait).
import { Fetch } from '../../protocol/01-fetch';
import { ErrorCode } from '../../protocol/errors';
import type { PartitionLog } from '../log/partition-log';
import { handler, leads, type HandlerContext } from './types';

type FetchRequest = Parameters<(typeof Fetch)['request']['write']>[1];

/** One answer per partition: a partition asked twice in one request is read once (Kafka answers it once). */
function uniquePartitions(req: FetchRequest): FetchRequest['topics'] {
  const seen = new Set<string>();
  const out: FetchRequest['topics'] = [];
  for (const t of req.topics) {
    const partitions = t.partitions.filter((p) => {
      const key = `${t.topic}\u0000${p.partition}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const same = out.find((o) => o.topic === t.topic);
    if (same) same.partitions.push(...partitions);
    else if (partitions.length) out.push({ ...t, partitions });
  }
  return out;
}

function collect(req: FetchRequest, topics: FetchRequest['topics'], ctx: HandlerContext) {
  const { state, version } = ctx;
  // the response limit: the request's (v3+), never above the broker's fetch.max.bytes
  let budget = Math.min(version >= 3 ? Math.max(req.maxBytes, 0) : Infinity, ctx.config.fetchMaxBytes);
  let total = 0;
  const logs: PartitionLog[] = [];
  const responses = topics.map((t) => ({
    topic: t.topic,
    partitions: t.partitions.map((p) => {
      const log = state.partition(t.topic, p.partition);
      const base = {
        partitionIndex: p.partition,
        errorCode: 0,
        highWatermark: -1,
        lastStableOffset: -1,
        logStartOffset: -1,
        abortedTransactions: version >= 4 ? [] : null,
        preferredReadReplica: -1,
        // an error partition carries an empty record set, as on Kafka (librdkafka refuses length −1)
        records: [] as Buffer[],
      };
      if (!log) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
      if (!leads(ctx, t.topic, p.partition)) return { ...base, errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER };
      logs.push(log);
      const hw = log.logEndOffset;
      const withOffsets = { ...base, highWatermark: hw, lastStableOffset: hw, logStartOffset: log.logStartOffset };
      // KIP-74: only the first batch of the first non-empty partition may pass the limits
      const limit = Math.max(0, Math.min(p.partitionMaxBytes, budget));
      const got = log.read(p.fetchOffset, limit, total === 0);
      if (got === 'out-of-range') return { ...withOffsets, errorCode: ErrorCode.OFFSET_OUT_OF_RANGE };
      total += got.bytes;
      budget -= got.bytes;
      return { ...withOffsets, records: got.parts };
    }),
  }));
  return { responses, total, logs };
}

export default handler({
  api: Fetch,
  minVersion: 0,
  maxVersion: 11,
  async handle(req, ctx) {
    const deadline = Date.now() + Math.max(0, req.maxWaitMs);
    const topics = uniquePartitions(req);
    for (;;) {
      const { responses, total, logs } = collect(req, topics, ctx);
      const wait = deadline - Date.now();
      const anyError = responses.some((t) => t.partitions.some((p) => p.errorCode !== 0));
      if (total >= req.minBytes || wait <= 0 || anyError || logs.length === 0 || ctx.conn.closed) {
        return { throttleTimeMs: 0, errorCode: 0, sessionId: 0, responses };
      }
      await new Promise<void>((resolve) => {
        const offs: (() => void)[] = [];
        const done = () => {
          clearTimeout(timer);
          for (const off of offs) off();
          resolve();
        };
        const timer = setTimeout(done, wait);
        for (const log of logs) offs.push(log.onAppend(done));
        offs.push(ctx.topology.changed.once(done));
      });
    }
  },
});
