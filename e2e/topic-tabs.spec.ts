// The topic page in tabs and its Messages tab as a person uses them: a 6-partition topic of
// 5,000 JSON records, a dense table whose rows open to the pretty JSON, a CEL filter run on
// the server (checked against the produced data), the scan budget, a syntax error with its
// position, a shared URL and back/forward.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { seedOrders, type Order } from '../test/helpers/orders';

let dash: Dashboard;
let produced: Order[] = [];
const FILTER = 'value.amount > 1000 && key == "customer-7"';

test.beforeAll(async () => {
  dash = await startDashboard();
  produced = await seedOrders(dash.brokerAddress);
});
test.afterAll(async () => {
  await dash?.stop();
});

const expected = () => produced.filter((p) => p.amount > 1000 && p.key === 'customer-7').map((p) => p.i);

/** The `i` of every record in the table, through its Export JSON (the table only renders the rows in view). */
async function exportedIs(page: Page): Promise<number[]> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const list = JSON.parse(fs.readFileSync((await (await download).path())!, 'utf8')) as { value: string }[];
  return list.map((m) => JSON.parse(m.value).i).sort((a: number, b: number) => a - b);
}

async function scannedOnServer(page: Page): Promise<number> {
  const text = await (await page.request.get(dash.url + '/metrics')).text();
  return Number(/^offsetscope_search_scanned_records_total\{[^}]*\} (\S+)$/m.exec(text)?.[1]);
}

test('tabs with their own URLs; the Messages tab is a table whose rows open to pretty JSON', async ({ page }) => {
  await page.goto(dash.url + '/topics/orders');
  const tabs = page.getByRole('tablist', { name: 'Topic orders' });
  await expect(tabs.getByRole('tab')).toHaveText(['Overview', 'Messages', 'Consumers (0)', 'Configs']);
  await expect(tabs.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Partitions', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Configs' })).toHaveCount(0);

  await tabs.getByRole('tab', { name: 'Messages' }).click();
  await expect(page).toHaveURL(/\/topics\/orders\/messages$/);
  await expect(tabs.getByRole('tab', { name: 'Messages' })).toHaveAttribute('aria-selected', 'true');
  const status = page.getByTestId('messages-status');
  await expect(status).toHaveText('50 records loaded · scanned 300 records'); // the newest 50 of each partition, merged
  const table = page.getByRole('table', { name: 'Records' });
  // one line per record: 50 of them take at most 1,500 px
  const body = page.getByTestId('message-table-body').locator('> div');
  expect((await body.boundingBox())!.height).toBeLessThanOrEqual(1500);
  const first = table.getByRole('row').nth(1);
  expect((await first.boundingBox())!.height).toBeLessThanOrEqual(30);

  // open a row with the keyboard: focus the first offset, down once, Enter
  await first.getByRole('button').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('record-detail');
  await expect(detail).toHaveCount(1);
  await expect(detail.getByTestId('message-value')).toContainText('"note": "an order"'); // pretty-printed JSON
  await expect(detail.getByTestId('message-key')).toHaveText(/^customer-\d+$/);

  // the tabs move with the arrow keys too
  await tabs.getByRole('tab', { name: 'Messages' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\/topics\/orders\/consumers$/);
});

test('a filter expression returns exactly the matching records; the scan budget stops it and says so', async ({ page }) => {
  await page.goto(dash.url + '/topics/orders/messages');
  const form = page.getByRole('form', { name: 'Which records' });
  await form.getByLabel('Limit').fill('1000');
  await form.getByLabel('Filter (CEL)').fill(FILTER);
  await form.getByRole('button', { name: 'Load' }).click();
  const status = page.getByTestId('messages-status');
  await expect(status).toContainText(`Scanned to the end: scanned 5,000 of 5,000 records · ${expected().length} matches`);
  expect(await exportedIs(page)).toEqual(expected());

  await form.getByLabel('Scan at most').fill('1000');
  await form.getByRole('button', { name: 'Load' }).click();
  await expect(status).toContainText('Stopped at the scan limit: scanned 1,000 of 5,000 records');
  expect(page.url()).toContain('maxScanned=1000');
});

test('a syntax error shows its position and scans nothing', async ({ page }) => {
  await page.goto(dash.url + '/topics/orders/messages');
  const before = await scannedOnServer(page);
  const form = page.getByRole('form', { name: 'Which records' });
  await form.getByLabel('Filter (CEL)').fill('value.amount > 1000 &&& key');
  await form.getByRole('button', { name: 'Load' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Syntax error' })).toHaveText(/^Syntax error at line 1, column 21: found & but expecting/);
  await expect(page.getByTestId('filter-error-mark')).toHaveText('value.amount > 1000 &&& key\n                    ^');
  expect(await scannedOnServer(page)).toBe(before);
});

test('a copied URL shows the same rows in a new page; back and forward restore the tab and the filter', async ({ page, context }) => {
  await page.goto(dash.url + '/topics/orders/messages');
  const form = page.getByRole('form', { name: 'Which records' });
  await form.getByLabel('Partition', { exact: true }).selectOption('3');
  await form.getByLabel('Filter (CEL)').fill('value.amount < 100');
  await form.getByRole('button', { name: 'Load' }).click();
  await expect(page.getByTestId('messages-status')).toContainText('Scanned to the end');
  const url = page.url();
  expect(url).toMatch(/\/topics\/orders\/messages\?partition=3&filter=value.amount\+%3C\+100$/);
  const shown = await exportedIs(page);
  expect(shown.length).toBeGreaterThan(0);

  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByTestId('messages-status')).toContainText('Scanned to the end');
  expect(await exportedIs(other)).toEqual(shown);
  await expect(other.getByRole('form', { name: 'Which records' }).getByLabel('Filter (CEL)')).toHaveValue('value.amount < 100');
  await other.close();

  // a second filter, then another tab; back twice comes back through both
  await form.getByLabel('Filter (CEL)').fill(FILTER);
  await form.getByLabel('Partition', { exact: true }).selectOption('');
  await form.getByRole('button', { name: 'Load' }).click();
  await expect(page).toHaveURL(/filter=value.amount\+%3E\+1000/);
  await page.getByRole('tab', { name: 'Configs' }).click();
  await expect(page.getByRole('region', { name: 'Configs' })).toBeVisible();

  await page.goBack();
  await expect(page.getByRole('tab', { name: 'Messages' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('form', { name: 'Which records' }).getByLabel('Filter (CEL)')).toHaveValue(FILTER);
  await expect(page.getByTestId('messages-status')).toContainText('Stopped at the limit of matches'); // limit 50 of the matches
  await page.goBack();
  await expect(page.getByRole('form', { name: 'Which records' }).getByLabel('Filter (CEL)')).toHaveValue('value.amount < 100');
  await expect(page.getByRole('form', { name: 'Which records' }).getByLabel('Partition', { exact: true })).toHaveValue('3');
  await expect(page.getByTestId('messages-status')).toContainText('Scanned to the end');
  await page.goForward();
  await expect(page.getByRole('form', { name: 'Which records' }).getByLabel('Filter (CEL)')).toHaveValue(FILTER);
});
