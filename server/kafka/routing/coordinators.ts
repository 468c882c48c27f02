// Group coordinators of one cluster: found with FindCoordinator, cached, and forgotten
// the moment they fail (a coordinator that moved, is loading, or went away), so the next
// call finds the new one. `call` is "a request to the group's coordinator" written once:
// retried with backoff on the errors that mean "ask again, maybe elsewhere". Many groups
// are found in one round (`ofMany`): one FindCoordinator v4 request for them all where
// the broker serves v4 (Kafka 3.0+), else one request a group.
import { FindCoordinator, keyAnswer, oneKeyRequest } from '../../protocol/10-find-coordinator';
import type { ClusterClient } from '../connection/cluster-client';
import { isClusterUnreachable, isKafkaApiError, KafkaApiError } from '../errors';
import { backoff, COORDINATOR_CODES } from './retry';

/** Group errors that mean the coordinator moved or is not ready yet. */
export { COORDINATOR_CODES };

export function isCoordinatorError(e: unknown): boolean {
  return (isKafkaApiError(e) && COORDINATOR_CODES.has(e.code)) || isClusterUnreachable(e);
}

export class Coordinators {
  private readonly known = new Map<string, number>();
  /** The last coordinator each group had, kept after it is forgotten: names the broker when it is down. */
  private readonly last = new Map<string, number>();

  constructor(private readonly client: ClusterClient) {}

  async of(groupId: string, fresh = false): Promise<number> {
    if (!fresh) {
      const node = this.known.get(groupId);
      if (node !== undefined) return node;
    }
    const found = (await this.find([groupId])).get(groupId)!;
    if (found instanceof Error) throw found;
    return found;
  }

  /**
   * The coordinators of many groups: the cached ones, and the others found in one round.
   * Per group: its coordinator, or why none was found (one group's failure is its own).
   */
  async ofMany(groupIds: string[]): Promise<Map<string, number | Error>> {
    const out = new Map<string, number | Error>();
    const unknown: string[] = [];
    for (const g of new Set(groupIds)) {
      const node = this.known.get(g);
      if (node !== undefined) out.set(g, node);
      else unknown.push(g);
    }
    if (unknown.length > 0) for (const [g, found] of await this.find(unknown)) out.set(g, found);
    return out;
  }

  /** Asks the cluster: every group in one v4 request, or (before v4) the first in this request and each other in one of its own. */
  private async find(groupIds: string[]): Promise<Map<string, number | Error>> {
    const out = new Map<string, number | Error>();
    let version = 0;
    let res;
    try {
      res = await this.client.any(FindCoordinator, (v) => {
        version = v;
        return v >= 4 ? { keyType: 0, coordinatorKeys: groupIds } : oneKeyRequest(groupIds[0]);
      });
    } catch (e) {
      for (const g of groupIds) out.set(g, e as Error);
      return out;
    }
    const answered = version >= 4 ? groupIds : groupIds.slice(0, 1);
    for (const groupId of answered) {
      try {
        const a = keyAnswer(res, groupId);
        if (a.errorCode !== 0) throw new KafkaApiError(a.errorCode, a.errorMessage, `coordinator of group ${groupId}`);
        this.known.set(groupId, a.nodeId);
        this.last.set(groupId, a.nodeId);
        out.set(groupId, a.nodeId);
      } catch (e) {
        out.set(groupId, e as Error);
      }
    }
    if (version < 4) {
      const rest = await Promise.all(groupIds.slice(1).map((g) => this.find([g])));
      for (const m of rest) for (const [g, found] of m) out.set(g, found);
    }
    return out;
  }

  forget(groupId: string): void {
    this.known.delete(groupId);
  }

  /** Forgets groups no longer listed (the cache lives as long as the cluster). */
  retain(groupIds: Set<string>): void {
    for (const g of this.known.keys()) if (!groupIds.has(g)) this.known.delete(g);
    for (const g of this.last.keys()) if (!groupIds.has(g)) this.last.delete(g);
  }

  lastKnown(groupId: string): number | null {
    return this.last.get(groupId) ?? null;
  }

  /**
   * Runs `fn` on the group's coordinator. `fn` throws a KafkaApiError with the group's
   * error code; a coordinator error or a failed connection forgets the coordinator, waits
   * and tries again (found afresh), `attempts` times in all.
   */
  async call<T>(groupId: string, fn: (node: number) => Promise<T>, attempts = 3): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn(await this.of(groupId, attempt > 0));
      } catch (e) {
        if (!isCoordinatorError(e)) throw e;
        this.forget(groupId);
        if (attempt + 1 >= attempts) throw e;
        await backoff(attempt);
      }
    }
  }
}
