// The overview a newcomer lands on: the broker and controller, an empty state that says
// what to do, the demo button, then totals and a chart of messages over time.
import { expect, test } from '@playwright/test';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';

let dash: Dashboard;
test.beforeAll(async () => {
  dash = await startDashboard();
});
test.afterAll(async () => {
  await dash?.stop();
});

test('empty cluster → start the demo → topics, totals and a chart', async ({ page }) => {
  await page.goto(dash.url + '/');
  await expect(page.getByTestId('broker-0')).toContainText(`127.0.0.1:${dash.brokerPort}`);
  await expect(page.getByTestId('broker-0')).toContainText('controller');
  await expect(page.getByText(`127.0.0.1:${dash.brokerPort}`).first()).toBeVisible(); // header: which cluster
  await expect(page.getByText('connected').first()).toBeVisible();
  const empty = page.getByTestId('empty-state');
  await expect(empty).toBeVisible();
  await empty.getByRole('button', { name: 'Start demo' }).click();
  await expect(page.getByTestId('empty-state')).toHaveCount(0, { timeout: 20_000 });
  await page.goto(dash.url + '/topics');
  await expect(page.getByTestId('topic-row-test_topic')).toContainText('3');
  await page.goto(dash.url + '/');
  await expect(page.getByRole('img', { name: /Total messages over time/ })).toBeVisible({ timeout: 30_000 });
});
