// Commit times, read the way Burrow reads them: `__consumer_offsets` consumed with our
// group-less reader (OffsetFetch carries no commit time). Each poll fetches what is new on
// every partition from its leader and folds offset-commit records into the last commits
// per (group, topic, partition). A cluster that refuses the read (ACLs) leaves `available`
// false, and callers fall back to the sampler's first sight of a new offset; so does
// OFFSETSCOPE_READ_COMMIT_LOG=false (reading every commit of a busy cluster is not free).
import { Fetch } from '../../protocol/01-fetch';
import { decodeKey, decodeOffsetCommitValue } from '../../protocol/consumer-offsets';
import type { ClusterClient } from '../connection/cluster-client';
import { isKafkaApiError, KafkaApiError } from '../errors';
import { byLeader, LEADER_MOVED_CODES, MOVED, type Moved } from '../routing/by-leader';
import { fetchRequest } from '../routing/fetch-request';
import { readFetched } from '../routing/fetched-records';
import { isRetriable } from '../routing/retry';
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

/** OFFSETSCOPE_READ_COMMIT_LOG: false turns the commit log off (commit times then come from samples). */
export function commitLogEnabled(): boolean {
  return !/^(false|0|off|no)$/i.test(process.env.OFFSETSCOPE_READ_COMMIT_LOG ?? '');
}

/** Decoding of the commit log gives the event loop a turn this often (ms): see readFetched's sliceMs. */
export const COMMIT_LOG_SLICE_MS = 10;

export class CommitLog {
  available = false;
  problem: string | null = null;
  readonly enabled = commitLogEnabled();
  /** Next offset to read per __consumer_offsets partition. */
  private readonly positions = new Map<number, number>();
  /** The latest commit per key. */
  readonly latest = new Map<string, CommitRecord>();

  constructor(
    private readonly client: ClusterClient,
    /** Infinity: decode each answer in one go (the bench's baseline). */
    private readonly sliceMs = COMMIT_LOG_SLICE_MS,
  ) {}

  /**
   * Reads what is new; returns the commits seen, oldest first. A partition whose leader
   * cannot be asked now is read on a later poll from where it stopped; the others go on.
   */
  async poll(maxRounds = 20): Promise<CommitRecord[]> {
    const seen: CommitRecord[] = [];
    if (!this.enabled) {
      this.problem = `reading ${OFFSETS_TOPIC} is turned off (OFFSETSCOPE_READ_COMMIT_LOG=false)`;
      return seen;
    }
    try {
      const md = await this.client.metadata([OFFSETS_TOPIC]);
      const topic = md.topics.find((t) => t.name === OFFSETS_TOPIC);
      if (!topic || (topic.errorCode !== 0 && topic.partitions.length === 0)) {
        this.available = false;
        this.problem = `${OFFSETS_TOPIC} cannot be read (error ${topic?.errorCode ?? 'missing'})`;
        return seen;
      }
      let pending = topic.partitions.map((p) => ({ topic: OFFSETS_TOPIC, partition: p.partition }));
      for (let round = 0; round < maxRounds && pending.length > 0; round++) {
        const { results, failed } = await byLeader(this.client, md, pending, (leader, list) => this.readFrom(leader, list, seen));
        const refused = [...failed.values()].find((e) => isKafkaApiError(e) && !isRetriable(e));
        if (refused && results.size === 0) throw refused; // e.g. no permission to read it at all
        // another round only for partitions that had more to read
        pending = pending.filter((p) => results.get(tpKey(p.topic, p.partition)) === true);
      }
      this.available = true;
      this.problem = null;
    } catch (e) {
      this.available = false;
      this.problem = (e as Error).message;
    }
    return seen;
  }

  /** One Fetch to a leader; per partition whether it read anything new (MOVED: ask the new leader). */
  private async readFrom(leader: number, list: { topic: string; partition: number }[], seen: CommitRecord[]): Promise<Map<string, boolean | Moved>> {
    const res = await this.client.toNode(leader, Fetch, () =>
      fetchRequest([{ topic: OFFSETS_TOPIC, partitions: list.map(({ partition }) => ({ partition, offset: this.positions.get(partition) ?? 0, maxBytes: 1 << 20 })) }]),
    );
    const out = new Map<string, boolean | Moved>();
    for (const p of res.responses[0]?.partitions ?? []) {
      const k = tpKey(OFFSETS_TOPIC, p.partitionIndex);
      if (LEADER_MOVED_CODES.has(p.errorCode)) {
        out.set(k, MOVED);
        continue;
      }
      if (p.errorCode === 1 /* OFFSET_OUT_OF_RANGE: retention moved on */) {
        this.positions.set(p.partitionIndex, p.logStartOffset >= 0 ? p.logStartOffset : 0);
        out.set(k, true);
        continue;
      }
      if (p.errorCode !== 0) throw new KafkaApiError(p.errorCode, null, `reading ${OFFSETS_TOPIC}-${p.partitionIndex}`);
      const from = this.positions.get(p.partitionIndex) ?? 0;
      const { next } = await readFetched(
        p.records,
        from,
        (rec) => {
          if (rec.key !== null) this.fold(rec.key, rec.value, seen);
        },
        { sliceMs: this.sliceMs },
      );
      this.positions.set(p.partitionIndex, next);
      out.set(k, next > from);
    }
    return out;
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
