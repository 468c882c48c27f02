// DescribeGroups (key 15), v0–6. v1: throttle time; v2: no wire change; v3: authorized
// operations; v4: group instance id per member; v5: flexible; v6: an error message per
// group, and GROUP_ID_NOT_FOUND for a group that does not exist or is not a classic group
// (KIP-1043; older versions answer such a group as Dead).
import { api, array, bool, bytes, int16, int32, nullableString, optional, since, string, struct } from './codec';

export const DescribeGroups = api({
  key: 15,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 6,
  // the dashboard asks v5: a KIP-848 group then reads as Dead with its offsets still listed,
  // where v6 would drop it with GROUP_ID_NOT_FOUND (until it is read with ConsumerGroupDescribe)
  clientMaxVersion: 5,
  flexibleSince: 5,
  request: struct({
    groups: array(string),
    includeAuthorizedOperations: since(3, bool, false),
  }),
  response: struct({
    throttleTimeMs: since(1, int32, 0),
    groups: array(
      struct({
        errorCode: int16,
        /** v6+. */
        errorMessage: optional(6, Infinity, nullableString, null),
        groupId: string,
        groupState: string,
        protocolType: string,
        /** The assignor's name (only when the group is Stable). */
        protocolData: string,
        members: array(
          struct({
            memberId: string,
            groupInstanceId: since(4, nullableString, null),
            clientId: string,
            clientHost: string,
            memberMetadata: bytes,
            memberAssignment: bytes,
          }),
        ),
        /** -2147483648 (INT32_MIN) = not requested. */
        authorizedOperations: since(3, int32, -2147483648),
      }),
    ),
  }),
});
