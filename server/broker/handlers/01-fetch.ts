// Fetch v0–17. v3: response max_bytes (KIP-74: only the first batch of the first non-empty
// partition may pass max_bytes or its partition's max bytes; nothing else overshoots, and
// the broker's fetch.max.bytes caps it all); v4: isolation
// level, last stable offset, aborted transactions; v5: log-start offset; v7: fetch
// sessions (we answer session 0: no incremental sessions, so forgotten topics change
// nothing); v9: leader epoch (not checked: no epochs here); v11: rack and preferred read
// replica (−1: read from the leader); v12: flexible, last fetched epoch (not checked), and
// a partition that moved answers its current leader (KIP-951); v13: topics by id, answered
// by id; an id no topic has answers UNKNOWN_TOPIC_ID per partition; v14: no wire change (no
// tiered storage); v15: replica state instead of replica id (consumers only here); v16:
// the answer lists the moved partitions' leaders' addresses; v17: replica directory id
// (followers only: ignored). The tagged diverging epoch and snapshot id stay at their
// defaults (no epochs, no snapshots).
// Stored batches go out as stored, from the batch containing
// the fetch offset; records are never decoded. Waits for min_bytes up to max_wait_ms and
// wakes as soon as any asked partition gets data, or the topology changes (a leader moved:
// the partitions it no longer leads answer NOT_LEADER_OR_FOLLOWER now, not after max_wait).
import { ZERO_UUID } from '../../protocol/codec';
import { Fetch, NO_DIVERGING_EPOCH, NO_SNAPSHOT_ID } from '../../protocol/01-fetch';
import { ErrorCode } from '../../protocol/errors';
import type { PartitionLog } from '../log/partition-log';
import { LeaderHints } from './leader-hints';
import { handler, leads, type HandlerContext } from './types';

type FetchRequest = Parameters<(typeof Fetch)['request']['write']>[1];

/** One asked topic: by name (v0–12) or by id (v13+), with its partitions. */
interface Target {
  name: string;
  id: string;
  partitions: FetchRequest['topics'][number]['partitions'];
}

/** One answer per partition: a partition asked twice in one request is read once (Kafka answers it once). */
function uniquePartitions(req: FetchRequest, byId: boolean): Target[] {
  const seen = new Set<string>();
  const out: Target[] = [];
  for (const t of req.topics) {
    const key = byId ? (t.topicId ?? ZERO_UUID).toLowerCase() : t.topic;
    const partitions = t.partitions.filter((p) => {
      const k = `${key}\u0000${p.partition}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const same = out.find((o) => (byId ? o.id : o.name) === key);
    if (same) same.partitions.push(...partitions);
    else if (partitions.length) out.push(byId ? { name: '', id: key, partitions } : { name: t.topic, id: ZERO_UUID, partitions });
  }
  return out;
}

function collect(req: FetchRequest, targets: Target[], ctx: HandlerContext, hints: LeaderHints) {
  const { state, version } = ctx;
  // the response limit: the request's (v3+), never above the broker's fetch.max.bytes
  let budget = Math.min(version >= 3 ? Math.max(req.maxBytes, 0) : Infinity, ctx.config.fetchMaxBytes);
  let total = 0;
  const logs: PartitionLog[] = [];
  const responses = targets.map((t) => {
    // looked up on every pass: a topic deleted (or re-created under its name) while a fetch waits
    const topic = version >= 13 ? state.topicById(t.id) : state.topics.get(t.name);
    const name = version >= 13 ? (topic?.name ?? '') : t.name;
    return {
      topic: name,
      topicId: version >= 13 ? t.id : (topic?.id ?? ZERO_UUID),
      partitions: t.partitions.map((p) => {
        const log = topic?.partitions[p.partition];
        const base = {
          partitionIndex: p.partition,
          errorCode: 0,
          highWatermark: -1,
          lastStableOffset: -1,
          logStartOffset: -1,
          divergingEpoch: NO_DIVERGING_EPOCH,
          currentLeader: hints.none,
          snapshotId: NO_SNAPSHOT_ID,
          abortedTransactions: version >= 4 ? [] : null,
          preferredReadReplica: -1,
          // an error partition carries an empty record set, as on Kafka (librdkafka refuses length −1)
          records: [] as Buffer[],
        };
        if (!topic) return { ...base, errorCode: version >= 13 ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        if (!log) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
        if (!leads(ctx, name, p.partition)) return { ...base, errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER, currentLeader: hints.leaderOf(name, p.partition) };
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
    };
  });
  return { responses, total, logs };
}

export default handler({
  api: Fetch,
  minVersion: 0,
  maxVersion: 17,
  async handle(req, ctx) {
    const deadline = Date.now() + Math.max(0, req.maxWaitMs);
    const targets = uniquePartitions(req, ctx.version >= 13);
    for (;;) {
      const hints = new LeaderHints(ctx);
      const { responses, total, logs } = collect(req, targets, ctx, hints);
      const wait = deadline - Date.now();
      const anyError = responses.some((t) => t.partitions.some((p) => p.errorCode !== 0));
      if (total >= req.minBytes || wait <= 0 || anyError || logs.length === 0 || ctx.conn.closed) {
        return { throttleTimeMs: 0, errorCode: 0, sessionId: 0, responses, nodeEndpoints: hints.endpoints() };
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
