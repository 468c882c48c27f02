// The lag sampler: every interval it takes the groups snapshot, reads new commits from
// `__consumer_offsets` (commit times, as Burrow does), and keeps what the group screens
// need over time: the last WINDOW commits per partition (for the Burrow-style status),
// sampled log-end offsets (for time-lag estimates) and each group's lag history (for the
// charts, also written to disk). Owned by its Cluster, started with it.
import { WINDOW, type CommitPoint, type LogEndSample } from '../../../lib/offsets/lag-status';
import { LogEndTrail } from '../../../lib/offsets/log-end-trail';
import { PollWindow } from '../../../lib/offsets/poll-window';
import type { Cluster } from '../cluster';
import { CommitLog, commitKey, type CommitRecord } from './commit-log';
import type { GroupsSnapshot } from '../snapshots/groups';
import path from 'node:path';
import { HistoryStore } from './history/history-store';
import { SamplerStateFile } from './sampler-state';
import { historyMaxBytes } from './history/tiers';
import { tpKey } from '../routing/offsets';
import { needsRecordTimestamp } from '../../../lib/offsets/time-lag';
import { RecordTimes } from './record-times';
import type { WantedRecord } from '../routing/record-timestamps';

/** Burrow's min-distance: commits closer than this replace the previous one in the window. */
const MIN_DISTANCE_MS = 1000;

export interface PartitionTrack {
  commits: CommitPoint[];
  lastOffset: number | null;
  lastCommitAt: number | null;
}

type HistoryPoint = { t: number; totalLag: number | null; byTopic: Record<string, number> };

/** How often each cluster's lag is sampled (OFFSETSCOPE_LAG_SAMPLE_MS, default 5 s). */
export function sampleIntervalMs(): number {
  return Number(process.env.OFFSETSCOPE_LAG_SAMPLE_MS) || 5000;
}

export class LagSampler {
  readonly intervalMs: number;
  private readonly commitLog: CommitLog;
  private readonly tracks = new Map<string, PartitionTrack>();
  /** The last WINDOW polls of each partition's log-end (Burrow's broker-offset window). */
  private readonly polls = new Map<string, PollWindow>();
  /** Where each partition's log-end was when (time-lag estimates, the lag at a commit): fixed memory a partition. */
  private readonly logEnds = new Map<string, LogEndTrail>();
  /** Timestamps of the records groups are stuck at, where the trail cannot place them (record-times.ts). */
  readonly recordTimes: RecordTimes;
  /** The groups snapshot of the last sample that could read one. */
  last: GroupsSnapshot | null = null;
  /** When the last sample began, and how it ended (null: it read the cluster). */
  lastAttempt: { at: number; problem: string | null } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Each group's lag per topic over time (tiered, bounded: history/). */
  private readonly history: HistoryStore;
  /** The history and the windows read back from disk: samples wait for them, so they land after them. */
  private readonly loaded: Promise<void>;
  /** Windows, trails and commit tracks on disk (sampler-state.ts), saved once a minute. */
  private readonly stateFile: SamplerStateFile;
  private savedAt = 0;

  constructor(readonly cluster: Cluster) {
    this.intervalMs = sampleIntervalMs();
    this.commitLog = new CommitLog(cluster.client);
    this.recordTimes = new RecordTimes(cluster.client);
    this.history = new HistoryStore(cluster.dataDir('lag-history'), { sampleMs: this.intervalMs, maxBytes: historyMaxBytes() });
    this.stateFile = new SamplerStateFile(path.join(cluster.dataDir('lag-state'), 'sampler.bin'));
    this.loaded = Promise.all([
      this.history.load().catch((e) => console.error(`[lag history] ${cluster.id}: could not be read back: ${(e as Error).message}`)),
      this.restore(),
    ]).then(() => {});
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    void this.save();
  }

  /** The windows, trails and commit tracks of the last run, if they were saved. */
  private async restore(): Promise<void> {
    const state = await this.stateFile.read();
    if (!state) return;
    for (const [tp, pairs] of state.polls) this.polls.set(tp, PollWindow.from(pairs, WINDOW));
    for (const [tp, pts] of state.trails) this.logEnds.set(tp, LogEndTrail.from(pts));
    for (const [k, tr] of state.tracks) this.tracks.set(k, { commits: tr.commits.slice(-WINDOW), lastOffset: tr.lastOffset, lastCommitAt: tr.lastCommitAt });
  }

  /** Resolves once the history and the saved windows are read back. */
  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  /** Writes the windows, trails and commit tracks now (they are written once a minute anyway). */
  flush(): Promise<void> {
    return this.save();
  }

