// The dashboard pointed (KAFKA_BROKERS) at a broker the test runs itself: stop it while
// the page is open → a banner within seconds and the last numbers stay; start it again on
// the same port and data dir → the banner goes away without a reload.
import { expect, test } from '@playwright/test';
import { startBrokerProcess, startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { kafka } from '../test/helpers/kafkajs';

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
