// AlterConfigs v0–1 (v1: no wire change). Kafka's legacy semantics: the listed configs
// become the topic's whole set of overrides; anything not listed returns to its default.
// Broker configs are static here and cannot be altered.
import { AlterConfigs } from '../../protocol/33-alter-configs';
import { ErrorCode } from '../../protocol/errors';
import { asKafkaError } from './errors';
import { mapInSlices } from './slices';
import { RESOURCE_TOPIC } from './32-describe-configs';
import { handler } from './types';

export default handler({
  api: AlterConfigs,
  minVersion: 0,
  maxVersion: 1,
  async handle(req, ctx) {
    const responses = await mapInSlices(req.resources, (r) => {
      const base = { resourceType: r.resourceType, resourceName: r.resourceName };
      if (r.resourceType !== RESOURCE_TOPIC) {
        return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Only topic configs can be altered on this broker' };
      }
      try {
        const configs: Record<string, string | null> = {};
        for (const c of r.configs) configs[c.name] = c.value;
        ctx.state.replaceConfigs(r.resourceName, configs, req.validateOnly);
        return { ...base, errorCode: 0, errorMessage: null };
      } catch (e) {
        return { ...base, ...asKafkaError(e, ctx) };
      }
    });
    return { throttleTimeMs: 0, responses };
  },
});
