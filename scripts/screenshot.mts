// Regenerates docs/topic-orders.png for the README: a fresh dashboard, topic `orders`
// with some records and some deleted, photographed in Debian's Chromium.
// Run: npx tsx scripts/screenshot.ts  (after `npm run build`)
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
    await producer.send({ topic: 'orders', messages: Array.from({ length: n }, (_, i) => ({ partition, key: `customer-${i % 17}`, value: JSON.stringify({ order: i, total: (i * 7.3) % 200 }) })) });
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
  await browser.close();
} finally {
  await dash.stop();
}
