// IncrementalAlterConfigs v0–1 (KIP-339; v1: flexible). Each config names its operation and
// only the keys named change: SET gives the topic an override, DELETE removes it (back to the
// broker's value or the default), APPEND and SUBTRACT add items to or take them from a
// list-type config (its override, else its default) and are INVALID_CONFIG on any other, as
// Kafka's controller answers. The topic's whole resulting set is validated as for
// AlterConfigs, and nothing changes unless all of it is valid. As Kafka: a resource named
// twice, a key named twice, a null value other than with DELETE, or an unknown operation is
// INVALID_REQUEST. Broker configs are static here: changing one is INVALID_REQUEST.
import { ConfigResourceType } from '../../protocol/32-describe-configs';
import { ConfigOperation, IncrementalAlterConfigs } from '../../protocol/44-incremental-alter-configs';
import { ErrorCode, KafkaError } from '../../protocol/errors';
import { isListConfig, listItems } from '../topic-config';
import { brokerChange, configListProblem, repeatedResources } from './33-alter-configs';
import { asKafkaError } from './errors';
import { mapInSlices } from './slices';
import { handler } from './types';

interface Op {
  name: string;
  configOperation: number;
  value: string | null;
}

const OP_NAMES = ['SET', 'DELETE', 'APPEND', 'SUBTRACT'];

/** The overrides after the operations, in order. Throws INVALID_CONFIG for APPEND/SUBTRACT on a non-list config. */
export function applyOperations(current: Record<string, string>, ops: readonly Op[]): Record<string, string> {
  const next = { ...current };
  for (const op of ops) {
    if (op.configOperation === ConfigOperation.SET) next[op.name] = op.value ?? '';
    else if (op.configOperation === ConfigOperation.DELETE) delete next[op.name]; // a key without override: nothing to do, as on Kafka
    else {
      if (!isListConfig(op.name)) {
        throw new KafkaError(ErrorCode.INVALID_CONFIG, `Can't ${OP_NAMES[op.configOperation]} to key ${op.name} because its type is not LIST.`);
      }
      const list = listItems(op.name, next[op.name]);
      for (const item of listItems(op.name, op.value ?? '')) {
        const at = list.indexOf(item);
        if (op.configOperation === ConfigOperation.APPEND && at < 0) list.push(item);
        if (op.configOperation === ConfigOperation.SUBTRACT && at >= 0) list.splice(at, 1);
      }
      next[op.name] = list.join(',');
    }
  }
  return next;
}

export default handler({
  api: IncrementalAlterConfigs,
  minVersion: 0,
  maxVersion: 1,
  async handle(req, ctx) {
    const twice = repeatedResources(req.resources);
    const responses = await mapInSlices(req.resources, (r) => {
      const base = { resourceType: r.resourceType, resourceName: r.resourceName };
      const invalid = (errorMessage: string) => ({ ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage });
      if (twice.has(r)) return invalid('Each resource must appear at most once.');
      const unknownOp = r.configs.find((c) => OP_NAMES[c.configOperation] === undefined);
      if (unknownOp) return invalid(`Unknown operations type ${unknownOp.configOperation}`);
      const listProblem = configListProblem(r.configs, (c) => c.configOperation !== ConfigOperation.DELETE);
      if (listProblem) return { ...base, ...listProblem };
      if (r.resourceType === ConfigResourceType.BROKER) return { ...base, ...brokerChange(ctx, r.resourceName, r.configs.map((c) => c.name)) };
      if (r.resourceType !== ConfigResourceType.TOPIC) return invalid(`Unsupported resource type ${r.resourceType}`);
      try {
        ctx.state.alterConfigs(r.resourceName, (current) => applyOperations(current, r.configs), req.validateOnly);
        return { ...base, errorCode: 0, errorMessage: null };
      } catch (e) {
        return { ...base, ...asKafkaError(e, ctx) };
      }
    });
    return { throttleTimeMs: 0, responses };
  },
});
