// ConsumerGroupDescribe v0 (KIP-848; flexible): each KIP-848 consumer group with its state,
// epochs, assignor and members (epoch, subscription, current and target assignment, topics
// named). A group that does not exist, or is a classic group, answers GROUP_ID_NOT_FOUND
// with the reason, as Kafka 4 does; an empty id INVALID_GROUP_ID.
import { ConsumerGroupDescribe } from '../../protocol/69-consumer-group-describe';
import { ErrorCode } from '../../protocol/errors';
import { GROUP_AUTHORIZED_OPERATIONS } from '../groups/coordinator';
import { coordinates, handler } from './types';

const NOT_REQUESTED = -2147483648;

function failed(groupId: string, errorCode: number, errorMessage: string | null) {
  return { errorCode, errorMessage, groupId, groupState: '', groupEpoch: 0, assignmentEpoch: 0, assignorName: '', members: [], authorizedOperations: NOT_REQUESTED };
}

export default handler({
  api: ConsumerGroupDescribe,
  minVersion: 0,
  maxVersion: 0,
  handle(req, ctx) {
    const groups = req.groupIds.map((groupId) => {
      if (groupId === '') return failed(groupId, ErrorCode.INVALID_GROUP_ID, null);
      if (!coordinates(ctx, groupId)) return failed(groupId, ErrorCode.NOT_COORDINATOR, null);
      const described = ctx.state.groups.consumer.describe(groupId, req.includeAuthorizedOperations, GROUP_AUTHORIZED_OPERATIONS);
      if (described) return described;
      return failed(groupId, ErrorCode.GROUP_ID_NOT_FOUND, ctx.state.groups.hasClassic(groupId) ? `Group ${groupId} is not a consumer group.` : `Group ${groupId} not found.`);
    });
    return { throttleTimeMs: 0, groups };
  },
});
