// Records written by another client (Debian's kcat, librdkafka) in the browser: a live
// tail shows a record as kcat produces it; every compression codec and a binary key show
// correctly; HTML in a header stays text; and browsing and tailing create no consumer group.
import { expect, test } from '@playwright/test';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { openRecord } from '../test/helpers/record-table';
import { describeRun, run } from '../test/helpers/exec';
import { groupIds } from '../test/helpers/kafkajs';

const KCAT = '/usr/bin/kcat';
let dash: Dashboard;

async function kcat(args: string[], input: string | Buffer): Promise<void> {
  const full = ['-b', dash.brokerAddress, ...args];
  const r = await run(KCAT, full, { input, timeoutMs: 30_000 });
  expect(r.code, describeRun(KCAT, full, r)).toBe(0);
}


test.beforeAll(async () => {
  dash = await startDashboard();
  for (const name of ['wire', 'codecs']) {
    const res = await fetch(dash.url + '/api/topics', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, partitions: 1, replicationFactor: 1 }) });
    expect(res.status).toBe(201);
  }
});
test.afterAll(async () => {
  await dash?.stop();
});

test('live tail shows a record kcat produces; browsing and tailing create no consumer group', async ({ page }) => {
  const before = await groupIds(dash.brokerAddress);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto(dash.url + '/topics/wire/messages');
  const browser = page.getByRole('region', { name: 'Messages' });
  await browser.getByRole('button', { name: 'Load' }).click();
  await browser.getByLabel('Live tail').check();
  await expect(browser.getByText('Listening')).toBeVisible();

  await kcat(['-P', '-t', 'wire', '-p', '0', '-k', 'tail-key', '-H', 'x=<script>alert(1)</script>'], 'arrived from kcat\n');
  await expect(browser.getByTestId('message-0-0')).toBeVisible({ timeout: 10_000 });
  const row = await openRecord(browser, 0, 0);
  await expect(row.getByTestId('message-value')).toHaveText('arrived from kcat');
  await expect(row.getByTestId('message-key')).toHaveText('tail-key');
  await expect(row.getByText('live')).toBeVisible();
  await expect(row.getByTestId('message-headers')).toContainText('<script>alert(1)</script>'); // text, not markup
  expect(dialogs).toBe(0);

  await browser.getByLabel('Live tail').uncheck();
  expect(await groupIds(dash.brokerAddress)).toEqual(before);
});

test('records kcat wrote with snappy, lz4, zstd and gzip, and a binary key, show correctly', async ({ page }) => {
  for (const codec of ['snappy', 'lz4', 'zstd', 'gzip']) {
    await kcat(['-P', '-t', 'codecs', '-p', '0', '-z', codec, '-K', ':'], `${codec}-key:compressed with ${codec}\n`);
  }
  // A key that is not UTF-8: ff fe 80 01
  await kcat(['-P', '-t', 'codecs', '-p', '0', '-K', ':'], Buffer.concat([Buffer.from([0xff, 0xfe, 0x80, 0x01]), Buffer.from(':binary-keyed\n')]));

  await page.goto(dash.url + '/topics/codecs/messages');
  const browser = page.getByRole('region', { name: 'Messages' });
  await browser.getByLabel('Start from').selectOption('oldest');
  await browser.getByRole('button', { name: 'Load' }).click();
  for (const [offset, codec] of ['snappy', 'lz4', 'zstd', 'gzip'].entries()) {
    const row = await openRecord(browser, 0, offset);
    await expect(row.getByTestId('message-value')).toHaveText(`compressed with ${codec}`);
    await expect(row.getByTestId('message-key')).toHaveText(`${codec}-key`);
  }
  const binary = await openRecord(browser, 0, 4);
  await expect(binary.getByTestId('message-key')).toHaveText('ff fe 80 01');
  await expect(binary).toContainText('binary, shown as hex');
  await expect(binary.getByTestId('message-value')).toHaveText('binary-keyed');
  await binary.getByLabel('Show as').selectOption('base64');
  await expect(binary.getByTestId('message-key')).toHaveText(Buffer.from([0xff, 0xfe, 0x80, 0x01]).toString('base64'));
});
