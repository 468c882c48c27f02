// Topic configs through DescribeConfigs; changes through IncrementalAlterConfigs where the
// cluster serves it (Kafka 2.3+): a SET or DELETE of each key the patch names, nothing else
// touched. Older clusters get the legacy AlterConfigs, which replaces a topic's whole set of
// overrides, so the current overrides are read first and merged — except a sensitive one:
// Kafka never sends its value (null), and writing that back would change or drop it, so such
// a patch is refused instead.
import { ConfigResourceType, ConfigSource, DescribeConfigs } from '../../protocol/32-describe-configs';
import { AlterConfigs } from '../../protocol/33-alter-configs';
import { ConfigOperation, IncrementalAlterConfigs } from '../../protocol/44-incremental-alter-configs';
import type { ConfigEntry } from '../../../lib/contract/topics';
import type { ClusterClient } from '../connection/cluster-client';
import { KafkaApiError, Refusal } from '../errors';

const SOURCE_NAMES: Record<number, string> = {
  [ConfigSource.UNKNOWN]: 'unknown',
  [ConfigSource.TOPIC_CONFIG]: 'set',
  [ConfigSource.DYNAMIC_BROKER_CONFIG]: 'broker (dynamic)',
  [ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG]: 'cluster default',
  [ConfigSource.STATIC_BROKER_CONFIG]: 'broker',
  [ConfigSource.DEFAULT_CONFIG]: 'default',
  [ConfigSource.DYNAMIC_BROKER_LOGGER_CONFIG]: 'broker logger',
};

export async function describeTopicConfigs(client: ClusterClient, topics: string[], keys: string[] | null = null): Promise<Map<string, ConfigEntry[]>> {
  const res = await client.any(DescribeConfigs, () => ({
    resources: topics.map((resourceName) => ({ resourceType: ConfigResourceType.TOPIC, resourceName, configurationKeys: keys })),
    includeSynonyms: false,
    includeDocumentation: false,
  }));
  const out = new Map<string, ConfigEntry[]>();
  for (const r of res.results) {
    if (r.errorCode !== 0) {
      if (topics.length === 1) throw new KafkaApiError(r.errorCode, r.errorMessage, `topic ${r.resourceName}`);
      continue;
    }
    out.set(
      r.resourceName,
      r.configs
        .map((c) => ({
          name: c.name,
          value: c.isSensitive ? null : c.value,
          source: c.configSource >= 0 ? (SOURCE_NAMES[c.configSource] ?? 'unknown') : c.isDefault ? 'default' : 'set',
          readOnly: c.readOnly,
          sensitive: c.isSensitive,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
  }
  return out;
}

/** Changes the named configs (null: back to the default) and leaves every other override as it is. */
export async function patchTopicConfigs(client: ClusterClient, topic: string, patch: Record<string, string | null>): Promise<void> {
  // Any broker of a cluster takes config changes (a KRaft broker forwards them to the
  // controller), so the one our requests go to speaks for the cluster.
  if (await client.anyServes(IncrementalAlterConfigs)) {
    const configs = Object.entries(patch).map(([name, value]) =>
      value === null ? { name, configOperation: ConfigOperation.DELETE, value: null } : { name, configOperation: ConfigOperation.SET, value },
    );
    const res = await client.any(IncrementalAlterConfigs, () => ({
      resources: [{ resourceType: ConfigResourceType.TOPIC, resourceName: topic, configs }],
      validateOnly: false,
    }));
    const r = res.responses[0];
    if (r.errorCode !== 0) throw new KafkaApiError(r.errorCode, r.errorMessage, `topic ${topic}`);
    return;
  }
  const current = (await describeTopicConfigs(client, [topic])).get(topic) ?? [];
  const overrides = current.filter((c) => c.source === 'set');
  const hidden = overrides.filter((c) => c.value === null && !(c.name in patch)).map((c) => c.name);
  if (hidden.length) {
    throw new Refusal(
      'conflict',
      'SENSITIVE_CONFIG',
      `This cluster only has AlterConfigs, which rewrites every override of a topic, and the value of ${hidden.join(', ')} is hidden: it cannot be kept. Change it in the same request, or use a cluster with IncrementalAlterConfigs (Kafka 2.3+).`,
    );
  }
  const next = new Map(overrides.map((c) => [c.name, c.value as string]));
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) next.delete(name);
    else next.set(name, value);
  }
  const res = await client.any(AlterConfigs, () => ({
    resources: [{ resourceType: ConfigResourceType.TOPIC, resourceName: topic, configs: [...next].map(([name, value]) => ({ name, value })) }],
    validateOnly: false,
  }));
  const r = res.responses[0];
  if (r.errorCode !== 0) throw new KafkaApiError(r.errorCode, r.errorMessage, `topic ${topic}`);
}
