// A newcomer's first minutes, in Debian's Chromium against the production build started
// the way `npm start` starts it: create a topic, watch offsets move, change and delete it.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { kafka } from '../test/helpers/kafkajs';

let dash: Dashboard;
test.beforeAll(async () => {
  dash = await startDashboard();
});
test.afterAll(async () => {
  await dash?.stop();
});

test('create orders from the form, then watch partition 1 reach log-end 7 without reloading', async ({ page }) => {
  await page.goto(dash.url + '/');
  await page.getByRole('link', { name: 'Topics' }).first().click();
  await page.getByRole('button', { name: 'Create topic' }).first().click();
  await page.getByLabel('Topic name').fill('orders');
  await page.getByLabel('Partitions').fill('3');
  await page.getByRole('button', { name: 'Create topic' }).last().click();
  await page.goto(dash.url + '/topics');
  await expect(page.getByTestId('topic-row-orders')).toBeVisible();
  await expect(page.getByTestId('topic-row-orders')).toContainText('3');

  await page.getByTestId('topic-row-orders').getByRole('link', { name: 'orders' }).click();
  await expect(page).toHaveURL(/\/topics\/orders$/);
  for (const p of [0, 1, 2]) await expect(page.getByTestId(`partition-row-${p}`).getByTestId('log-end')).toHaveText('0');

  const producer = kafka(dash.brokerAddress).producer();
  await producer.connect();
  await producer.send({ topic: 'orders', messages: Array.from({ length: 7 }, (_, i) => ({ partition: 1, value: `order ${i}` })) });
  await producer.disconnect();

  await expect(page.getByTestId('partition-row-1').getByTestId('log-end')).toHaveText('7');
  await expect(page.getByTestId('partition-row-0').getByTestId('log-end')).toHaveText('0');
  await expect(page.getByTestId('partition-row-2').getByTestId('log-end')).toHaveText('0');
  await expect(page.getByText(/updated (just now|\d+s ago)/).first()).toBeVisible();
});

test('an invalid name shows the rule it breaks and creates nothing; an existing name says it exists', async ({ page, request }) => {
  await page.goto(dash.url + '/topics');
  await page.getByRole('button', { name: 'Create topic' }).first().click();
  await page.getByLabel('Topic name').fill('bad name!');
  await expect(page.getByTestId('name-problem')).toContainText("ASCII letters, digits, '.', '_' and '-'");
  await expect(page.getByRole('button', { name: 'Create topic' }).last()).toBeDisabled();
  const names = (await (await request.get(dash.url + '/api/topics')).json()).topics.map((t: { name: string }) => t.name);
  expect(names).not.toContain('bad name!');

  await page.getByLabel('Topic name').fill('orders');
  await expect(page.getByTestId('name-problem')).toHaveCount(0);
  await page.getByRole('button', { name: 'Create topic' }).last().click();
  await expect(page.getByRole('alert').filter({ hasText: /already exists/ })).toBeVisible();
  await expect(page.getByLabel('Topic name')).toHaveValue('orders'); // what was typed stays
});

test('retention edited on the page is what kcat and DescribeConfigs report, other overrides untouched; delete-records, add partitions, delete topic', async ({ page }) => {
  // another override, set by someone else before the page is opened: an edit must not drop it
  const other = kafka(dash.brokerAddress).admin();
  await other.connect();
  await other.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: 'orders', configEntries: [{ name: 'max.message.bytes', value: '500000' }] }] });
  await other.disconnect();
  await page.goto(dash.url + '/topics/orders/configs');
  const row = page.getByTestId('config-retention.ms');
  await row.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('retention.ms', { exact: true }).fill('1728000');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('1728000');
  await expect(row).toContainText('28.8 minutes');
  await expect(row).toContainText('set');

  const admin = kafka(dash.brokerAddress).admin();
  await admin.connect();
  const described = await admin.describeConfigs({ resources: [{ type: 2, name: 'orders', configNames: ['retention.ms', 'max.message.bytes'] }], includeSynonyms: false });
  await admin.disconnect();
  const entry = (name: string) => described.resources[0].configEntries.find((e) => e.configName === name);
  expect(entry('retention.ms')?.configValue).toBe('1728000');
  expect(entry('max.message.bytes')?.configValue).toBe('500000');
  expect(entry('max.message.bytes')?.isDefault).toBe(false);
  const kcat = execFileSync('kcat', ['-b', dash.brokerAddress, '-L', '-t', 'orders'], { encoding: 'utf8', timeout: 15_000 });
  expect(kcat).toMatch(/topic "orders" with 3 partitions/);

  // Delete records before offset 3 on partition 1: log-start moves on screen.
  await page.getByRole('tab', { name: 'Overview' }).click();
  const deleteCard = page.getByRole('region', { name: 'Delete records' });
  await deleteCard.getByLabel('Partition', { exact: true }).selectOption('1');
  await deleteCard.getByLabel('Delete records before offset').fill('3');
  await deleteCard.getByRole('button', { name: 'Delete records' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('partition 1');
  await dialog.getByRole('button', { name: 'Confirm delete records' }).click();
  await expect(page.getByTestId('partition-row-1').getByTestId('log-start')).toHaveText('3');
  await expect(page.getByTestId('partition-row-1').getByTestId('messages')).toHaveText('4');

  await page.getByLabel('New partition count').fill('5');
  await page.getByRole('button', { name: 'Add partitions' }).click();
  await expect(page.getByTestId('partition-row-4')).toBeVisible();
  await expect(page.getByTestId('partition-row-4').getByTestId('log-end')).toHaveText('0');

  await page.getByRole('button', { name: 'Delete topic' }).click();
  const confirm = page.getByRole('dialog');
  const go = confirm.getByRole('button', { name: 'Delete topic permanently' });
  await expect(go).toBeDisabled();
  await confirm.getByLabel('Type the topic name to confirm').fill('orders');
  await go.click();
  await expect(page).toHaveURL(/\/topics$/);
  await expect(page.getByTestId('topic-row-orders')).toHaveCount(0);
});
