// The dashboard pointed (KAFKA_BROKERS) at a broker the test runs itself: stop it while
// the page is open → a banner within seconds and the last numbers stay; start it again on
// the same port and data dir → the banner goes away without a reload.
import { expect, test } from '@playwright/test';
import { startBrokerProcess, startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { kafka } from '../test/helpers/kafkajs';
import { ClusterClient } from '../server/kafka/connection/cluster-client';
import { FindCoordinator, keyAnswer, oneKeyRequest } from '../server/protocol/10-find-coordinator';

test('a broker that goes away and comes back', async ({ page }) => {
  let broker = await startBrokerProcess();
  let dash: Dashboard | undefined;
  try {
    const admin = kafka(broker.address).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'lasting', numPartitions: 2 }] });
    await admin.disconnect();
    const producer = kafka(broker.address).producer();
    await producer.connect();
    await producer.send({ topic: 'lasting', messages: Array.from({ length: 5 }, (_, i) => ({ partition: 0, value: `v${i}` })) });
    await producer.disconnect();

    dash = await startDashboard({ kafkaBrokers: broker.address });
    await page.goto(dash.url + '/topics/lasting');
    await expect(page.getByTestId('partition-row-0').getByTestId('log-end')).toHaveText('5');
    await expect(page.getByText(/unreachable/i)).toHaveCount(0);

    await broker.stop();
    await expect(page.getByRole('alert').filter({ hasText: /unreachable/i })).toBeVisible({ timeout: 10_000 });
    await expect(page.getByTestId('partition-row-0').getByTestId('log-end')).toHaveText('5'); // last numbers stay

    broker = await startBrokerProcess({ port: broker.port, dataDir: broker.dataDir });
    await expect(page.getByRole('alert').filter({ hasText: /unreachable/i })).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByTestId('partition-row-0').getByTestId('log-end')).toHaveText('5');
  } finally {
    await dash?.stop();
    await broker.stop();
  }
});

// One broker of three goes down (the broker's stdin `down 1`): the groups list keeps every
// group, marks only those whose coordinator was node 1 (with the broker named), the group
// page says its values are the last known ones; `up 1` clears the marks without a reload.
test('a coordinator of three goes down and comes back', async ({ page }) => {
  const broker = await startBrokerProcess({ args: ['--nodes', '3'] });
  let dash: Dashboard | undefined;
  const client = new ClusterClient([broker.address]);
  try {
    // one group coordinated by node 1, one by another node
    const on = new Map<number, string>();
    for (let i = 0; !(on.has(1) && on.size >= 2); i++) {
      const { nodeId } = keyAnswer(await client.any(FindCoordinator, () => oneKeyRequest(`ui-group-${i}`)), `ui-group-${i}`);
      if (!on.has(nodeId)) on.set(nodeId, `ui-group-${i}`);
    }
    const down = on.get(1)!;
    const fresh = [...on].find(([n]) => n !== 1)![1];
    const admin = kafka(broker.address).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'ui-ft', numPartitions: 3 }] });
    await admin.setOffsets({ groupId: down, topic: 'ui-ft', partitions: [0, 1, 2].map((partition) => ({ partition, offset: '0' })) });
    await admin.setOffsets({ groupId: fresh, topic: 'ui-ft', partitions: [0, 1, 2].map((partition) => ({ partition, offset: '0' })) });
    await admin.disconnect();

    dash = await startDashboard({ kafkaBrokers: broker.address });
    await page.goto(dash.url + '/groups');
    await expect(page.getByTestId(`group-row-${down}`)).toBeVisible();
    await expect(page.getByTestId(`group-row-${fresh}`)).toBeVisible();
    await expect(page.getByText(/broker \d down/)).toHaveCount(0);

    await broker.command('down 1');
    await expect(page.getByTestId(`group-row-${down}`).getByText('broker 1 down')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId(`group-row-${fresh}`).getByText(/down/)).toHaveCount(0);

    await page.getByRole('link', { name: down }).click();
    await expect(page.getByTestId('group-unavailable')).toContainText('broker 1 unavailable');
    await expect(page.getByTestId('group-unavailable')).toContainText('The values shown were read');

    await broker.command('up 1');
    await expect(page.getByTestId('group-unavailable')).toHaveCount(0, { timeout: 15_000 });
  } finally {
    client.close();
    await dash?.stop();
    await broker.stop();
  }
});
