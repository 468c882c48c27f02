// KIP-848 consumer groups' records in `__consumer_offsets`, in Kafka's formats (Kafka 4.0's
// group-coordinator/src/main/resources/common/message/ConsumerGroup*.json), so that Kafka's
// tools read them as they read a real cluster's. A key is an int16 record type and its
// fields, non-flexible; a value is an int16 version (0) and its fields, flexible (compact
// strings and arrays, a tagged-field section after every struct). A null value deletes.
//   type 3  ConsumerGroupMetadata               group            → group epoch
//   type 4  ConsumerGroupPartitionMetadata      group            → subscribed topics: id, name, partitions
//   type 5  ConsumerGroupMemberMetadata         group, member    → instance, rack, client, host,
//                                                                  subscription, rebalance timeout, assignor
//   type 6  ConsumerGroupTargetAssignmentMetadata group          → assignment epoch
//   type 7  ConsumerGroupTargetAssignmentMember group, member    → the member's target partitions
//   type 8  ConsumerGroupCurrentMemberAssignment group, member   → epochs, state, assigned and
//                                                                  pending-revocation partitions
// Readers that know only the classic records (offsets 0–1, groups 2) skip these.
import { array, decode, encode, int32, int8, nullableString, string, struct, uuid, type Codec, type Infer } from './codec';
import { ProtocolError, Reader, Writer } from './primitives';

export const CONSUMER_GROUP_RECORD_TYPES = { metadata: 3, partitionMetadata: 4, member: 5, targetMetadata: 6, targetMember: 7, currentAssignment: 8 } as const;
export type ConsumerGroupRecordKind = keyof typeof CONSUMER_GROUP_RECORD_TYPES;
const KIND_OF = new Map(Object.entries(CONSUMER_GROUP_RECORD_TYPES).map(([k, v]) => [v, k as ConsumerGroupRecordKind]));

/** The member-scoped kinds have a member id in the key. */
const MEMBER_KINDS = new Set<ConsumerGroupRecordKind>(['member', 'targetMember', 'currentAssignment']);

export interface ConsumerGroupRecordKey {
  kind: ConsumerGroupRecordKind;
  group: string;
  /** For member, targetMember and currentAssignment. */
  memberId?: string;
}

export function consumerGroupKey(kind: ConsumerGroupRecordKind, group: string, memberId?: string): Buffer {
  const w = new Writer(64).int16(CONSUMER_GROUP_RECORD_TYPES[kind]).string(group);
  if (MEMBER_KINDS.has(kind)) {
    if (memberId === undefined) throw new Error(`a ${kind} record key needs a member id`);
    w.string(memberId);
  }
  return w.toBuffer();
}

/** The key's record type (its first int16) is one of these; null for any other type. */
export function decodeConsumerGroupKey(buf: Buffer): ConsumerGroupRecordKey | null {
  const r = new Reader(buf);
  const kind = KIND_OF.get(r.int16() as 3);
  if (!kind) return null;
  const group = r.string();
  return MEMBER_KINDS.has(kind) ? { kind, group, memberId: r.string() } : { kind, group };
}

const topicPartitions = struct({ topicId: uuid, partitions: array(int32) });

const values = {
  metadata: struct({ epoch: int32 }),
  partitionMetadata: struct({
    topics: array(
      struct({
        topicId: uuid,
        topicName: string,
        numPartitions: int32,
        /** Racks per partition: unused since Kafka 4.0, written empty. */
        partitionMetadata: array(struct({ partition: int32, racks: array(string) })),
      }),
    ),
  }),
  member: struct({
    instanceId: nullableString,
    rackId: nullableString,
    clientId: string,
    clientHost: string,
    subscribedTopicNames: array(string),
    subscribedTopicRegex: nullableString,
    rebalanceTimeoutMs: int32,
    serverAssignor: nullableString,
    // tag 0, ClassicMemberMetadata (members that joined with JoinGroup): never written here, skipped when read
  }),
  targetMetadata: struct({ assignmentEpoch: int32 }),
  targetMember: struct({ topicPartitions: array(topicPartitions) }),
  currentAssignment: struct({
    memberEpoch: int32,
    previousMemberEpoch: int32,
    /** 0 STABLE, 1 UNREVOKED_PARTITIONS, 2 UNRELEASED_PARTITIONS, 127 UNKNOWN. */
    state: int8,
    assignedPartitions: array(topicPartitions),
    partitionsPendingRevocation: array(topicPartitions),
  }),
};

export type ConsumerGroupRecordValue<K extends ConsumerGroupRecordKind> = Infer<(typeof values)[K]>;

export function consumerGroupValue<K extends ConsumerGroupRecordKind>(kind: K, value: ConsumerGroupRecordValue<K>): Buffer {
  const body = encode(values[kind] as Codec<ConsumerGroupRecordValue<K>>, value, 0, true);
  const head = Buffer.alloc(2); // value version 0
  return Buffer.concat([head, body]);
}

export function decodeConsumerGroupValue<K extends ConsumerGroupRecordKind>(kind: K, buf: Buffer): ConsumerGroupRecordValue<K> {
  if (buf.length < 2) throw new ProtocolError(`a ${kind} record value of ${buf.length} bytes`);
  const version = buf.readInt16BE(0);
  // a newer version keeps version 0's fields first and adds tagged ones: readable as 0
  if (version < 0) throw new ProtocolError(`${kind} record value version ${version}`);
  return decode(values[kind] as Codec<ConsumerGroupRecordValue<K>>, buf.subarray(2), 0, true);
}

/** Member states as the current-assignment record numbers them. */
export const MEMBER_STATE_CODES = { STABLE: 0, UNREVOKED_PARTITIONS: 1, UNRELEASED_PARTITIONS: 2, UNKNOWN: 127 } as const;
export function memberStateOf(code: number): keyof typeof MEMBER_STATE_CODES {
  for (const [name, c] of Object.entries(MEMBER_STATE_CODES)) if (c === code) return name as keyof typeof MEMBER_STATE_CODES;
  return 'UNKNOWN';
}
