// DescribeConfigs v0–2. v1: config source and synonyms (instead of is_default); v2: no wire
// change. Topics report every config this broker honours, with source 1 (topic override)
// or 5 (default); the broker resource reports its settings read-only.
import { DescribeConfigs } from '../../protocol/32-describe-configs';
import { ErrorCode } from '../../protocol/errors';
import { handler, type HandlerContext } from './types';

export const RESOURCE_TOPIC = 2;
export const RESOURCE_BROKER = 4;
const SOURCE_TOPIC = 1;
const SOURCE_STATIC_BROKER = 4;
const SOURCE_DEFAULT = 5;

function brokerEntries(ctx: HandlerContext) {
  const c = ctx.config;
  const settings: Record<string, string> = {
    'broker.id': String(ctx.conn.nodeId),
    'num.partitions': String(c.numPartitions),
    'auto.create.topics.enable': String(c.autoCreateTopicsEnable),
    'message.max.bytes': String(c.messageMaxBytes),
    'socket.request.max.bytes': String(c.socketRequestMaxBytes),
    'log.segment.bytes': String(c.logSegmentBytes),
    'log.retention.ms': String(c.logRetentionMs),
    'log.retention.bytes': String(c.logRetentionBytes),
    'log.retention.check.interval.ms': String(c.logRetentionCheckIntervalMs),
    'log.dirs': c.dataDir,
    'group.min.session.timeout.ms': String(c.groupMinSessionTimeoutMs),
    'group.max.session.timeout.ms': String(c.groupMaxSessionTimeoutMs),
    'group.initial.rebalance.delay.ms': String(c.groupInitialRebalanceDelayMs),
  };
  return Object.entries(settings).map(([name, value]) => ({ name, value, readOnly: true, isDefault: false, source: SOURCE_STATIC_BROKER }));
}

export default handler({
  api: DescribeConfigs,
  minVersion: 0,
  maxVersion: 2,
  handle(req, ctx) {
    const results = req.resources.map((r) => {
      const base = { errorCode: 0, errorMessage: null as string | null, resourceType: r.resourceType, resourceName: r.resourceName };
      let entries: { name: string; value: string; readOnly: boolean; isDefault: boolean; source: number }[];
      if (r.resourceType === RESOURCE_TOPIC) {
        const topic = ctx.state.topics.get(r.resourceName);
        if (!topic) return { ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic ${r.resourceName} does not exist`, configs: [] };
        entries = ctx.state.describeTopicConfigs(topic).map((e) => ({
          name: e.name,
          value: e.value,
          readOnly: false,
          isDefault: e.isDefault,
          source: e.isDefault ? SOURCE_DEFAULT : SOURCE_TOPIC,
        }));
      } else if (r.resourceType === RESOURCE_BROKER) {
        if (r.resourceName !== '' && r.resourceName !== String(ctx.conn.nodeId)) {
          return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unknown broker ${r.resourceName}`, configs: [] };
        }
        entries = brokerEntries(ctx);
      } else {
        return { ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type ${r.resourceType}`, configs: [] };
      }
      const wanted = r.configurationKeys;
      const configs = entries
        .filter((e) => wanted === null || wanted.length === 0 || wanted.includes(e.name))
        .map((e) => ({
          name: e.name,
          value: e.value,
          readOnly: e.readOnly,
          isDefault: e.isDefault,
          configSource: e.source,
          isSensitive: false,
          synonyms: req.includeSynonyms ? [{ name: e.name, value: e.value, source: e.source }] : [],
        }));
      return { ...base, configs };
    });
    return { throttleTimeMs: 0, results };
  },
});
