// Deleting a group (DeleteGroups, only when Empty) and a group's committed offsets for one
// topic (OffsetDelete, refused by the coordinator while a member subscribes to it). The
// coordinator has the last word; the checks before it only make the refusal clearer.
import { DeleteGroups } from '../../protocol/42-delete-groups';
import { OffsetDelete } from '../../protocol/47-offset-delete';
import { ErrorCode } from '../../protocol/errors';
import { KafkaApiError, Refusal } from '../errors';
import { COORDINATOR_CODES } from '../routing/coordinators';
import { readGroupStrict, type GroupsSource } from '../snapshots/groups';
import { topicMeta } from '../messages/browse';
import { activeMessage, activeOf } from './reset';

async function existing(src: GroupsSource, groupId: string) {
  const g = await readGroupStrict(src, groupId);
  if (!g || (g.state === 'Dead' && g.committed.size === 0)) throw new Refusal('not-found', 'GROUP_ID_NOT_FOUND', `Group '${groupId}' does not exist.`);
  return g;
}

export async function deleteGroup(src: GroupsSource, groupId: string): Promise<void> {
  const active = activeOf(await existing(src, groupId));
  if (active) throw new Refusal('conflict', 'NON_EMPTY_GROUP', activeMessage(groupId, active, 'a group can be deleted'), active);
  const code = await src.coordinators.call(groupId, async (node) => {
    const res = await src.client.toNode(node, DeleteGroups, () => ({ groupsNames: [groupId] }));
    const c = res.results.find((r) => r.groupId === groupId)?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR;
    if (COORDINATOR_CODES.has(c)) throw new KafkaApiError(c, null, `deleting group ${groupId} on broker ${node}`);
    return c;
  });
  if (code === ErrorCode.NON_EMPTY_GROUP) throw new Refusal('conflict', 'NON_EMPTY_GROUP', `Group '${groupId}' got members meanwhile; the coordinator refuses to delete a group that is not Empty.`);
  if (code !== 0) throw new KafkaApiError(code, null, `deleting group ${groupId}`);
}

/** Deletes the group's committed offsets on every partition of `topic`; the count deleted. */
export async function deleteGroupOffsets(src: GroupsSource, groupId: string, topic: string): Promise<number> {
  const g = await existing(src, groupId);
  const meta = await topicMeta(src.client, topic);
  const committed = [...g.committed.values()].filter((c) => c.topic === topic);
  if (committed.length === 0) throw new Refusal('not-found', 'NOT_FOUND', `Group '${groupId}' has no committed offsets on topic '${topic}'.`);
  const res = await src.coordinators.call(groupId, async (node) => {
    const r = await src.client.toNode(node, OffsetDelete, () => ({ groupId, topics: [{ name: topic, partitions: meta.partitions.map((p) => ({ partitionIndex: p.partition })) }] }));
    if (COORDINATOR_CODES.has(r.errorCode)) throw new KafkaApiError(r.errorCode, null, `deleting offsets of group ${groupId} on broker ${node}`);
    return r;
  });
  const codes = [res.errorCode, ...res.topics.flatMap((t) => t.partitions.map((p) => p.errorCode))].filter((c) => c !== 0);
  if (codes.includes(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC)) {
    const active = activeOf(g);
    throw new Refusal('conflict',
      'GROUP_SUBSCRIBED_TO_TOPIC',
      `The coordinator refuses (GROUP_SUBSCRIBED_TO_TOPIC): group '${groupId}'${active ? ` is ${active.state} and` : ''} has a member subscribed to '${topic}'. Stop the consumers of '${topic}' in this group first.`,
    );
  }
  if (codes.length) throw new KafkaApiError(codes[0], null, `deleting offsets of ${groupId} on ${topic}`);
  return committed.length;
}
