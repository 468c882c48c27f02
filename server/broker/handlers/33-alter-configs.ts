// AlterConfigs v0–2 (v1: no wire change; v2: flexible). Kafka's legacy semantics: the listed
// configs become the topic's whole set of overrides; anything not listed returns to its
// default (IncrementalAlterConfigs, key 44, changes only what it names). As Kafka: a resource
// named twice, a key named twice or a null value is INVALID_REQUEST. Broker configs are
// static here (flags at start): changing one is INVALID_REQUEST, as Kafka answers for a
// config that is not dynamic.
import { ConfigResourceType } from '../../protocol/32-describe-configs';
import { AlterConfigs } from '../../protocol/33-alter-configs';
import { ErrorCode } from '../../protocol/errors';
import { brokerNameProblem } from './32-describe-configs';
import { asKafkaError } from './errors';
import { mapInSlices } from './slices';
import { handler, type HandlerContext } from './types';

type Outcome = { errorCode: number; errorMessage: string | null };
const OK: Outcome = { errorCode: 0, errorMessage: null };
const invalid = (errorMessage: string): Outcome => ({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage });

/** The resources named more than once (type and name): each of them is refused, as Kafka does. */
export function repeatedResources<R extends { resourceType: number; resourceName: string }>(resources: readonly R[]): Set<R> {
  const seen = new Map<string, R>();
  const twice = new Set<R>();
  for (const r of resources) {
    const key = `${r.resourceType}:${r.resourceName}`;
    const first = seen.get(key);
    if (first) twice.add(first).add(r);
    else seen.set(key, r);
  }
  return twice;
}

/** Kafka's checks of one resource's list before anything else: each key once, no null value where one is needed. */
export function configListProblem<C extends { name: string; value: string | null }>(configs: readonly C[], needsValue: (c: C) => boolean): Outcome | null {
  if (new Set(configs.map((c) => c.name)).size !== configs.length) return invalid('Error due to duplicate config keys');
  const nulls = configs.filter((c) => c.value === null && needsValue(c)).map((c) => c.name);
  if (nulls.length) return invalid(`Null value not supported for : ${nulls.join(', ')}`);
  return null;
}

/** A change to a broker resource: an empty one succeeds, any other is refused (nothing is dynamic). */
export function brokerChange(ctx: HandlerContext, resourceName: string, names: string[]): Outcome {
  const bad = resourceName === '' ? null : brokerNameProblem(ctx, resourceName, 'alter');
  if (bad) return invalid(bad);
  if (names.length === 0) return OK;
  return invalid(`Cannot update these configs dynamically: ${names.join(', ')} (the embedded broker's configs are set by flags at start)`);
}

export default handler({
  api: AlterConfigs,
  minVersion: 0,
  maxVersion: 2,
  async handle(req, ctx) {
    const twice = repeatedResources(req.resources);
    const responses = await mapInSlices(req.resources, (r) => {
      const base = { resourceType: r.resourceType, resourceName: r.resourceName };
      if (twice.has(r)) return { ...base, ...invalid('Each resource must appear at most once.') };
      const listProblem = configListProblem(r.configs, () => true);
      if (listProblem) return { ...base, ...listProblem };
      if (r.resourceType === ConfigResourceType.BROKER) return { ...base, ...brokerChange(ctx, r.resourceName, r.configs.map((c) => c.name)) };
      if (r.resourceType !== ConfigResourceType.TOPIC) return { ...base, ...invalid(`Unknown resource type ${r.resourceType}`) };
      try {
        const configs: Record<string, string | null> = {};
        for (const c of r.configs) configs[c.name] = c.value;
        ctx.state.replaceConfigs(r.resourceName, configs, req.validateOnly);
        return { ...base, ...OK };
      } catch (e) {
        return { ...base, ...asKafkaError(e, ctx) };
      }
    });
    return { throttleTimeMs: 0, responses };
  },
});
