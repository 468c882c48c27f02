// Live tail: new records of a topic (one partition or all) as server-sent events. Each
// partition is long-polled from its log end with Fetch (max_wait on the broker, not a
// timer loop here); the stream ends when the browser goes away.
import { Fetch } from '../../protocol/01-fetch';
import { ErrorCode } from '../../protocol/errors';
import { ATTR_LOG_APPEND_TIME, decodeRecordBatch, splitBatches } from '../../protocol/record-batch';
import type { ClusterClient } from '../connection/cluster-client';
import { KafkaApiError } from '../errors';
import { toMessage, topicMeta } from './browse';
import { fetchRequest } from '../routing/fetch-request';
import { logOffsets, tpKey } from '../routing/offsets';

const WAIT_MS = 2000;

export async function tailStream(client: ClusterClient, topic: string, partition: number | undefined, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const t = await topicMeta(client, topic);
  const parts = partition === undefined ? t.partitions : t.partitions.filter((p) => p.partition === partition);
  if (parts.length === 0) throw new KafkaApiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic '${topic}' has no partition ${partition}.`);
  const offsets = await logOffsets(client, [{ ...t, partitions: parts }]);
  const positions = new Map(parts.map((p) => [p.partition, offsets.get(tpKey(topic, p.partition))?.end ?? 0]));
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (s: string) => {
        if (!signal.aborted) controller.enqueue(enc.encode(s));
      };
      send(`: tailing ${topic}\n\n`); // opens the stream at once
      const byLeader = new Map<number, number[]>();
      for (const p of parts) byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), p.partition]);
      const loops = [...byLeader].map(async ([leader, ps]) => {
        let conn: Awaited<ReturnType<ClusterClient['dedicated']>> | null = null;
        signal.addEventListener('abort', () => conn?.close(), { once: true });
        while (!signal.aborted) {
          try {
            conn ??= await client.dedicated(leader);
            const res = await conn.request(
              Fetch,
              () => fetchRequest([{ topic, partitions: ps.map((partition) => ({ partition, offset: positions.get(partition)!, maxBytes: 1 << 20 })) }], { maxWaitMs: WAIT_MS, minBytes: 1, maxBytes: 4 << 20 }),
              WAIT_MS + 5000,
            );
            for (const p of res.responses[0]?.partitions ?? []) {
              if (p.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
                positions.set(p.partitionIndex, p.highWatermark >= 0 ? p.highWatermark : positions.get(p.partitionIndex)!);
                continue;
              }
              if (p.errorCode !== 0) continue;
              const from = positions.get(p.partitionIndex)!;
              for (const batch of splitBatches(Buffer.concat(p.records ?? []))) {
                const logAppend = (batch.readInt16BE(21) & ATTR_LOG_APPEND_TIME) !== 0;
                for (const r of await decodeRecordBatch(batch)) {
                  if (r.offset >= from) send(`data: ${JSON.stringify(toMessage(p.partitionIndex, r, logAppend))}\n\n`);
                }
                positions.set(p.partitionIndex, Math.max(positions.get(p.partitionIndex)!, Number(batch.readBigInt64BE(0)) + batch.readInt32BE(23) + 1));
              }
            }
          } catch (e) {
            conn?.close();
            conn = null;
            if (signal.aborted) break;
            send(`event: problem\ndata: ${JSON.stringify({ message: (e as Error).message })}\n\n`);
            await new Promise((r) => setTimeout(r, 1000)); // the cluster went away: try again shortly
          }
        }
      });
      await Promise.all(loops);
      try {
        controller.close();
      } catch {
        // already closed by the client going away
      }
    },
  });
}
