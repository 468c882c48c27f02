// What the dashboard does with one cluster's topics, the way route handlers ask for it:
// reads through this cluster's topics snapshot, and changes that leave this cluster's
// caches (and only this cluster's) fresh for the next read.
import type { MessagesQuery, ProduceRequest } from '../../../lib/contract/messages';
import type { Cluster } from '../cluster';
import { patchTopicConfigs } from '../actions/configs';
import { addPartitions, createTopic, deleteRecords, deleteTopic } from '../actions/topic-admin';
import { browse } from '../messages/browse';
import { produce } from '../messages/produce';
import { tailStream } from '../messages/tail';
import { prepareSearch, SearchStats, type PreparedSearch, type SearchOptions } from '../messages/search';
import { Refusal } from '../errors';
import { SnapshotCache } from '../snapshots/snapshot-cache';
import { loadTopicsSnapshot, topicDetail, type TopicsSnapshot } from '../snapshots/topics';

/** How long one topics snapshot serves every caller (many tabs, the totals sampler). */
const TOPICS_CACHE_MS = 1000;

/** Searches running at once on one cluster (each holds a Fetch at a time and the thread for at most a slice). */
export function searchesMax(): number {
  const v = Number(process.env.OFFSETSCOPE_SEARCHES_MAX);
  return Number.isInteger(v) && v > 0 ? v : 8;
}

export class TopicsService {
  private readonly cache: SnapshotCache<TopicsSnapshot>;
  /** Searches running now and records they tested, for /metrics. */
  readonly searches = new SearchStats();

  constructor(private readonly cluster: Cluster) {
    this.cache = new SnapshotCache(TOPICS_CACHE_MS, () => loadTopicsSnapshot(cluster.client));
  }

  /** Every topic with its totals; concurrent callers within a second share one load. */
  snapshot(): Promise<TopicsSnapshot> {
    return this.cache.get();
  }

  invalidate(): void {
    this.cache.invalidate();
  }

  detail(name: string) {
    return topicDetail(this.cluster, name);
  }

  /** Runs a change and makes this cluster's next reads fresh, whether it worked or not. */
  private async changing<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      this.cluster.invalidate();
    }
  }

  create(t: Parameters<typeof createTopic>[1]): Promise<void> {
    return this.changing(() => createTopic(this.cluster.client, t));
  }

  delete(name: string): Promise<void> {
    return this.changing(() => deleteTopic(this.cluster.client, name));
  }

  addPartitions(name: string, count: number): Promise<void> {
    return this.changing(() => addPartitions(this.cluster.client, name, count));
  }

  deleteRecords(name: string, partitions: { partition: number; beforeOffset: number }[]) {
    return this.changing(() => deleteRecords(this.cluster.client, name, partitions));
  }

  patchConfigs(name: string, configs: Record<string, string | null>): Promise<void> {
    return this.changing(() => patchTopicConfigs(this.cluster.client, name, configs));
  }

  browse(name: string, q: MessagesQuery) {
    return browse(this.cluster.client, name, q);
  }

  produce(name: string, req: ProduceRequest) {
    return this.changing(() => produce(this.cluster.client, name, req));
  }

  /** A checked search on this cluster, or 409 SEARCHES_FULL when OFFSETSCOPE_SEARCHES_MAX run already. */
  search(name: string, opts: SearchOptions): Promise<PreparedSearch> {
    const max = searchesMax();
    if (this.searches.running >= max) {
      throw new Refusal('conflict', 'SEARCHES_FULL', `${max} searches already run on this cluster (OFFSETSCOPE_SEARCHES_MAX); try again when one ends.`, { limit: max });
    }
    return prepareSearch(this.cluster.client, name, opts, this.searches);
  }

  tail(name: string, partition: number | undefined, signal: AbortSignal) {
    return tailStream(this.cluster.client, name, partition, signal);
  }
}
