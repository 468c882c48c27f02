// The "consumer" embedded protocol: what consumer clients put in JoinGroup metadata and
// SyncGroup assignments (opaque bytes to the broker). The dashboard decodes assignments to
// show which member owns which partitions, and the lab's members speak it to join groups.
//   Subscription v0: int16 version, [topic string], bytes userData
//     (v1 adds owned partitions, v2 the generation, v3 the rack: all after userData)
//   Assignment v0–3: int16 version, [topic string, [int32 partition]], bytes userData
import { ProtocolError, Reader, Writer } from './primitives';

export interface TopicAssignment {
  topic: string;
  partitions: number[];
}

export function decodeConsumerAssignment(buf: Buffer): TopicAssignment[] {
  if (buf.length === 0) return []; // a member that has no partitions yet
  const r = new Reader(buf);
  const version = r.int16();
  if (version < 0) throw new ProtocolError(`bad consumer assignment version ${version}`);
  const n = r.arrayLength();
  const out: TopicAssignment[] = [];
  for (let i = 0; i < n; i++) {
    const topic = r.string();
    const m = r.arrayLength();
    const partitions: number[] = [];
    for (let j = 0; j < m; j++) partitions.push(r.int32());
    out.push({ topic, partitions: partitions.sort((a, b) => a - b) });
  }
  return out;
}

/** Written as v0: every client version reads it, and the lab needs nothing newer. */
export function encodeConsumerAssignment(assignment: TopicAssignment[]): Buffer {
  const w = new Writer().int16(0).int32(assignment.length);
  for (const a of assignment) {
    w.string(a.topic).int32(a.partitions.length);
    for (const p of a.partitions) w.int32(p);
  }
  return w.nullableBytes(null).toBuffer();
}

export function encodeConsumerSubscription(topics: string[]): Buffer {
  const w = new Writer().int16(0).int32(topics.length);
  for (const t of topics) w.string(t);
  return w.nullableBytes(null).toBuffer();
}

/** The subscribed topics of any version; what later versions add after them is skipped. */
export function decodeConsumerSubscription(buf: Buffer): string[] {
  const r = new Reader(buf);
  const version = r.int16();
  if (version < 0) throw new ProtocolError(`bad consumer subscription version ${version}`);
  const n = r.arrayLength();
  const topics: string[] = [];
  for (let i = 0; i < n; i++) topics.push(r.string());
  return topics;
}
