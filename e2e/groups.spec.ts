// Lag as a person watches it: a backlog, a kafkajs group that consumes and commits more
// slowly than records arrive (Stable, lag growing, WARN), then stopped (Empty; once the
// commit window's span has passed with no commit, STOP and the group ERR).
import { expect, test } from '@playwright/test';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { kafka } from '../test/helpers/kafkajs';

let dash: Dashboard;
test.beforeAll(async () => {
  dash = await startDashboard({ env: { OFFSETSCOPE_LAG_SAMPLE_MS: '500' } });
});
test.afterAll(async () => {
  await dash?.stop();
});

test('a slow group: Stable with growing lag and WARN; stopped: Empty, STOP, ERR', async ({ page }) => {
  test.setTimeout(180_000);
  const k = kafka(dash.brokerAddress);
  const admin = k.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'backlog', numPartitions: 1 }] });
  await admin.disconnect();
  const producer = k.producer();
  await producer.connect();
  await producer.send({ topic: 'backlog', messages: Array.from({ length: 200 }, (_, i) => ({ value: `m${i}` })) });
  let producing = true;
  const feeding = (async () => {
    while (producing) {
      await producer.send({ topic: 'backlog', messages: Array.from({ length: 20 }, (_, i) => ({ value: `more${i}` })) });
      await new Promise((r) => setTimeout(r, 500));
    }
  })();

  const consumer = k.consumer({ groupId: 'slow-readers', sessionTimeout: 10_000, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic: 'backlog', fromBeginning: true });
  await consumer.run({
    autoCommitInterval: 1000,
    eachMessage: async () => {
      await new Promise((r) => setTimeout(r, 50)); // ~20 records/s while 40/s arrive
    },
  });
  try {
    await page.goto(dash.url + '/groups');
    const row = page.getByTestId('group-row-slow-readers');
    await expect(row.getByTestId('group-state')).toHaveText('Stable', { timeout: 30_000 });
    const lagOf = async () => Number((await row.getByTestId('group-lag').innerText()).replace(/[^0-9]/g, ''));
    await expect.poll(lagOf, { timeout: 30_000 }).toBeGreaterThan(0);
    const first = await lagOf();
    await expect.poll(lagOf, { timeout: 30_000 }).toBeGreaterThan(first); // growing, without reloading
    await expect(row.getByTestId('group-status')).toHaveText('WARN', { timeout: 60_000 });

    await row.getByRole('link', { name: 'slow-readers' }).click();
    await expect(page).toHaveURL(/\/groups\/slow-readers$/);
    await expect(page.locator('[data-testid^="member-"]')).toHaveCount(1);
    await expect(page.locator('[data-testid^="member-"]')).toContainText('backlog: 0');
    await expect(page.getByRole('img', { name: /Lag over time/ })).toBeVisible();
  } finally {
    await consumer.disconnect();
    producing = false;
    await feeding;
    await producer.disconnect();
  }

  await expect(page.getByText('Empty').first()).toBeVisible({ timeout: 15_000 });
  const partition = page.getByTestId('offset-row-backlog-0');
  await expect(partition.getByTestId('status')).toHaveText('STOP', { timeout: 60_000 });
  await expect(page.getByTestId('group-status')).toContainText('ERR');
  await page.goto(dash.url + '/groups');
  await expect(page.getByTestId('group-row-slow-readers').getByTestId('group-status')).toHaveText('ERR');
});
