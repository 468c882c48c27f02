// One partition read a Fetch at a time, from its leader, without a consumer group: the
// step browse and search share. A leader that moved or went away is looked up again from
// fresh metadata (a few times, with backoff); retention that moved past the read position
// moves the position with it.
import { Fetch } from '../../protocol/01-fetch';
import { ErrorCode } from '../../protocol/errors';
import type { Record as KafkaRecord } from '../../protocol/record-batch';
import type { ClusterClient } from '../connection/cluster-client';
import { KafkaApiError } from '../errors';
import { fetchRequest } from '../routing/fetch-request';
import { LEADER_MOVED_CODES } from '../routing/by-leader';
import { readFetched } from '../routing/fetched-records';
import { backoff, isRetriable } from '../routing/retry';
import { topicMeta } from './topic-meta';

/** How many times one read follows its partition to a new leader before giving up. */
const LEADER_MOVES = 3;

export interface FetchedRecord {
  record: KafkaRecord;
  logAppendTime: boolean;
}

export interface ReadStep {
  /** The records of this Fetch at or after the asked offset (below `end`), ascending. */
  records: FetchedRecord[];
  /** Where the next read starts. */
  next: number;
  /** Nothing more can be read below `end`: the log ends (or starts) past it. */
  done: boolean;
}

export class PartitionReader {
  constructor(
    private readonly client: ClusterClient,
    private readonly topic: string,
    readonly partition: number,
    /** Where to ask first; updated when the partition is found elsewhere. */
    private leader: number,
  ) {}

  /** One Fetch from `offset`, keeping the records below `end` (at most `maxBytes` of batches asked for). */
  async read(offset: number, end: number, maxBytes = 1 << 20): Promise<ReadStep> {
    const { topic, partition } = this;
    let pos = offset;
    let moves = 0;
    for (;;) {
      if (pos >= end) return { records: [], next: pos, done: true };
      let p;
      try {
        if (this.leader < 0) throw new KafkaApiError(ErrorCode.LEADER_NOT_AVAILABLE, `${topic}-${partition} has no leader right now`);
        const res = await this.client.toNode(this.leader, Fetch, () => fetchRequest([{ topic, partitions: [{ partition, offset: pos, maxBytes }] }], { maxBytes: Math.max(4 << 20, maxBytes) }));
        p = res.responses[0]?.partitions[0];
        if (p && LEADER_MOVED_CODES.has(p.errorCode)) throw new KafkaApiError(p.errorCode, null, `${topic}-${partition} on broker ${this.leader}`);
      } catch (e) {
        if (!isRetriable(e) || moves++ >= LEADER_MOVES) throw e;
        await backoff(moves - 1);
        this.leader = (await topicMeta(this.client, topic)).partitions.find((x) => x.partition === partition)?.leader ?? -1;
        continue;
      }
      if (!p) return { records: [], next: pos, done: true };
      if (p.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
        if (p.logStartOffset > pos) {
          pos = p.logStartOffset; // retention moved on while we read
          continue;
        }
        return { records: [], next: pos, done: true };
      }
      if (p.errorCode !== 0) throw new KafkaApiError(p.errorCode, null, `${topic}-${partition}`);
      const records: FetchedRecord[] = [];
      const read = await readFetched(p.records, pos, (record, logAppendTime) => {
        if (record.offset >= end) return false;
        records.push({ record, logAppendTime });
      });
      // no batch at all: the log ends here (below `end`, which was its end when asked)
      return { records, next: read.next, done: read.stopped || read.batches === 0 || read.next >= end };
    }
  }
}
