// Commit times and Burrow's status where `__consumer_offsets` cannot be read (no permission,
// a cloud that hides it; here turned off with OFFSETSCOPE_READ_COMMIT_LOG=false): commits
// are the sampled committed offsets, timed at the sample that saw them and stated as such
// (to within one sample interval). A consumer that is there but stuck is STALL, as Burrow
// says from its repeated commits; once it is gone, silence makes it STOP.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ResetRequest } from '../../lib/contract/reset';
import { resetGroup } from '../../server/kafka/actions/reset';
import { standaloneCluster } from '../../server/kafka/clusters';
import type { Cluster } from '../../server/kafka/cluster';
import { startTestBroker, tempDir, type TestBroker } from '../helpers/broker';
import { kafka } from '../helpers/kafkajs';
import { sleep, waitFor } from '../helpers/groups';

let broker: TestBroker;
beforeAll(async () => {
  process.env.OFFSETSCOPE_LAG_SAMPLE_MS = '3600000'; // samples only when the test asks
  process.env.OFFSETSCOPE_READ_COMMIT_LOG = 'false';
  process.env.OFFSETSCOPE_DATA_DIR = tempDir('offsetscope-sampled-commits-');
  broker = await startTestBroker();
}, 30_000);
afterAll(async () => {
  delete process.env.OFFSETSCOPE_READ_COMMIT_LOG;
  await broker?.destroy();
});

async function sample(c: Cluster) {
  c.groups.invalidate();
  await c.sampler.tick();
}

it('commit times come from samples with their resolution stated; a stuck live consumer is STALL, a gone one STOP', async () => {
  const admin = kafka(broker.address).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'stuck', numPartitions: 1 }] });
  await admin.disconnect();
  const producer = kafka(broker.address).producer();
  await producer.connect();
  await producer.send({ topic: 'stuck', messages: Array.from({ length: 10 }, (_, i) => ({ value: `m${i}` })) });
  await producer.disconnect();

  const cluster = standaloneCluster(broker.address, 'sampled');
  try {
    const committedAt = Date.now();
    await resetGroup(cluster, 'stuck-group', ResetRequest.parse({ strategy: 'to-offset', offset: 3, scope: { topics: ['stuck'] }, dryRun: false }), { address: null, userAgent: null });

    // a consumer that joins, takes the partition and never gets past its first batch (a poison record)
    const consumer = kafka(broker.address).consumer({ groupId: 'stuck-group', sessionTimeout: 10_000, heartbeatInterval: 200, maxWaitTimeInMs: 100 });
    let stop = false;
    let got = false;
    await consumer.connect();
    await consumer.subscribe({ topics: ['stuck'] });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ heartbeat }) => {
        got = true;
        while (!stop) {
          await heartbeat();
          await sleep(100);
        }
      },
    });
    await waitFor('the consumer to hold its first batch', () => got);

    await sample(cluster);
    const sawAt = cluster.groups.last!.fetchedAt;
    let d = await cluster.groups.detail('stuck-group');
    expect(d.commitTimesApproximate).toBe(true);
    expect(d.commitTimeResolutionMs).toBe(cluster.sampler.intervalMs);
    expect(d.commitTimesReason).toMatch(/OFFSETSCOPE_READ_COMMIT_LOG/);
    expect(d.members).toHaveLength(1);
    const p0 = d.offsets[0];
    expect(p0.committedOffset).toBe(3);
    expect(p0.lag).toBe(7);
    // the sample that saw it: after the commit, within one sample interval of it
    expect(p0.lastCommitAt).toBe(sawAt);
    expect(p0.lastCommitAt!).toBeGreaterThanOrEqual(committedAt);
    expect(p0.lastCommitAt! - committedAt).toBeLessThanOrEqual(d.commitTimeResolutionMs);

    // samples at least Burrow's min-distance (1 s) apart, while the member holds the partition
    for (let i = 0; i < 3; i++) {
      await sleep(1100);
      await sample(cluster);
    }
    d = await cluster.groups.detail('stuck-group');
    expect(d.offsets[0].status).toBe('STALL');
    expect(d.offsets[0].statusReason).toMatch(/same offset 3/);
    expect(d.offsets[0].lastCommitAt).toBe(sawAt); // the offset did not move: its time is when it was first seen

    // the consumer goes; the group is empty, its offset stays: silence longer than the window → STOP
    stop = true;
    await consumer.disconnect();
    await sample(cluster);
    expect(cluster.groups.last!.groups.get('stuck-group')!.members).toHaveLength(0);
    await waitFor('silence longer than the window spans', async () => {
      const x = await cluster.groups.detail('stuck-group');
      return x.offsets[0].status === 'STOP' ? x : undefined;
    });
  } finally {
    cluster.close();
  }
});
