// The one way a consumer group changes: a record (the values Kafka writes to
// __consumer_offsets for it) applied to the in-memory group. The coordinator appends records
// and then applies them; a restart applies the same records read back, so what runs and
// what reloads cannot drift apart.
import {
  consumerGroupKey,
  consumerGroupValue,
  MEMBER_STATE_CODES,
  memberStateOf,
  type ConsumerGroupRecordKind,
  type ConsumerGroupRecordValue,
} from '../../../protocol/consumer-group-records';
import type { OffsetsRecord } from '../offsets-topic';
import { ConsumerMember, type ConsumerGroup } from './consumer-group';
import { fromWire, toWire, type TopicPartitions } from './partitions';

export type Change = {
  [K in ConsumerGroupRecordKind]: { kind: K; memberId?: string; value: ConsumerGroupRecordValue<K> | null };
}[ConsumerGroupRecordKind];

export function toRecord(groupId: string, c: Change): OffsetsRecord {
  return { key: consumerGroupKey(c.kind, groupId, c.memberId), value: c.value === null ? null : consumerGroupValue(c.kind, c.value as never) };
}

// ---- building changes ------------------------------------------------------------------

export const epochChange = (epoch: number): Change => ({ kind: 'metadata', value: { epoch } });
export const targetEpochChange = (assignmentEpoch: number): Change => ({ kind: 'targetMetadata', value: { assignmentEpoch } });

export function memberChange(m: ConsumerMember): Change {
  return {
    kind: 'member',
    memberId: m.memberId,
    value: {
      instanceId: m.instanceId,
      rackId: m.rackId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      subscribedTopicNames: m.subscribedTopicNames,
      subscribedTopicRegex: m.subscribedTopicRegex,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      serverAssignor: m.serverAssignor,
    },
  };
}

export const targetChange = (memberId: string, target: TopicPartitions): Change => ({ kind: 'targetMember', memberId, value: { topicPartitions: toWire(target) } });

export function currentChange(memberId: string, m: Pick<ConsumerMember, 'memberEpoch' | 'previousMemberEpoch' | 'state' | 'assigned' | 'pendingRevocation'>): Change {
  return {
    kind: 'currentAssignment',
    memberId,
    value: {
      memberEpoch: m.memberEpoch,
      previousMemberEpoch: m.previousMemberEpoch,
      state: MEMBER_STATE_CODES[m.state],
      assignedPartitions: toWire(m.assigned),
      partitionsPendingRevocation: toWire(m.pendingRevocation),
    },
  };
}

export function partitionMetadataChange(meta: ConsumerGroup['subscriptionMetadata']): Change {
  const topics = [...meta.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([topicName, t]) => ({ topicId: t.topicId, topicName, numPartitions: t.numPartitions, partitionMetadata: [] }));
  return { kind: 'partitionMetadata', value: { topics } };
}

/** A member's three records, deleted in the order Kafka requires (current, target, then the member). */
export function memberTombstones(memberId: string): Change[] {
  return [
    { kind: 'currentAssignment', memberId, value: null },
    { kind: 'targetMember', memberId, value: null },
    { kind: 'member', memberId, value: null },
  ];
}

/** Every record of the group deleted (DeleteGroups, or a conversion to a classic group). */
export function groupTombstones(g: ConsumerGroup): Change[] {
  const ids = [...g.members.keys()];
  return [
    ...ids.map((memberId): Change => ({ kind: 'currentAssignment', memberId, value: null })),
    ...ids.map((memberId): Change => ({ kind: 'targetMember', memberId, value: null })),
    { kind: 'targetMetadata', value: null },
    ...ids.map((memberId): Change => ({ kind: 'member', memberId, value: null })),
    { kind: 'partitionMetadata', value: null },
    { kind: 'metadata', value: null },
  ];
}

// ---- applying them ---------------------------------------------------------------------

function memberFor(g: ConsumerGroup, memberId: string): ConsumerMember {
  let m = g.members.get(memberId);
  if (!m) g.members.set(memberId, (m = new ConsumerMember(memberId)));
  return m;
}

/** Applies one change to the group (live, after it was appended, or replayed at start). */
export function apply(g: ConsumerGroup, c: Change): void {
  switch (c.kind) {
    case 'metadata':
      g.groupEpoch = c.value?.epoch ?? 0;
      break;
    case 'targetMetadata':
      g.assignmentEpoch = c.value?.assignmentEpoch ?? -1;
      break;
    case 'partitionMetadata':
      g.subscriptionMetadata = new Map((c.value?.topics ?? []).map((t) => [t.topicName, { topicId: t.topicId, numPartitions: t.numPartitions }]));
      break;
    case 'targetMember':
      if (c.value === null) g.targets.delete(c.memberId!);
      else g.targets.set(c.memberId!, fromWire(c.value.topicPartitions));
      break;
    case 'member': {
      const id = c.memberId!;
      if (c.value === null) {
        const m = g.members.get(id);
        if (!m) break;
        m.clearTimers();
        g.trackOwnership(id, m, null);
        if (m.instanceId !== null && g.staticMembers.get(m.instanceId) === id) g.staticMembers.delete(m.instanceId);
        g.members.delete(id);
        break;
      }
      const m = memberFor(g, id);
      const v = c.value;
      if (m.instanceId !== null && m.instanceId !== v.instanceId && g.staticMembers.get(m.instanceId) === id) g.staticMembers.delete(m.instanceId);
      m.instanceId = v.instanceId;
      if (v.instanceId !== null) g.staticMembers.set(v.instanceId, id);
      m.rackId = v.rackId;
      m.clientId = v.clientId;
      m.clientHost = v.clientHost;
      m.subscribedTopicNames = [...v.subscribedTopicNames].sort();
      m.subscribedTopicRegex = v.subscribedTopicRegex === '' ? null : v.subscribedTopicRegex;
      m.rebalanceTimeoutMs = v.rebalanceTimeoutMs;
      m.serverAssignor = v.serverAssignor;
      break;
    }
    case 'currentAssignment': {
      const id = c.memberId!;
      const m = g.members.get(id);
      if (!m) break; // its member record comes first; a current assignment without one is left over
      const before = { memberEpoch: m.memberEpoch, previousMemberEpoch: m.previousMemberEpoch, state: m.state, assigned: m.assigned, pendingRevocation: m.pendingRevocation };
      if (c.value === null) {
        m.state = 'STABLE';
        m.memberEpoch = 0;
        m.previousMemberEpoch = -1;
        m.assigned = new Map();
        m.pendingRevocation = new Map();
      } else {
        m.memberEpoch = c.value.memberEpoch;
        m.previousMemberEpoch = c.value.previousMemberEpoch;
        m.state = memberStateOf(c.value.state);
        m.assigned = fromWire(c.value.assignedPartitions);
        m.pendingRevocation = fromWire(c.value.partitionsPendingRevocation);
      }
      g.trackOwnership(id, before, m);
      break;
    }
  }
  g.noteState();
}
