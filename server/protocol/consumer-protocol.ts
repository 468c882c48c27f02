// The "consumer" embedded protocol: what consumer clients put in JoinGroup metadata and
// SyncGroup assignments (opaque bytes to the broker). Only the assignment is decoded here:
// the dashboard shows which member owns which partitions.
//   Assignment v0–3: int16 version, [topic string, [int32 partition]], bytes userData (v1+ adds nothing before it)
import { ProtocolError, Reader } from './primitives';

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
