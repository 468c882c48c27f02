// Group helpers for tests: committed offsets and group descriptions over our own wire
// client (no kafkajs involved, so a test sees exactly what the broker answers), and
// waiting for a condition with a deadline.
import { OffsetCommit } from '../../server/protocol/08-offset-commit';
import { groupAnswer, OffsetFetch } from '../../server/protocol/09-offset-fetch';
import { DescribeGroups } from '../../server/protocol/15-describe-groups';
import { WireConnection } from '../../server/kafka/connection/wire-connection';

export async function withConn<T>(port: number, fn: (c: WireConnection) => Promise<T>): Promise<T> {
  const conn = await WireConnection.connect('127.0.0.1', port);
  try {
    return await fn(conn);
  } finally {
    conn.close();
  }
}

/** An admin-style commit (generation −1, no member), as kafka-consumer-groups --reset-offsets does; throws on any partition's error. */
export async function adminCommit(port: number, groupId: string, topic: string, offsets: Record<number, number>, metadata: string | null = null): Promise<void> {
  const res = await withConn(port, (c) =>
    c.request(OffsetCommit, 7, {
      groupId,
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [
        {
          name: topic,
          partitions: Object.entries(offsets).map(([p, o]) => ({ partitionIndex: Number(p), committedOffset: o, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: metadata })),
        },
      ],
    }),
  );
  for (const p of res.topics[0].partitions) if (p.errorCode !== 0) throw new Error(`OffsetCommit of ${groupId} ${topic}/${p.partitionIndex}: error ${p.errorCode}`);
}

/** Every committed offset of a group as "topic/partition" → offset (OffsetFetch v5, topics null = all). */
export async function committedOffsets(port: number, groupId: string): Promise<Map<string, number>> {
  const res = groupAnswer(await withConn(port, (c) => c.request(OffsetFetch, 5, { groupId, topics: null })), groupId);
  if (res.errorCode !== 0) throw new Error(`OffsetFetch error ${res.errorCode}`);
  const out = new Map<string, number>();
  for (const t of res.topics) for (const p of t.partitions) if (p.committedOffset >= 0) out.set(`${t.name}/${p.partitionIndex}`, p.committedOffset);
  return out;
}

export async function describeGroup(port: number, groupId: string) {
  const res = await withConn(port, (c) => c.request(DescribeGroups, 4, { groups: [groupId], includeAuthorizedOperations: false }));
  return res.groups[0];
}

/** ConsumerProtocol assignment (v0 prefix of every version): topic → partitions. */
export function decodeAssignment(buf: Buffer): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (buf.length < 6) return out;
  let at = 2; // version
  const n = buf.readInt32BE(at);
  at += 4;
  for (let i = 0; i < n; i++) {
    const len = buf.readInt16BE(at);
    const topic = buf.toString('utf8', at + 2, at + 2 + len);
    at += 2 + len;
    const count = buf.readInt32BE(at);
    at += 4;
    const parts: number[] = [];
    for (let j = 0; j < count; j++, at += 4) parts.push(buf.readInt32BE(at));
    out.set(topic, parts.sort((a, b) => a - b));
  }
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value (not undefined/false) or the deadline passes. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await sleep(everyMs);
  }
}
