// Commit times, read the way Burrow reads them: `__consumer_offsets` consumed with our
// group-less reader (OffsetFetch carries no commit time). Each poll fetches what is new on
// every partition from its leader and folds offset-commit records into the last commits
// per (group, topic, partition). A cluster that refuses the read (ACLs) leaves `available`
// false, and callers fall back to the sampler's first sight of a new offset.
import { Fetch } from '../../protocol/01-fetch';
import { decodeKey, decodeOffsetCommitValue } from '../../protocol/consumer-offsets';
import { decodeRecordBatch, splitBatches } from '../../protocol/record-batch';
import type { ClusterClient } from '../connection/cluster-client';
import { fetchRequest } from '../routing/fetch-request';
import { tpKey } from '../routing/offsets';

export const OFFSETS_TOPIC = '__consumer_offsets';

export interface CommitRecord {
  group: string;
  topic: string;
  partition: number;
  offset: number;
  commitTimestamp: number;
}

export const commitKey = (group: string, topic: string, partition: number) => `${group}\u0000${tpKey(topic, partition)}`;

export class CommitLog {
  available = false;
  problem: string | null = null;
  /** Next offset to read per __consumer_offsets partition. */
  private readonly positions = new Map<number, number>();
  /** The latest commit per key. */
  readonly latest = new Map<string, CommitRecord>();

  constructor(private readonly client: ClusterClient) {}

  /** Reads what is new; returns the commits seen, oldest first. */
  async poll(maxRounds = 20): Promise<CommitRecord[]> {
    const seen: CommitRecord[] = [];
    try {
      const md = await this.client.metadata([OFFSETS_TOPIC]);
      const topic = md.topics.find((t) => t.name === OFFSETS_TOPIC);
      if (!topic || topic.errorCode !== 0) {
        this.available = false;
        this.problem = `${OFFSETS_TOPIC} cannot be read (error ${topic?.errorCode ?? 'missing'})`;
        return seen;
      }
      const byLeader = new Map<number, number[]>();
      for (const p of topic.partitions) {
        let list = byLeader.get(p.leader);
        if (!list) byLeader.set(p.leader, (list = []));
        list.push(p.partition);
      }
      for (let round = 0; round < maxRounds; round++) {
        let progressed = false;
        for (const [leader, partitions] of byLeader) {
          const res = await this.client.toNode(leader, Fetch, () =>
            fetchRequest([{ topic: OFFSETS_TOPIC, partitions: partitions.map((partition) => ({ partition, offset: this.positions.get(partition) ?? 0, maxBytes: 1 << 20 })) }]),
          );
          for (const p of res.responses[0]?.partitions ?? []) {
            if (p.errorCode === 1 /* OFFSET_OUT_OF_RANGE: retention moved on */) {
              this.positions.set(p.partitionIndex, p.logStartOffset >= 0 ? p.logStartOffset : 0);
              progressed = true;
              continue;
            }
            if (p.errorCode !== 0) throw new Error(`error ${p.errorCode} reading ${OFFSETS_TOPIC}-${p.partitionIndex}`);
            const from = this.positions.get(p.partitionIndex) ?? 0;
            for (const batch of splitBatches(Buffer.concat(p.records ?? []))) {
              const next = Number(batch.readBigInt64BE(0)) + batch.readInt32BE(23) + 1;
              if (next <= from) continue;
              for (const rec of await decodeRecordBatch(batch)) {
                if (rec.offset < from || rec.key === null) continue;
                this.fold(rec.key, rec.value, seen);
              }
              this.positions.set(p.partitionIndex, next);
              progressed = true;
            }
          }
        }
        if (!progressed) break;
      }
      this.available = true;
      this.problem = null;
    } catch (e) {
      this.available = false;
      this.problem = (e as Error).message;
    }
    return seen;
  }

  private fold(key: Buffer, value: Buffer | null, seen: CommitRecord[]): void {
    let k;
    try {
      k = decodeKey(key);
    } catch {
      return; // a record kind we do not read (e.g. newer coordinator records)
    }
    if (k.kind !== 'offset') return;
    const ck = commitKey(k.group, k.topic, k.partition);
    if (value === null) {
      this.latest.delete(ck);
      return;
    }
    try {
      const v = decodeOffsetCommitValue(value);
      const rec = { group: k.group, topic: k.topic, partition: k.partition, offset: v.offset, commitTimestamp: v.commitTimestamp };
      this.latest.set(ck, rec);
      seen.push(rec);
    } catch {
      // unreadable value: skip, as Burrow does
    }
  }
}
