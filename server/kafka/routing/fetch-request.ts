// The group-less Fetch the dashboard sends (browse, tail, commit log, time lag): read
// uncommitted, no fetch session, no leader epoch, topics by name (so our client sends
// Fetch v12 at most: Fetch.clientMaxVersion). One builder so they cannot drift apart.
import type { Fetch } from '../../protocol/01-fetch';
import type { Infer } from '../../protocol/codec';

export interface FetchTarget {
  topic: string;
  partitions: { partition: number; offset: number; maxBytes: number }[];
}

export function fetchRequest(
  targets: FetchTarget[],
  opts: { maxWaitMs?: number; minBytes?: number; maxBytes?: number } = {},
): Infer<(typeof Fetch)['request']> {
  return {
    replicaId: -1,
    maxWaitMs: opts.maxWaitMs ?? 0,
    minBytes: opts.minBytes ?? 0,
    maxBytes: opts.maxBytes ?? 8 << 20,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: targets.map((t) => ({
      topic: t.topic,
      partitions: t.partitions.map((p) => ({ partition: p.partition, currentLeaderEpoch: -1, fetchOffset: p.offset, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: p.maxBytes })),
    })),
    forgottenTopicsData: [],
    rackId: '',
  };
}
