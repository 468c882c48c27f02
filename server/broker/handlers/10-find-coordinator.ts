// FindCoordinator v0–2. v1: key type (0 group, 1 transaction), throttle time, error message;
// v2: no wire change. The coordinator is the leader of the group's __consumer_offsets
// partition (with one node, that node); while that node is down (stdin `down K`) the answer
// is COORDINATOR_NOT_AVAILABLE (15), as on Kafka while the offsets partition has no leader,
// and clients retry. Transactions are not supported:
// a transaction key answers COORDINATOR_NOT_AVAILABLE (15). Advertising v0 matters beyond
// groups: librdkafka 2.0.2 enables its balanced consumer and LZ4 only for brokers whose
// FindCoordinator range includes v0.
import { FindCoordinator } from '../../protocol/10-find-coordinator';
import { ErrorCode } from '../../protocol/errors';
import { advertisedAddress, handler } from './types';

export default handler({
  api: FindCoordinator,
  minVersion: 0,
  maxVersion: 2,
  handle(req, ctx) {
    if (req.keyType !== 0) {
      return {
        throttleTimeMs: 0,
        errorCode: req.keyType === 1 ? ErrorCode.COORDINATOR_NOT_AVAILABLE : ErrorCode.INVALID_REQUEST,
        errorMessage: req.keyType === 1 ? 'The embedded broker does not support transactions.' : `Unknown key type ${req.keyType}`,
        nodeId: -1,
        host: '',
        port: -1,
      };
    }
    const nodeId = ctx.topology.coordinatorOf(req.key);
    if (ctx.topology.isDown(nodeId)) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, errorMessage: 'The coordinator is not available.', nodeId: -1, host: '', port: -1 };
    }
    const { host, port } = advertisedAddress(ctx, nodeId);
    return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId, host, port };
  },
});
