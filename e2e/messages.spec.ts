// Writing a message from the form and watching it arrive in the browser; message contents
// are untrusted and must render as inert text.
import { expect, test } from '@playwright/test';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { openRecord } from '../test/helpers/record-table';

let dash: Dashboard;
test.beforeAll(async () => {
  dash = await startDashboard();
  await fetch(dash.url + '/api/topics', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'inbox', partitions: 1, replicationFactor: 1 }) });
});
test.afterAll(async () => {
  await dash?.stop();
});

test('produce 3 records with key, JSON value and two headers; browse them newest-first with pretty JSON', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto(dash.url + '/topics/inbox/messages');
  const form = page.getByRole('region', { name: 'Produce' });
  for (let i = 0; i < 3; i++) {
    await form.getByLabel('Key', { exact: true }).fill(`order-${i}`);
    await form.getByLabel('Value format').selectOption({ label: 'JSON' });
    await form.getByLabel('Value', { exact: true }).fill(`{"id": ${i}, "note": "<img src=x onerror=alert(1)>"}`);
    if (i === 0) {
      await form.getByRole('button', { name: 'Add header' }).click();
      await form.getByLabel('Header key').nth(0).fill('source');
      await form.getByLabel('Header value').nth(0).fill('<b>form</b>');
      await form.getByRole('button', { name: 'Add header' }).click();
      await form.getByLabel('Header key').nth(1).fill('trace');
      await form.getByLabel('Header value').nth(1).fill('t-1');
    }
    await form.getByRole('button', { name: 'Produce' }).click();
    await expect(form.getByTestId('produce-result')).toContainText(`offset ${i}`);
  }
  const browser = page.getByRole('region', { name: 'Messages' });
  await browser.getByRole('button', { name: 'Load' }).click();
  const rows = browser.locator('[data-testid^="message-0-"]');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-testid', 'message-0-2'); // newest first
  const newest = await openRecord(browser, 0, 2);
  await expect(newest.getByTestId('message-key')).toHaveText('order-2');
  await expect(newest.getByTestId('message-value')).toContainText('"id": 2'); // pretty-printed
  await expect(newest.getByTestId('message-value')).toContainText('<img src=x onerror=alert(1)>'); // as text
  await expect(newest.getByTestId('message-headers')).toContainText('source');
  await expect(newest.getByTestId('message-headers')).toContainText('<b>form</b>');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test('seek to an offset and to a time between two records', async ({ page }) => {
  const { kafka } = await import('../test/helpers/kafkajs');
  const producer = kafka(dash.brokerAddress).producer();
  await producer.connect();
  const base = Date.parse('2026-01-01T00:00:00Z');
  await fetch(dash.url + '/api/topics', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'timeline', partitions: 1, replicationFactor: 1 }) });
  for (let i = 0; i < 3; i++) {
    await producer.send({ topic: 'timeline', messages: [{ partition: 0, value: `minute ${i}`, timestamp: String(base + i * 60_000) }] });
  }
  await producer.disconnect();
  await page.goto(dash.url + '/topics/timeline/messages');
  const browser = page.getByRole('region', { name: 'Messages' });
  await browser.getByLabel('Partition', { exact: true }).selectOption('0');
  await browser.getByLabel('Start from').selectOption({ label: 'Offset' });
  await browser.getByLabel('Offset', { exact: true }).fill('1');
  await browser.getByRole('button', { name: 'Load' }).click();
  await expect(browser.locator('[data-testid^="message-0-"]')).toHaveCount(2);
  await expect((await openRecord(browser, 0, 1)).getByTestId('message-value')).toHaveText('minute 1');

  await browser.getByLabel('Start from').selectOption({ label: 'Date/time' });
  await browser.getByLabel('Date/time', { exact: true }).fill('2026-01-01T00:01:30');
  await browser.getByRole('button', { name: 'Load' }).click();
  await expect(browser.locator('[data-testid^="message-0-"]')).toHaveCount(1);
  await expect((await openRecord(browser, 0, 2)).getByTestId('message-value')).toHaveText('minute 2');
});

test('a large N goes in chunks with a progress bar; {{i}} keeps counting across them', async ({ page }) => {
  await fetch(dash.url + '/api/topics', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bulk', partitions: 1, replicationFactor: 1 }) });
  // Hold the second chunk back a little, so the page can be seen between chunks.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/topics/bulk/messages', async (route) => {
    if (route.request().method() === 'POST' && JSON.parse(route.request().postData() ?? '{}').indexFrom === 10_000) await held;
    await route.continue();
  });
  await page.goto(dash.url + '/topics/bulk/messages');
  const form = page.getByRole('region', { name: 'Produce' });
  await form.getByLabel('Value', { exact: true }).fill('n-{{i}}');
  await form.getByLabel('Count').fill('12000');
  await form.getByRole('button', { name: 'Produce' }).click();
  await expect(form.getByTestId('produce-progress')).toHaveText('10,000 / 12,000 records');
  await expect(form.getByRole('progressbar', { name: 'Producing' })).toHaveAttribute('value', '10000');
  release();
  await expect(form.getByTestId('produce-result')).toContainText('Produced 12,000 records.');
  await expect(form.getByTestId('produce-result')).toContainText('partition 0: offsets 0–11999');
  const res = await (await fetch(dash.url + '/api/topics/bulk/messages?partition=0&from=offset&offset=9999&limit=3')).json();
  expect(res.messages.map((m: { value: string }) => m.value)).toEqual(['n-9999', 'n-10000', 'n-10001']);
});
