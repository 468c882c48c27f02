// What the dashboard does with one cluster's consumer groups, the way route handlers ask
// for it: the groups snapshot this cluster owns (each group read on its own, so one down
// coordinator costs only its groups), the views the screens show, and the changes
// (delete, delete offsets, reset) that leave this cluster's caches fresh.
import type { GroupSummary, GroupsQuery } from '../../../lib/contract/groups';
import type { ResetRequest } from '../../../lib/contract/reset';
import type { Cluster } from '../cluster';
import { deleteGroup, deleteGroupOffsets } from '../actions/group-admin';
import { resetGroup, type Requester } from '../actions/reset';
import { listResets } from '../actions/reset-audit';
import { computeSummaries, groupDetail, groupHistory, selectSummaries } from '../snapshots/group-views';
import { committedOffsetsForTopic, GROUPS_CACHE_MS, loadGroupsSnapshot, type GroupsSnapshot } from '../snapshots/groups';
import { SnapshotCache } from '../snapshots/snapshot-cache';
import { sampleIntervalMs } from '../sampling/lag-sampler';

export class GroupsService {
  private readonly cache: SnapshotCache<GroupsSnapshot>;

  constructor(private readonly cluster: Cluster) {
    // The lag sampler refreshes it every sample and pages read that: it is kept for two
    // sample intervals, so it lasts from one sample to the next with room for a slow one,
    // and a page loads it itself only when sampling has stopped (the cluster is away).
    // The previous snapshot carries the last known values of groups that cannot be read now.
    this.cache = new SnapshotCache(Math.max(GROUPS_CACHE_MS, 2 * sampleIntervalMs()), (previous) => loadGroupsSnapshot(cluster, previous));
  }

  /** Every group with its offsets and the log offsets around them, as of the last sample. */
  snapshot(): Promise<GroupsSnapshot> {
    return this.cache.get();
  }

  /** Loads the snapshot anew while readers keep the current one (the lag sampler's). */
  refresh(): Promise<GroupsSnapshot> {
    return this.cache.refresh();
  }

  /** The last snapshot loaded, without loading. */
  get last(): GroupsSnapshot | null {
    return this.cache.last;
  }

  invalidate(): void {
    this.cache.invalidate();
    this.ready = null; // a change was made: never answer the list from before it
  }

  /**
   * The groups list. Its lines are computed once per snapshot (10,000 groups take about a
   * second) and shared by every request until the next sample; while someone has asked in
   * the last minute, the sampler has them computed right after each sample, so a request
   * finds them ready. Nobody watching: nothing is computed.
   */
  async summaries(q: GroupsQuery) {
    this.watchedAt = Date.now();
    const snap = await this.snapshot();
    const pending = this.summariesOf(snap);
    // While the new sample's lines are being computed, the last sample's are answered (with
    // that sample's fetchedAt): a list one sample old beats a wait. Never after a change made
    // through the dashboard: invalidate() drops them.
    const ready = this.ready;
    if (ready && ready.snap !== snap && !this.lines?.done) return selectSummaries(ready.all, ready.snap, q);
    return selectSummaries(await pending, snap, q);
  }

  private watchedAt = 0;
  /** The lines of the newest snapshot asked for (being computed, or done). */
  private lines: { snap: GroupsSnapshot; all: Promise<GroupSummary[]>; done: boolean } | null = null;
  /** The last lines computed whole. */
  private ready: { snap: GroupsSnapshot; all: GroupSummary[] } | null = null;

  private summariesOf(snap: GroupsSnapshot): Promise<GroupSummary[]> {
    if (this.lines?.snap !== snap) {
      const all = computeSummaries(this.cluster, snap);
      const lines = { snap, all, done: false };
      this.lines = lines;
      all.then(
        (computed) => {
          lines.done = true;
          if (this.lines === lines) this.ready = { snap, all: computed };
        },
        () => {
          if (this.lines === lines) this.lines = null;
        },
      );
    }
    return this.lines.all;
  }

  /** After a sample: the list's lines for the new snapshot, if someone watched in the last minute. */
  async prepareSummaries(snap: GroupsSnapshot): Promise<void> {
    if (Date.now() - this.watchedAt > 60_000) return;
    await this.summariesOf(snap);
  }

  detail(groupId: string) {
    return groupDetail(this.cluster, groupId);
  }

  history(groupId: string) {
    return groupHistory(this.cluster, groupId);
  }

  async committedForTopic(topic: string) {
    return committedOffsetsForTopic(await this.snapshot(), topic);
  }

  private async changing<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      this.cluster.invalidate();
    }
  }

  delete(groupId: string): Promise<void> {
    return this.changing(() => deleteGroup(this.cluster, groupId));
  }

  deleteOffsets(groupId: string, topic: string): Promise<number> {
    return this.changing(() => deleteGroupOffsets(this.cluster, groupId, topic));
  }

  reset(groupId: string, req: ResetRequest, who: Requester) {
    // a dry run changes nothing: the caches stay
    return req.dryRun ? resetGroup(this.cluster, groupId, req, who) : this.changing(() => resetGroup(this.cluster, groupId, req, who));
  }

  resets(groupId: string) {
    return listResets(this.cluster, groupId);
  }
}