  private save(): Promise<void> {
    this.savedAt = Date.now();
    return this.stateFile.save({
      polls: new Map([...this.polls].map(([tp, w]) => [tp, w.toJSON()])),
      trails: new Map([...this.logEnds].map(([tp, t]) => [tp, t.points()])),
      tracks: this.tracks,
    });
  }

  /** The last WINDOW commits of a (group, topic, partition) by commitKey, if any were seen. */
  commitsOf(key: string): CommitPoint[] | undefined {
    return this.tracks.get(key)?.commits;
  }

  /** When the partition's current committed offset was first seen committed. */
  lastCommitAt(key: string): number | null {
    return this.tracks.get(key)?.lastCommitAt ?? null;
  }

  /** The last WINDOW polls of a partition's log-end, oldest first, changed or not: what Burrow's rules look at. */
  recentPolls(tp: string): LogEndSample[] {
    return this.polls.get(tp)?.samples() ?? [];
  }

  /** Whether commit times come from `__consumer_offsets` (exact) or from first sight. */
  get exactCommitTimes(): boolean {
    return this.commitLog.available;
  }

  /** How far a commit time may be from the commit: 0 when read from `__consumer_offsets`, else one sample interval. */
  get commitTimeResolutionMs(): number {
    return this.commitLog.available ? 0 : this.intervalMs;
  }

  /** Why commit times are not exact, when they are not. */
  get commitLogProblem(): string | null {
    return this.commitLog.problem;
  }

  /** The latest commit of a key as `__consumer_offsets` recorded it. */
  exactCommit(key: string): CommitRecord | undefined {
    return this.commitLog.latest.get(key);
  }

  /** A group's lag over time, oldest first (undefined: the history holds nothing of it). */
  async historyOf(groupId: string): Promise<HistoryPoint[] | undefined> {
    await this.loaded;
    const prefix = `${groupId}\u0000`;
    const keys = this.history.keysStartingWith(prefix);
    if (keys.length === 0) return undefined;
    const topics = keys.map((k) => k.slice(prefix.length));
    return this.history.query(keys).map(({ t, values }) => {
      const byTopic: Record<string, number> = {};
      let totalLag: number | null = null;
      values.forEach((v, i) => {
        if (v === null) return;
        byTopic[topics[i]] = v;
        totalLag = (totalLag ?? 0) + v;
      });
      return { t, totalLag, byTopic };
    });
  }

  /** How far back the history reaches under its byte bound (OFFSETSCOPE_HISTORY_MAX_BYTES). */
  get historySpanMs(): number {
    return this.history.promisedSpanMs;
  }

  /** One sample; concurrent callers share it. */
  tick(): Promise<void> {
    this.running ??= this.sample().finally(() => (this.running = null));
    return this.running;
  }

  private track(k: string): PartitionTrack {
    let t = this.tracks.get(k);
    if (!t) this.tracks.set(k, (t = { commits: [], lastOffset: null, lastCommitAt: null }));
    return t;
  }

  /** The sampled log-end at time t (the last sample at or before it), if any. */
  logEndAt(tp: string, t: number): number | null {
    return this.logEnds.get(tp)?.at(t) ?? null;
  }

  /** When the record at `offset` was first seen to exist: the first sample whose log-end passed it. */
  firstSeenAfter(tp: string, offset: number): { t: number; exact: boolean } | null {
    return this.logEnds.get(tp)?.firstAfter(offset) ?? null;
  }

  private addCommit(k: string, tp: string, offset: number, at: number): void {
    const tr = this.track(k);
    const end = this.logEndAt(tp, at);
    const point: CommitPoint = { offset, timestamp: at, lag: end === null ? 0 : Math.max(0, end - offset) };
    const prev = tr.commits[tr.commits.length - 1];
    // after a restart the commit log is read again from its start: what the saved window holds is not added twice
    if (prev && (at < prev.timestamp || (at === prev.timestamp && offset === prev.offset))) return;
    if (prev && at - prev.timestamp < MIN_DISTANCE_MS) tr.commits[tr.commits.length - 1] = point;
    else tr.commits.push(point);
    if (tr.commits.length > WINDOW) tr.commits.splice(0, tr.commits.length - WINDOW);
    if (tr.lastOffset !== offset || tr.lastCommitAt === null) tr.lastCommitAt = at;
    tr.lastOffset = offset;
  }

