// DescribeConfigs v0–4. v1: each config's source and synonyms (instead of is_default), on
// request; v2: no wire change; v3: each config's type, and its documentation on request;
// v4: flexible. A topic reports every topic config Kafka 3.9 has (topic-config.ts): source 1
// when set on the topic, 4 when this broker's own setting gives it, else 5; the ones this
// broker does not implement read-only at Kafka's default. The broker resource (named by
// this node's id) reports its settings read-only (broker-configs.ts); an empty name asks for
// the cluster-wide dynamic defaults, of which there are none. As Kafka: an unknown topic is
// UNKNOWN_TOPIC_OR_PARTITION without a message, another node's id INVALID_REQUEST.
import { ConfigResourceType, ConfigSource, DescribeConfigs } from '../../protocol/32-describe-configs';
import { ErrorCode } from '../../protocol/errors';
import { describeBrokerConfigs, type BrokerView } from '../broker-configs';
import { parseListeners } from '../security/listeners';
import { topicNameProblem, type ConfigSynonym } from '../topic-config';
import { handler, type HandlerContext } from './types';

interface Entry {
  name: string;
  value: string | null;
  source: number;
  readOnly: boolean;
  isDefault: boolean;
  synonyms: ConfigSynonym[];
  type: number;
  documentation: string;
}

const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::']);

/** This node as the broker resource reports it: its listeners as bound, and as advertised. */
export function brokerView(ctx: HandlerContext): BrokerView {
  const c = ctx.config;
  const listeners = parseListeners(c.listeners, c.host, c.port).map((l, i) => ({ ...l, ...ctx.topology.address(ctx.conn.nodeId, i) }));
  const advertisedHosts = listeners.map((l) => c.advertisedHost ?? (WILDCARD_HOSTS.has(l.host) ? ctx.conn.localHost : l.host));
  return { config: c, nodeId: ctx.conn.nodeId, listeners, advertisedHosts };
}

/** A non-empty broker resource name must be this node's id (Kafka's rule, and its messages for describing and altering). */
export function brokerNameProblem(ctx: HandlerContext, name: string, to: 'describe' | 'alter'): string | null {
  if (!/^-?\d+$/.test(name)) return `${to === 'describe' ? 'Broker' : 'Node'} id must be an integer, but it is: ${name}`;
  if (Number(name) !== ctx.conn.nodeId) return `Unexpected broker id, expected ${ctx.conn.nodeId}${to === 'describe' ? ' or empty string' : ''}, but received ${name}`;
  return null;
}

function entries(ctx: HandlerContext, resourceType: number, resourceName: string): Entry[] | { errorCode: number; errorMessage: string | null } {
  if (resourceType === ConfigResourceType.TOPIC) {
    const bad = topicNameProblem(resourceName);
    if (bad) return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, errorMessage: bad };
    const topic = ctx.state.topics.get(resourceName);
    if (!topic) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: null };
    return ctx.state.describeTopicConfigs(topic);
  }
  if (resourceType === ConfigResourceType.BROKER) {
    if (resourceName === '') return []; // no dynamic cluster-wide defaults: nothing is dynamic here
    const bad = brokerNameProblem(ctx, resourceName, 'describe');
    if (bad) return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: bad };
    return describeBrokerConfigs(brokerView(ctx)).map((e) => ({ ...e, readOnly: true, isDefault: e.source === ConfigSource.DEFAULT_CONFIG }));
  }
  const what = resourceType === ConfigResourceType.BROKER_LOGGER ? 'broker loggers are not configurable on the embedded broker' : 'only topics and brokers have configs here';
  return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type: ${resourceType} (${what})` };
}

export default handler({
  api: DescribeConfigs,
  minVersion: 0,
  maxVersion: 4,
  handle(req, ctx) {
    const results = req.resources.map((r) => {
      const base = { resourceType: r.resourceType, resourceName: r.resourceName };
      const found = entries(ctx, r.resourceType, r.resourceName);
      if (!Array.isArray(found)) return { ...base, ...found, configs: [] };
      const wanted = r.configurationKeys;
      const configs = found
        .filter((e) => wanted === null || wanted.length === 0 || wanted.includes(e.name))
        .map((e) => ({
          name: e.name,
          value: e.value,
          readOnly: e.readOnly,
          isDefault: e.isDefault,
          configSource: e.source,
          isSensitive: false, // no config here is a password
          synonyms: req.includeSynonyms ? e.synonyms : [],
          configType: e.type,
          documentation: req.includeDocumentation ? e.documentation : null,
        }));
      return { ...base, errorCode: 0, errorMessage: null, configs };
    });
    return { throttleTimeMs: 0, results };
  },
});
