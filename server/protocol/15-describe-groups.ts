// DescribeGroups (key 15), v0–5. v1: throttle time; v2: no wire change; v3: authorized
// operations; v4: group instance id per member; v5: flexible.
import { api, array, bool, bytes, int16, int32, nullableString, since, string, struct } from './codec';

export const DescribeGroups = api({
  key: 15,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 5,
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
