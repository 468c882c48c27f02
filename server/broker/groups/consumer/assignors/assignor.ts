// What a server-side assignor of KIP-848 consumer groups gets and gives: each member's
// subscribed topics (by id) and its current target (for stickiness), the partition count of
// every subscribed topic; back, each member's new target. Pure and deterministic: members
// and topics are taken in sorted order, never in a hash map's.
import type { TopicPartitions } from '../partitions';

export interface AssignorMember {
  memberId: string;
  instanceId: string | null;
  /** Topic ids the member subscribes to (only topics that exist). */
  topics: Set<string>;
  /** The member's current target assignment. */
  current: TopicPartitions;
}

export interface AssignorInput {
  members: AssignorMember[];
  /** Partitions of a subscribed topic. */
  partitionCount(topicId: string): number;
}

export interface Assignor {
  /** As Kafka names it (group.consumer.assignors, ConsumerGroupHeartbeat's ServerAssignor). */
  name: string;
  /** Every member of the input gets an entry (possibly empty). */
  assign(input: AssignorInput): Map<string, TopicPartitions>;
}
