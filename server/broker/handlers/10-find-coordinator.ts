// FindCoordinator v0–4. v1: key type (0 group, 1 transaction), throttle time, error message;
// v2: no wire change; v3: flexible; v4: many keys a request, each answered on its own (an
// error message with each error: Kafka leaves it null in v4, clients only log it). The
// coordinator is the leader of the group's __consumer_offsets partition (with one node,
// that node); while that node is down (stdin `down K`) the answer is
// COORDINATOR_NOT_AVAILABLE (15), as on Kafka while the offsets partition has no leader,
// and clients retry. Transactions are not supported: a transaction key answers
// COORDINATOR_NOT_AVAILABLE (15); any other key type (share groups are v6) INVALID_REQUEST,
// as Kafka answers a share key below v6. Advertising v0 matters beyond groups: librdkafka
// 2.0.2 enables its balanced consumer and LZ4 only for brokers whose FindCoordinator range
// includes v0. (v5 adds a transaction error, v6 share-group keys: neither is served.)
import { FindCoordinator, type CoordinatorAnswer } from '../../protocol/10-find-coordinator';
import { ErrorCode } from '../../protocol/errors';
import { advertisedAddress, handler, type HandlerContext } from './types';

function coordinatorFor(ctx: HandlerContext, keyType: number, key: string): CoordinatorAnswer {
  const none = (errorCode: number, errorMessage: string) => ({ key, errorCode, errorMessage, nodeId: -1, host: '', port: -1 });
  if (keyType === 1) return none(ErrorCode.COORDINATOR_NOT_AVAILABLE, 'The embedded broker does not support transactions.');
  if (keyType !== 0) return none(ErrorCode.INVALID_REQUEST, `Unknown key type ${keyType}`);
  const nodeId = ctx.topology.coordinatorOf(key);
  if (ctx.topology.isDown(nodeId)) return none(ErrorCode.COORDINATOR_NOT_AVAILABLE, 'The coordinator is not available.');
  const { host, port } = advertisedAddress(ctx, nodeId);
  return { key, errorCode: 0, errorMessage: null, nodeId, host, port };
}

export default handler({
  api: FindCoordinator,
  minVersion: 0,
  maxVersion: 4,
  handle(req, ctx) {
    if (ctx.version >= 4) {
      return { throttleTimeMs: 0, coordinators: (req.coordinatorKeys ?? []).map((key) => coordinatorFor(ctx, req.keyType, key)) };
    }
    const a = coordinatorFor(ctx, req.keyType, req.key ?? '');
    return { throttleTimeMs: 0, errorCode: a.errorCode, errorMessage: a.errorMessage, nodeId: a.nodeId, host: a.host, port: a.port };
  },
});
