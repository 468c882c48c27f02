// Live tail: new records of a topic (one partition or all) as server-sent events. Each
// partition is long-polled from its log end with Fetch (max_wait on the broker, not a
// timer loop here), one connection per leader; the stream ends when the browser goes away.
// Leaders move (an election, a broker that died): a partition its leader no longer serves,
// or whose leader's connection failed, is routed again from fresh metadata, so the tail
// follows it instead of asking the old leader in a loop.
import { Fetch } from '../../protocol/01-fetch';
import { ErrorCode } from '../../protocol/errors';
import type { ClusterClient } from '../connection/cluster-client';
import { KafkaApiError } from '../errors';
import { toMessage, topicMeta } from './browse';
import { LEADER_MOVED_CODES } from '../routing/by-leader';
import { fetchRequest } from '../routing/fetch-request';
import { readFetched } from '../routing/fetched-records';
import { logOffsets, tpKey } from '../routing/offsets';

const WAIT_MS = 2000;
/** How long to let metadata settle after a leader change before asking it again. */
const REROUTE_MS = 500;

type Emit = (event: string | null, data: unknown) => void;

/** Which broker serves each tailed partition, and one fetch loop per such broker. */
class LeaderFollower {
  /** partition → its leader (−1: none known right now) */
  private readonly leaders = new Map<number, number>();
  private readonly loops = new Map<number, Promise<void>>();
  private rerouting: Promise<void> | null = null;

  constructor(
    private readonly client: ClusterClient,
    private readonly topic: string,
    partitions: { partition: number; leader: number }[],
    /** Next offset to deliver per partition: the one truth about what was sent. */
    private readonly positions: Map<number, number>,
    private readonly signal: AbortSignal,
    private readonly emit: Emit,
  ) {
    for (const p of partitions) this.leaders.set(p.partition, p.leader);
  }

  /** Runs until the stream is aborted. */
  async run(): Promise<void> {
    this.spawn();
    if (this.leaders.size && [...this.leaders.values()].some((l) => l < 0)) this.reroute();
    if (!this.signal.aborted) await new Promise<void>((r) => this.signal.addEventListener('abort', () => r(), { once: true }));
    await Promise.allSettled([...this.loops.values(), this.rerouting]);
  }

  private spawn(): void {
    for (const leader of new Set(this.leaders.values())) {
      if (leader < 0 || this.loops.has(leader)) continue;
      const loop = this.follow(leader).finally(() => {
        if (this.loops.get(leader) === loop) this.loops.delete(leader);
      });
      this.loops.set(leader, loop);
    }
  }

  private partitionsOf(leader: number): number[] {
    return [...this.leaders].filter(([, l]) => l === leader).map(([p]) => p);
  }

  private async follow(leader: number): Promise<void> {
    let conn: Awaited<ReturnType<ClusterClient['dedicated']>> | null = null;
    const close = () => conn?.close();
    this.signal.addEventListener('abort', close, { once: true });
    try {
      while (!this.signal.aborted) {
        const mine = this.partitionsOf(leader);
        if (mine.length === 0) return; // all moved elsewhere
        try {
          conn ??= await this.client.dedicated(leader);
          const res = await conn.request(
            Fetch,
            () => fetchRequest([{ topic: this.topic, partitions: mine.map((partition) => ({ partition, offset: this.positions.get(partition)!, maxBytes: 1 << 20 })) }], { maxWaitMs: WAIT_MS, minBytes: 1, maxBytes: 4 << 20 }),
            WAIT_MS + 5000,
          );
          let moved = false;
          for (const p of res.responses[0]?.partitions ?? []) {
            const partition = p.partitionIndex;
            if (LEADER_MOVED_CODES.has(p.errorCode)) {
              if (this.leaders.get(partition) === leader) this.leaders.set(partition, -1);
              moved = true;
              continue;
            }
            if (p.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
              if (p.highWatermark >= 0) this.positions.set(partition, p.highWatermark);
              continue;
            }
            if (p.errorCode !== 0) continue;
            await readFetched(p.records, this.positions.get(partition)!, (r, logAppend) => {
              // another loop may have delivered it already (the partition moved mid-request)
              if (r.offset < this.positions.get(partition)!) return;
              this.positions.set(partition, r.offset + 1);
              this.emit(null, toMessage(partition, r, logAppend));
            });
          }
          if (moved) this.reroute();
        } catch (e) {
          if (this.signal.aborted) return;
          this.emit('problem', { message: (e as Error).message });
          // this broker failed its partitions: fresh metadata says who serves them now
          for (const p of mine) if (this.leaders.get(p) === leader) this.leaders.set(p, -1);
          this.reroute();
          return;
        }
      }
    } finally {
      this.signal.removeEventListener('abort', close);
      conn?.close();
    }
  }

  /** Looks the leaders up again (after a short wait) until every partition has one. */
  private reroute(): void {
    if (this.rerouting) return;
    this.rerouting = (async () => {
      for (let wait = REROUTE_MS; !this.signal.aborted; wait = Math.min(wait * 2, 5000)) {
        await new Promise((r) => setTimeout(r, wait));
        if (this.signal.aborted) return;
        try {
          const t = await topicMeta(this.client, this.topic);
          for (const p of t.partitions) if (this.leaders.has(p.partition)) this.leaders.set(p.partition, p.leader);
        } catch (e) {
          this.emit('problem', { message: (e as Error).message });
          continue;
        }
        this.spawn();
        if (![...this.leaders.values()].some((l) => l < 0)) return;
      }
    })().finally(() => {
      this.rerouting = null;
    });
  }
}

export async function tailStream(client: ClusterClient, topic: string, partition: number | undefined, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const t = await topicMeta(client, topic);
  const parts = partition === undefined ? t.partitions : t.partitions.filter((p) => p.partition === partition);
  if (parts.length === 0) throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${topic}' has no partition ${partition}.`);
  const offsets = await logOffsets(client, [{ ...t, partitions: parts }]);
  // a partition whose end is unknown now (no leader) starts at −1: the broker answers
  // OFFSET_OUT_OF_RANGE with its high watermark, so it starts at its end, not its beginning
  const positions = new Map(parts.map((p) => [p.partition, offsets.get(tpKey(topic, p.partition))?.end ?? -1]));
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (s: string) => {
        if (!signal.aborted) controller.enqueue(enc.encode(s));
      };
      send(`: tailing ${topic}\n\n`); // opens the stream at once
      const emit: Emit = (event, data) => send(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
      await new LeaderFollower(client, topic, parts, positions, signal, emit).run();
      try {
        controller.close();
      } catch {
        // already closed by the client going away
      }
    },
  });
}
