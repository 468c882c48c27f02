// ConsumerGroupHeartbeat v0–1 (KIP-848; flexible). The whole consumer-group protocol for a
// member: join (epoch 0), heartbeat with its epoch and owned partitions, leave (-1, or -2 for
// a static member that comes back). v1: the member makes its own id and may subscribe by
// regex. The coordinator's answer carries the member's epoch and, when it changed, its whole
// assignment (groups/consumer/consumer-groups.ts). Errors come with Kafka's messages.
import { ConsumerGroupHeartbeat } from '../../protocol/68-consumer-group-heartbeat';
import { ErrorCode } from '../../protocol/errors';
import { coordinates, handler } from './types';

export default handler({
  api: ConsumerGroupHeartbeat,
  minVersion: 0,
  maxVersion: 1,
  handle(req, ctx) {
    if (!coordinates(ctx, req.groupId)) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.NOT_COORDINATOR, errorMessage: null, memberId: null, memberEpoch: 0, heartbeatIntervalMs: 0, assignment: null };
    }
    return ctx.state.groups.consumerHeartbeat(req, ctx.version, { clientId: ctx.clientId ?? '', clientHost: `/${ctx.conn.remoteHost}` });
  },
});
