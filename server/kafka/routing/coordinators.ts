// Group coordinators of one cluster: found with FindCoordinator, cached, and forgotten
// the moment they fail (a coordinator that moved, is loading, or went away), so the next
// call finds the new one. `call` is "a request to the group's coordinator" written once:
// retried with backoff on the errors that mean "ask again, maybe elsewhere".
import { FindCoordinator } from '../../protocol/10-find-coordinator';
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
    const res = await this.client.any(FindCoordinator, () => ({ key: groupId, keyType: 0 }));
    if (res.errorCode !== 0) throw new KafkaApiError(res.errorCode, res.errorMessage, `coordinator of group ${groupId}`);
    this.known.set(groupId, res.nodeId);
    this.last.set(groupId, res.nodeId);
    return res.nodeId;
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
