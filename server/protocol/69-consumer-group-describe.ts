// ConsumerGroupDescribe (key 69), v0: a KIP-848 consumer group as its coordinator holds it —
// state, group and assignment epochs, the assignor, and each member's epoch, subscription,
// current and target assignment. Flexible from v0. (The classic DescribeGroups answers such
// a group as Dead or GROUP_ID_NOT_FOUND.)
import { api, array, bool, bytes, int16, int32, int8, nullableString, string, struct, uuid } from './codec';

const assignment = struct({
  topicPartitions: array(struct({ topicId: uuid, topicName: string, partitions: array(int32) })),
  /** Reserved for client-side assignors; 0. */
  error: int8,
  metadataVersion: int32,
  metadataBytes: bytes,
});

export const ConsumerGroupDescribe = api({
  key: 69,
  name: 'ConsumerGroupDescribe',
  minVersion: 0,
  maxVersion: 0,
  flexibleSince: 0,
  request: struct({
    groupIds: array(string),
    includeAuthorizedOperations: bool,
  }),
  response: struct({
    throttleTimeMs: int32,
    groups: array(
      struct({
        errorCode: int16,
        errorMessage: nullableString,
        groupId: string,
        /** Empty, Assigning, Reconciling, Stable, Dead (as Kafka spells them here). */
        groupState: string,
        groupEpoch: int32,
        assignmentEpoch: int32,
        assignorName: string,
        members: array(
          struct({
            memberId: string,
            instanceId: nullableString,
            rackId: nullableString,
            memberEpoch: int32,
            clientId: string,
            clientHost: string,
            subscribedTopicNames: array(string),
            subscribedTopicRegex: nullableString,
            assignment,
            targetAssignment: assignment,
          }),
        ),
        /** -2147483648 (INT32_MIN) = not requested. */
        authorizedOperations: int32,
      }),
    ),
  }),
});

export type DescribedConsumerGroup = ReturnType<(typeof ConsumerGroupDescribe)['response']['read']>['groups'][number];
