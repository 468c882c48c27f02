// A cluster-wide read shared for a moment: concurrent callers within `ttlMs` get the same
// load (many open tabs cost one round of requests), per cluster (its client), on
// globalThis so every route bundle shares it. A failed load is not kept.
import type { ClusterClient } from '../connection/cluster-client';

interface Entry<T> {
  at: number;
  promise: Promise<T>;
}

export class SnapshotCache<T> {
  private readonly key: symbol;

  constructor(
    name: string,
    private readonly ttlMs: number,
    private readonly load: (client: ClusterClient) => Promise<T>,
  ) {
    this.key = Symbol.for(`offsetscope.snapshot.${name}`);
  }

  private entries(): Map<ClusterClient, Entry<T>> {
    const g = globalThis as Record<symbol, Map<ClusterClient, Entry<T>> | undefined>;
    return (g[this.key] ??= new Map());
  }

  get(client: ClusterClient): Promise<T> {
    const all = this.entries();
    const cached = all.get(client);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.promise;
    const promise = this.load(client);
    all.set(client, { at: Date.now(), promise });
    promise.catch(() => {
      if (all.get(client)?.promise === promise) all.delete(client);
    });
    return promise;
  }

  /** After a change: the next read of every cluster is fresh. */
  invalidate(): void {
    this.entries().clear();
  }
}
