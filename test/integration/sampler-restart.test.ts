// The lag sampler's windows across a restart of the dashboard: the last polls of the
// log-end (Burrow's window), the log-end trail time lag is estimated from and each
// group's last commits are read back, so the status and the time lag after a restart are
// those before it, not "no history yet".
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ResetRequest } from '../../lib/contract/reset';
import { resetGroup } from '../../server/kafka/actions/reset';
import { standaloneCluster } from '../../server/kafka/clusters';
import { tpKey } from '../../server/kafka/routing/offsets';
import { startTestBroker, tempDir, type TestBroker } from '../helpers/broker';
import { kafka } from '../helpers/kafkajs';

let broker: TestBroker;
beforeAll(async () => {
  process.env.OFFSETSCOPE_LAG_SAMPLE_MS = '3600000'; // samples only when the test asks
  process.env.OFFSETSCOPE_DATA_DIR = tempDir('offsetscope-sampler-restart-');
  broker = await startTestBroker();
}, 30_000);
afterAll(async () => {
  await broker?.destroy();
});

it('polls, log-end trail and commit windows are read back after a restart, and give the same status', async () => {
  const producer = kafka(broker.address).producer();
  await producer.connect();
  const send = (n: number) => producer.send({ topic: 'sr', messages: Array.from({ length: n }, (_, i) => ({ value: `v${i}` })) });
  await send(10);
  const first = standaloneCluster(broker.address, 'restarting');
  await resetGroup(first, 'sr-group', ResetRequest.parse({ strategy: 'to-offset', offset: 4, scope: { topics: ['sr'] }, dryRun: false }), { address: null, userAgent: null });
  const tp = tpKey('sr', 0);
  for (let i = 0; i < 4; i++) {
    first.groups.invalidate();
    await first.sampler.tick();
    await send(3);
  }
  first.groups.invalidate();
  await first.sampler.tick();
  await producer.disconnect();
  const polls = first.sampler.recentPolls(tp);
  const seen = first.sampler.firstSeenAfter(tp, 4);
  const commitsBefore = first.sampler.commitsOf(`sr-group\u0000${tp}`);
  expect(polls.map((p) => p.offset)).toEqual([10, 13, 16, 19, 22]);
  expect(seen).not.toBeNull();
  expect(commitsBefore?.length).toBeGreaterThan(0);
  const statusBefore = (await first.groups.detail('sr-group')).offsets[0];
  await first.sampler.flush();
  first.close();

  const second = standaloneCluster(broker.address, 'restarting');
  try {
    await second.sampler.whenLoaded();
    expect(second.sampler.recentPolls(tp)).toEqual(polls);
    expect(second.sampler.firstSeenAfter(tp, 4)).toEqual(seen);
    expect(second.sampler.commitsOf(`sr-group\u0000${tp}`)).toEqual(commitsBefore);
    const statusAfter = (await second.groups.detail('sr-group')).offsets[0];
    expect(statusAfter.status).toBe(statusBefore.status);
    expect(statusAfter.lastCommitAt).toBe(statusBefore.lastCommitAt);
  } finally {
    second.close();
  }
});
