// Fetch v0–11. v3: response max_bytes (first batch always whole, KIP-74); v4: isolation
// level, last stable offset, aborted transactions; v5: log-start offset; v7: fetch
// sessions (we answer session 0: no incremental sessions); v9: leader epoch; v11: rack
// and preferred read replica. Stored batches go out as stored, from the batch containing
// the fetch offset; records are never decoded. Waits for min_bytes up to max_wait_ms and
// wakes as soon as any asked partition gets data.
import { Fetch } from '../../protocol/01-fetch';
import { ErrorCode } from '../../protocol/errors';
import type { PartitionLog } from '../log/partition-log';
import { handler, leads, type HandlerContext } from './types';

type FetchRequest = Parameters<(typeof Fetch)['request']['write']>[1];

function collect(req: FetchRequest, ctx: HandlerContext) {
  const { state, version } = ctx;
  let budget = version >= 3 ? Math.max(req.maxBytes, 0) : Infinity;
  let total = 0;
  const logs: PartitionLog[] = [];
  const responses = req.topics.map((t) => ({
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
        records: null as Buffer[] | null,
      };
      if (!log) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
      if (!leads(ctx, t.topic, p.partition)) return { ...base, errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER };
      logs.push(log);
      const hw = log.logEndOffset;
      const withOffsets = { ...base, highWatermark: hw, lastStableOffset: hw, logStartOffset: log.logStartOffset };
      // After the response budget is spent, later partitions answer empty (first one never does).
      const limit = Math.min(p.partitionMaxBytes, total === 0 ? Infinity : budget);
      if (limit <= 0) return { ...withOffsets, records: [] };
      const got = log.read(p.fetchOffset, limit);
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
    for (;;) {
      const { responses, total, logs } = collect(req, ctx);
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
      });
    }
  },
});
