// READ_ONLY=1: nothing on screen can change the cluster, and the API refuses changes.
import { expect, test } from '@playwright/test';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { kafka } from '../test/helpers/kafkajs';

let dash: Dashboard;
test.beforeAll(async () => {
  dash = await startDashboard({ env: { READ_ONLY: '1' } });
  const admin = kafka(dash.brokerAddress).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'watched', numPartitions: 2 }] });
  await admin.disconnect();
});
test.afterAll(async () => {
  await dash?.stop();
});

test('no create, delete or edit controls are shown', async ({ page }) => {
  await page.goto(dash.url + '/topics');
  await expect(page.getByTestId('topic-row-watched')).toBeVisible();
  await expect(page.getByText(/read-only/i).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create topic' })).toHaveCount(0);
  await page.goto(dash.url + '/topics/watched');
  await expect(page.getByTestId('partition-row-1')).toBeVisible();
  for (const name of ['Add partitions', 'Delete records', 'Delete topic']) await expect(page.getByRole('button', { name })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Configs' }).click();
  await expect(page.getByTestId('config-retention.ms')).toBeVisible();
  for (const name of ['Edit', 'Save']) await expect(page.getByRole('button', { name })).toHaveCount(0);
  await page.goto(dash.url + '/');
  await expect(page.getByRole('button', { name: /demo/i })).toHaveCount(0);
});

test('a direct POST gets 403; another Origin and a form content type are refused too', async ({ request }) => {
  const direct = await request.post(dash.url + '/api/topics', { data: { name: 'x', partitions: 1, replicationFactor: 1 } });
  expect(direct.status()).toBe(403);
  const cross = await request.post(dash.url + '/api/topics', { data: { name: 'x', partitions: 1, replicationFactor: 1 }, headers: { origin: 'http://evil.example' } });
  expect(cross.status()).toBe(403);
  const form = await request.post(dash.url + '/api/topics', { form: { name: 'x', partitions: '1', replicationFactor: '1' } });
  expect(form.status()).toBeGreaterThanOrEqual(400);
  expect(form.status()).toBeLessThan(500);
});
