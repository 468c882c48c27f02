// Time lag on the groups list and in /metrics, with its exact/estimated flag: read from the
// record's timestamp where the sampled log-end trail cannot place the record (it predates
// the dashboard), so it is not bounded by how long the dashboard has watched; estimated
// from the trail elsewhere; and the same after a restart.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ResetRequest } from '../../lib/contract/reset';
import { resetGroup } from '../../server/kafka/actions/reset';
import { standaloneCluster } from '../../server/kafka/clusters';
import type { Cluster } from '../../server/kafka/cluster';
import { renderMetrics } from '../../server/kafka/sampling/metrics';
import { startTestBroker, tempDir, type TestBroker } from '../helpers/broker';
import { kafka } from '../helpers/kafkajs';

const HOUR = 3_600_000;
let broker: TestBroker;
beforeAll(async () => {
  process.env.OFFSETSCOPE_LAG_SAMPLE_MS = '3600000'; // samples only when the test asks
  process.env.OFFSETSCOPE_DATA_DIR = tempDir('offsetscope-time-lag-');
  broker = await startTestBroker();
}, 30_000);
afterAll(async () => {
  await broker?.destroy();
});

const who = { address: null, userAgent: null };
const toOffset = (offset: number, topic: string) => ResetRequest.parse({ strategy: 'to-offset', offset, scope: { topics: [topic] }, dryRun: false });
async function sample(c: Cluster) {
  c.groups.invalidate();
  await c.sampler.tick();
}
const summaryOf = async (c: Cluster, id: string) => (await c.groups.summaries({})).groups.find((g) => g.groupId === id)!;
/** The value of a metric line with these labels. */
function metric(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  if (!line) throw new Error(`no ${name} with ${labels} in\n${text}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

it('is read from the record when it predates the dashboard, estimated from the trail after, and both survive a restart', async () => {
  const admin = kafka(broker.address).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'old-backlog', numPartitions: 1 }, { topic: 'fresh', numPartitions: 1 }] });
  await admin.disconnect();
  const producer = kafka(broker.address).producer();
  await producer.connect();
  // records produced two hours "ago" (CreateTime), before this dashboard ever looked
  const twoHoursAgo = Date.now() - 2 * HOUR;
  await producer.send({ topic: 'old-backlog', messages: Array.from({ length: 5 }, (_, i) => ({ value: `old-${i}`, timestamp: String(twoHoursAgo + i) })) });
  await producer.send({ topic: 'fresh', messages: [{ value: 'f0' }, { value: 'f1' }] });

  const first = standaloneCluster(broker.address, 'time-lag');
  await resetGroup(first, 'behind-old', toOffset(1, 'old-backlog'), who);
  await resetGroup(first, 'behind-fresh', toOffset(2, 'fresh'), who);
  await sample(first); // the trail's first points: old-backlog at 5, fresh at 2
  const fresh = await producer.send({ topic: 'fresh', messages: [{ value: 'f2' }, { value: 'f3' }] });
  expect(fresh[0].baseOffset).toBe('2');
  const producedAt = Date.now();
  await sample(first); // the trail sees fresh's new records arrive
  await producer.disconnect();

  const old = await summaryOf(first, 'behind-old');
  expect(old.totalLag).toBe(4);
  expect(old.maxTimeLagEstimated).toBe(false); // read from the record at offset 1
  expect(old.maxTimeLagMs).toBeGreaterThanOrEqual(2 * HOUR - 1);
  expect(old.maxTimeLagMs).toBeLessThan(2 * HOUR + 60_000);
  const est = await summaryOf(first, 'behind-fresh');
  expect(est.totalLag).toBe(2);
  expect(est.maxTimeLagEstimated).toBe(true); // placed by the trail: arrived between the two samples
  expect(est.maxTimeLagMs).toBeLessThanOrEqual(Date.now() - producedAt + 60_000);

  const text = renderMetrics([first]);
  expect(metric(text, 'kafka_consumergroup_lag_seconds', 'consumergroup="behind-old"')).toBeGreaterThanOrEqual(2 * 3600 - 1);
  expect(metric(text, 'offsetscope_consumergroup_lag_seconds_estimated', 'consumergroup="behind-old"')).toBe(0);
  expect(metric(text, 'offsetscope_consumergroup_lag_seconds_estimated', 'consumergroup="behind-fresh"')).toBe(1);

  // the group's page says the same, per partition
  const detail = await first.groups.detail('behind-old');
  expect(detail.offsets[0].timeLagEstimated).toBe(false);
  expect(detail.offsets[0].timeLagMs).toBeGreaterThanOrEqual(2 * HOUR - 1);

  await first.sampler.flush();
  first.close();

  const second = standaloneCluster(broker.address, 'time-lag');
  try {
    await second.sampler.whenLoaded();
    await sample(second);
    const oldAfter = await summaryOf(second, 'behind-old');
    expect(oldAfter.maxTimeLagEstimated).toBe(false);
    expect(oldAfter.maxTimeLagMs).toBeGreaterThanOrEqual(old.maxTimeLagMs!);
    // the trail came back from disk: the estimate continues instead of starting again at 0
    const estAfter = await summaryOf(second, 'behind-fresh');
    expect(estAfter.maxTimeLagEstimated).toBe(true);
    expect(estAfter.maxTimeLagMs).toBeGreaterThanOrEqual(est.maxTimeLagMs!);
  } finally {
    second.close();
  }
});
