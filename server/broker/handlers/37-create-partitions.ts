// CreatePartitions v0–3 (v1: no wire change; v2: flexible; v3: no wire change, and no quotas
// here, so never THROTTLING_QUOTA_EXCEEDED). The count is the new total; it can only grow.
import { CreatePartitions } from '../../protocol/37-create-partitions';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { asKafkaError } from './errors';
import { mapInSlices } from './slices';
import { handler } from './types';

export default handler({
  api: CreatePartitions,
  minVersion: 0,
  maxVersion: 3,
  async handle(req, ctx) {
    const results = await mapInSlices(req.topics, (t) => {
      try {
        if (t.assignments && t.assignments.some((a) => a.brokerIds.some((b) => b !== ctx.config.nodeId))) {
          throw new KafkaError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Replica assignments may only name broker ${ctx.config.nodeId}.`);
        }
        ctx.state.createPartitions(t.name, t.count, req.validateOnly);
        return { name: t.name, errorCode: 0, errorMessage: null };
      } catch (e) {
        const { errorCode, errorMessage } = asKafkaError(e, ctx);
        return { name: t.name, errorCode, errorMessage };
      }
    });
    return { throttleTimeMs: 0, results };
  },
});
