// Topic configs through DescribeConfigs / AlterConfigs. The HTTP API's PATCH changes some
// configs and keeps the rest; Kafka's AlterConfigs replaces the whole set of a topic's
// overrides, so the current overrides are read first and merged.
import { AlterConfigs } from '../../protocol/33-alter-configs';
import { DescribeConfigs } from '../../protocol/32-describe-configs';
import type { ConfigEntry } from '../../../lib/contract/topics';
import type { ClusterClient } from '../connection/cluster-client';
import { KafkaApiError } from '../errors';

const RESOURCE_TOPIC = 2;
const SOURCE_NAMES: Record<number, string> = {
  0: 'unknown',
  1: 'set',
  2: 'broker (dynamic)',
  3: 'cluster default',
  4: 'broker',
  5: 'default',
  6: 'broker logger',
};

export async function describeTopicConfigs(client: ClusterClient, topics: string[], keys: string[] | null = null): Promise<Map<string, ConfigEntry[]>> {
  const res = await client.any(DescribeConfigs, () => ({
    resources: topics.map((resourceName) => ({ resourceType: RESOURCE_TOPIC, resourceName, configurationKeys: keys })),
    includeSynonyms: false,
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

export async function patchTopicConfigs(client: ClusterClient, topic: string, patch: Record<string, string | null>): Promise<void> {
  const current = (await describeTopicConfigs(client, [topic])).get(topic) ?? [];
  const next = new Map(current.filter((c) => c.source === 'set').map((c) => [c.name, c.value]));
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) next.delete(name);
    else next.set(name, value);
  }
  const res = await client.any(AlterConfigs, () => ({
    resources: [{ resourceType: RESOURCE_TOPIC, resourceName: topic, configs: [...next].map(([name, value]) => ({ name, value })) }],
    validateOnly: false,
  }));
  const r = res.responses[0];
  if (r.errorCode !== 0) throw new KafkaApiError(r.errorCode, r.errorMessage, `topic ${topic}`);
}
