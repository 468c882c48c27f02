// Regenerates the README's topic pictures: docs/topic-orders.png (the Overview tab) and
// docs/messages-filtered.png (the Messages tab filtered with a CEL expression, one record
// open), from a fresh dashboard with topic `orders` (some records deleted), in Debian's Chromium.
// Run: npx tsx scripts/screenshot.mts  (after `npm run build`)
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startDashboard } from '../test/helpers/dashboard';
import { kafka } from '../test/helpers/kafkajs';

const root = path.resolve(import.meta.dirname, '..');
const dash = await startDashboard();
try {
  const post = (p: string, body: unknown) => fetch(dash.url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await post('/api/topics', { name: 'orders', partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '1728000' } });
  const producer = kafka(dash.brokerAddress).producer();
  await producer.connect();
  for (const [partition, n] of [[0, 120], [1, 340], [2, 75]]) {
    await producer.send({ topic: 'orders', messages: Array.from({ length: n }, (_, i) => ({ partition, key: `customer-${i % 17}`, value: JSON.stringify({ order: i, amount: Math.round((i * 73) % 2000) / 10, currency: 'EUR' }) })) });
  }
  await producer.disconnect();
  await post('/api/topics/orders/delete-records', { partitions: [{ partition: 1, beforeOffset: 90 }] });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(dash.url + '/topics/orders');
  await page.getByTestId('partition-row-1').getByTestId('log-end').filter({ hasText: '340' }).waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(root, 'docs/topic-orders.png'), fullPage: true });

  await page.goto(dash.url + '/topics/orders/messages?limit=200&filter=' + encodeURIComponent('value.amount > 150 && key == "customer-7"'));
  await page.getByTestId('messages-status').filter({ hasText: 'Scanned to the end' }).waitFor();
  await page.getByRole('button', { name: /^Partition \d+ offset \d+: open/ }).nth(1).click();
  await page.getByTestId('record-detail').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(root, 'docs/messages-filtered.png'), fullPage: true });
  await browser.close();
} finally {
  await dash.stop();
}
