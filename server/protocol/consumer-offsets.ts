// `__consumer_offsets` in Kafka's own binary format, so kcat, Burrow and Kafka's tools read
// it as they read a real cluster's. Every key and value starts with an int16 version;
// strings are int16-length UTF-8 (Kafka 3.7 group-coordinator/src/main/resources/common/message/):
//   OffsetCommitKey v1      group, topic, int32 partition            (v0 has the same layout)
//   OffsetCommitValue v3    int64 offset, int32 leaderEpoch, metadata, int64 commitTimestamp
//     (read also: v0 offset, metadata, commitTs; v1 adds int64 expireTs; v2 = v1 without it)
//   GroupMetadataKey v2     group
//   GroupMetadataValue v1   protocolType, int32 generation, nullable protocol, nullable leader,
//                           members [memberId, clientId, clientHost, int32 rebalanceTimeout,
//                           int32 sessionTimeout, bytes subscription, bytes assignment]
//     (read also: v0 without rebalanceTimeout; v2 adds int64 currentStateTimestamp after
//     leader; v3 adds a nullable groupInstanceId after memberId)
// We write offset value v3 and group value v1: Burrow 1.2.1 reads offset values 0, 1, 3 and
// group values 0, 1 only. A record with a null value (a tombstone) deletes its key.
// The group's partition is Kafka's `Utils.abs(groupId.hashCode()) % partitions`, with Java's
// String.hashCode over UTF-16 code units, so any tool computing it agrees with us.
import { Reader, Writer, ProtocolError } from './primitives';

export const OFFSETS_TOPIC = '__consumer_offsets';
/** Kafka's offsets.topic.num.partitions default. */
export const OFFSETS_TOPIC_PARTITIONS = 50;

/** Java's String.hashCode: s[0]*31^(n-1) + … + s[n-1], in 32-bit two's complement. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's Utils.abs: Math.abs, except that Integer.MIN_VALUE maps to 0. */
function kafkaAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n);
}

export function partitionFor(groupId: string, partitions = OFFSETS_TOPIC_PARTITIONS): number {
  return kafkaAbs(javaStringHashCode(groupId)) % partitions;
}

export interface OffsetCommitValue {
  offset: number;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
  /** Only in value v1 (written by old brokers); −1 otherwise. */
  expireTimestamp?: number;
}

export interface StoredMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  subscription: Buffer;
  assignment: Buffer;
}

export interface GroupMetadataValue {
  protocolType: string;
  generationId: number;
  protocolName: string | null;
  leader: string | null;
  members: StoredMember[];
}

export type RecordKey =
  | { kind: 'offset'; group: string; topic: string; partition: number }
  | { kind: 'group'; group: string };

export function offsetCommitKey(group: string, topic: string, partition: number): Buffer {
  return new Writer(64).int16(1).string(group).string(topic).int32(partition).toBuffer();
}

export function offsetCommitValue(v: OffsetCommitValue): Buffer {
  return new Writer(64).int16(3).int64(v.offset).int32(v.leaderEpoch).string(v.metadata).int64(v.commitTimestamp).toBuffer();
}

export function groupMetadataKey(group: string): Buffer {
  return new Writer(32).int16(2).string(group).toBuffer();
}

export function groupMetadataValue(v: GroupMetadataValue): Buffer {
  const w = new Writer(256);
  w.int16(1).string(v.protocolType).int32(v.generationId).nullableString(v.protocolName).nullableString(v.leader);
  w.int32(v.members.length);
  for (const m of v.members) {
    w.string(m.memberId).string(m.clientId).string(m.clientHost);
    w.int32(m.rebalanceTimeoutMs).int32(m.sessionTimeoutMs);
    w.bytes(m.subscription).bytes(m.assignment);
  }
  return w.toBuffer();
}

export function decodeKey(buf: Buffer): RecordKey {
  const r = new Reader(buf);
  const version = r.int16();
  if (version === 0 || version === 1) return { kind: 'offset', group: r.string(), topic: r.string(), partition: r.int32() };
  if (version === 2) return { kind: 'group', group: r.string() };
  throw new ProtocolError(`unknown __consumer_offsets key version ${version}`);
}

export function decodeOffsetCommitValue(buf: Buffer): OffsetCommitValue {
  const r = new Reader(buf);
  const version = r.int16();
  if (version < 0 || version > 4) throw new ProtocolError(`unknown offset commit value version ${version}`);
  const offset = r.int64();
  const leaderEpoch = version >= 3 ? r.int32() : -1;
  // v4 is flexible (OffsetCommitValue.json, KIP-915): a compact metadata string and a tag section at the end
  const metadata = version >= 4 ? r.compactString() : r.string();
  const commitTimestamp = r.int64();
  const expireTimestamp = version === 1 ? r.int64() : -1;
  if (version >= 4) r.skipTags(); // tagged fields a newer Kafka may add: not ours to read
  return { offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp };
}

export function decodeGroupMetadataValue(buf: Buffer): GroupMetadataValue {
  const r = new Reader(buf);
  const version = r.int16();
  if (version < 0 || version > 3) throw new ProtocolError(`unknown group metadata value version ${version}`);
  const protocolType = r.string();
  const generationId = r.int32();
  const protocolName = r.nullableString();
  const leader = r.nullableString();
  if (version >= 2) r.int64(); // currentStateTimestamp
  const n = r.arrayLength();
  const members: StoredMember[] = [];
  for (let i = 0; i < n; i++) {
    const memberId = r.string();
    const groupInstanceId = version >= 3 ? r.nullableString() : null;
    const clientId = r.string();
    const clientHost = r.string();
    const rebalanceTimeoutMs = version >= 1 ? r.int32() : -1;
    const sessionTimeoutMs = r.int32();
    if (version === 0) members.push({ memberId, groupInstanceId, clientId, clientHost, rebalanceTimeoutMs: sessionTimeoutMs, sessionTimeoutMs, subscription: r.bytes(), assignment: r.bytes() });
    else members.push({ memberId, groupInstanceId, clientId, clientHost, rebalanceTimeoutMs, sessionTimeoutMs, subscription: r.bytes(), assignment: r.bytes() });
  }
  return { protocolType, generationId, protocolName, leader, members };
}

