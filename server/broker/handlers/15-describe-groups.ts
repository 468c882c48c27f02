// DescribeGroups v0–6. v1: throttle time; v2: no wire change; v3: authorized operations
// (READ, DELETE, DESCRIBE: no ACLs here); v4: group instance id per member; v5: flexible; v6:
// an error message. It describes classic groups: an unknown group, or a KIP-848 consumer
// group, answers error 0 and state "Dead" with no members before v6, GROUP_ID_NOT_FOUND with
// the reason from v6 (as Kafka 4 does). Member metadata and assignments are filled in only
// while the group is Stable, as Kafka does.
import { DescribeGroups } from '../../protocol/15-describe-groups';
import { GROUP_AUTHORIZED_OPERATIONS } from '../groups/coordinator';
import { ErrorCode } from '../../protocol/errors';
import { coordinates, handler } from './types';

const NOT_REQUESTED = -2147483648;

export default handler({
  api: DescribeGroups,
  minVersion: 0,
  maxVersion: 6,
  handle(req, ctx) {
    const ops = req.includeAuthorizedOperations ? GROUP_AUTHORIZED_OPERATIONS : NOT_REQUESTED;
    return {
      throttleTimeMs: 0,
      groups: req.groups.map((g) =>
        coordinates(ctx, g)
          ? { ...ctx.state.groups.describe(g, ctx.version), authorizedOperations: ops }
          : { errorCode: ErrorCode.NOT_COORDINATOR, groupId: g, groupState: '', protocolType: '', protocolData: '', members: [], authorizedOperations: ops },
      ),
    };
  },
});