  /** Drops what is kept of partitions whose topic is gone and of groups that are gone. */
  private forgetGone(snap: GroupsSnapshot): void {
    const topics = new Set(snap.metadata.topics.map((t) => t.name));
    const topicOf = (tp: string) => tp.slice(0, tp.lastIndexOf('\u0000'));
    for (const tp of this.polls.keys()) if (!topics.has(topicOf(tp))) this.polls.delete(tp);
    for (const tp of this.logEnds.keys()) if (!topics.has(topicOf(tp))) this.logEnds.delete(tp);
    for (const k of this.tracks.keys()) if (!snap.groups.has(k.slice(0, k.indexOf('\u0000')))) this.tracks.delete(k);
  }

  /** Lagging partitions whose record at the committed offset predates the log-end trail: their time lag needs its timestamp. */
  private recordsToPlace(snap: GroupsSnapshot): WantedRecord[] {
    const out: WantedRecord[] = [];
    for (const g of snap.groups.values()) {
      if (g.unavailable) continue;
      for (const c of g.committed.values()) {
        const tp = tpKey(c.topic, c.partition);
        const end = snap.offsets.get(tp)?.end;
        if (end === null || end === undefined) continue;
        if (needsRecordTimestamp(end - c.offset, this.firstSeenAfter(tp, c.offset))) out.push({ topic: c.topic, partition: c.partition, offset: c.offset });
      }
    }
    return out;
  }

  private async sample(): Promise<void> {
    await this.loaded;
    let snap: GroupsSnapshot;
    const at = Date.now();
    try {
      snap = await this.cluster.groups.refresh(); // what the pages read until the next sample
      this.lastAttempt = { at, problem: null };
    } catch (e) {
      this.lastAttempt = { at, problem: (e as Error).message };
      return; // unreachable: a gap in the history is the truth
    }
    const now = snap.fetchedAt;
    // windows and log-end points only where some group has committed: what lag is about
    const committed = new Set<string>();
    for (const g of snap.groups.values()) if (!g.unavailable) for (const k of g.committed.keys()) committed.add(k);
    for (const [tp, o] of snap.offsets) {
      if (o.end === null || !committed.has(tp)) continue;
      let w = this.polls.get(tp);
      if (!w) this.polls.set(tp, (w = new PollWindow(WINDOW)));
      w.push(o.end, now);
      let trail = this.logEnds.get(tp);
      if (!trail) this.logEnds.set(tp, (trail = new LogEndTrail()));
      trail.observe(o.end, now);
    }
    this.forgetGone(snap);
    const commits = await this.commitLog.poll();
    if (this.commitLog.available) {
      for (const c of commits) this.addCommit(commitKey(c.group, c.topic, c.partition), tpKey(c.topic, c.partition), c.offset, c.commitTimestamp);
    } else {
      // No commit times to read (no permission, a cloud that hides the topic, or turned off):
      // the sampled committed offsets are the commits, timed at the sample that first saw them,
      // so to within one sample interval. A partition a live member owns counts as committed
      // again at every sample even when its offset did not move: its consumer is there, so a
      // stuck one shows STALL (as Burrow would from its repeated commits), not STOP. One that
      // nobody owns gets a point only when its offset moves, and falls silent (STOP) otherwise.
      for (const g of snap.groups.values()) {
        if (g.unavailable) continue;
        const owned = new Set<string>();
        for (const m of g.members) for (const a of m.assignments) for (const p of a.partitions) owned.add(tpKey(a.topic, p));
        for (const c of g.committed.values()) {
          const k = commitKey(g.groupId, c.topic, c.partition);
          const tp = tpKey(c.topic, c.partition);
          if (this.tracks.get(k)?.lastOffset !== c.offset || owned.has(tp)) this.addCommit(k, tp, c.offset, now);
        }
      }
    }
    // one series per group and topic (the group's total is their sum)
    const point = new Map<string, number | null>();
    for (const g of snap.groups.values()) {
      if (g.unavailable) continue; // no value read: a gap in its chart, not a repeat of the last one
      for (const c of g.committed.values()) {
        const end = snap.offsets.get(tpKey(c.topic, c.partition))?.end;
        if (end === null || end === undefined) continue;
        const key = `${g.groupId}\u0000${c.topic}`;
        point.set(key, (point.get(key) ?? 0) + Math.max(0, end - c.offset));
      }
    }
    this.history.add(now, point);
    await this.recordTimes.update(snap.metadata, this.recordsToPlace(snap));
    this.last = snap;
    if (now - this.savedAt >= 60_000) void this.save();
    void this.cluster.totals.record(snap);
    await this.cluster.groups.prepareSummaries(snap); // only while someone watches the list
  }
}
