// "One request per partition leader" — ListOffsets, Fetch, DeleteRecords and Produce all
// go to each partition's leader — written once: partitions are grouped by leader, each
// leader asked in parallel, and partitions whose leader moved (NOT_LEADER_OR_FOLLOWER,
// LEADER_NOT_AVAILABLE) or could not be reached are routed again from fresh metadata, a
// few times with backoff. A leader that could not be reached is not asked again in the
// same call (a dead broker costs one connect timeout, not one per round). A partition
// nobody could answer for fails alone: the others keep their answers.
import { ErrorCode } from '../../protocol/errors';
import type { ClusterClient, ClusterMetadata } from '../connection/cluster-client';
import { ClusterUnreachableError, isClusterUnreachable, KafkaApiError } from '../errors';
import { backoff } from './retry';

export interface PartitionRef {
  topic: string;
  partition: number;
}

export const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** What `send` answers for a partition the asked broker does not lead (any more). */
export const MOVED: unique symbol = Symbol('moved');
export type Moved = typeof MOVED;

/**
 * Partition errors that mean "ask the current leader again": it moved, is being elected,
 * or did not answer in time (REQUEST_TIMED_OUT, retriable in Kafka as in every client).
 */
export const LEADER_MOVED_CODES: ReadonlySet<number> = new Set([
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.LEADER_NOT_AVAILABLE,
  ErrorCode.REQUEST_TIMED_OUT,
  74 /* FENCED_LEADER_EPOCH */,
  76 /* UNKNOWN_LEADER_EPOCH */,
]);

export interface ByLeaderResult<R> {
  /** Answers by partitionKey. */
  results: Map<string, R>;
  /** Why a partition has no answer, by partitionKey. */
  failed: Map<string, Error>;
}

export interface ByLeaderOptions {
  /** Rounds of routing (the first included); default 3. */
  rounds?: number;
}

function leaderTable(md: Pick<ClusterMetadata, 'topics'>): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of md.topics) for (const p of t.partitions) out.set(partitionKey(t.name, p.partition), p.leader);
  return out;
}

/**
 * Sends `send(leader, parts)` once per leader of `parts` (leaders from `md`, metadata the
 * caller already holds) and collects each partition's answer. `send` answers per
 * partitionKey a result or MOVED; it may throw for the whole request (that leader's
 * partitions then count as unreachable through it).
 */
export async function byLeader<P extends PartitionRef, R>(
  client: ClusterClient,
  md: Pick<ClusterMetadata, 'topics'>,
  parts: P[],
  send: (leader: number, parts: P[]) => Promise<Map<string, R | Moved>>,
  opts: ByLeaderOptions = {},
): Promise<ByLeaderResult<R>> {
  const rounds = opts.rounds ?? 3;
  const results = new Map<string, R>();
  const failed = new Map<string, Error>();
  let leaders = leaderTable(md);
  /** Leaders that could not be reached in this call, with why. */
  const unreachable = new Map<number, Error>();
  let pending = parts;
  for (let round = 0; pending.length > 0; round++) {
    const again: P[] = [];
    const byNode = new Map<number, P[]>();
    for (const p of pending) {
      const k = partitionKey(p.topic, p.partition);
      const leader = leaders.get(k) ?? -1;
      if (leader < 0) {
        failed.set(k, new KafkaApiError(ErrorCode.LEADER_NOT_AVAILABLE, `${p.topic}-${p.partition} has no leader right now`));
        again.push(p);
      } else if (unreachable.has(leader)) {
        failed.set(k, unreachable.get(leader)!);
      } else {
        let list = byNode.get(leader);
        if (!list) byNode.set(leader, (list = []));
        list.push(p);
      }
    }
    await Promise.all(
      [...byNode].map(async ([leader, list]) => {
        let answers: Map<string, R | Moved>;
        try {
          answers = await send(leader, list);
        } catch (e) {
          if (!isClusterUnreachable(e)) {
            for (const p of list) failed.set(partitionKey(p.topic, p.partition), e as Error);
            return;
          }
          unreachable.set(leader, e as Error);
          for (const p of list) {
            failed.set(partitionKey(p.topic, p.partition), e as Error);
            again.push(p); // fresh metadata may name another leader
          }
          return;
        }
        for (const p of list) {
          const k = partitionKey(p.topic, p.partition);
          const a = answers.get(k);
          if (a === MOVED) {
            failed.set(k, new KafkaApiError(ErrorCode.NOT_LEADER_OR_FOLLOWER, `broker ${leader} did not serve ${p.topic}-${p.partition} (no longer its leader, or timed out)`));
            again.push(p);
          } else if (a === undefined) {
            failed.set(k, new ClusterUnreachableError(`broker ${leader} gave no answer for ${p.topic}-${p.partition}`));
          } else {
            failed.delete(k);
            results.set(k, a);
          }
        }
      }),
    );
    if (again.length === 0 || round + 1 >= rounds) break;
    await backoff(round);
    try {
      leaders = leaderTable(await client.metadata([...new Set(again.map((p) => p.topic))]));
    } catch {
      break; // no fresh metadata: the failures stand
    }
    pending = again.filter((p) => {
      const leader = leaders.get(partitionKey(p.topic, p.partition)) ?? -1;
      return !unreachable.has(leader); // the same dead leader again: nothing new to try
    });
  }
  return { results, failed };
}
