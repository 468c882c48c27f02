// Offset resets from the group page in Debian's Chromium: a stopped kafkajs group lagging
// on a 3-partition topic is reset to earliest (preview first, then Apply with a
// confirmation), shifted back on one partition, set to a time between two batches, and
// then reads from exactly there when it starts again; while it runs the panel says why it
// cannot apply and the API refuses with 409; undo restores the previous offsets; the
// audit survives a restart; offsets and the group are deleted from the page.
import { expect, test, type Page } from '@playwright/test';
import type { Consumer } from 'kafkajs';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { tempDir } from '../test/helpers/broker';
import { kafka } from '../test/helpers/kafkajs';

const T0 = Date.parse('2026-01-01T00:00:00Z'); // batch A: offsets 0–3 of every partition
const T1 = Date.parse('2026-01-01T02:00:00Z'); // batch B: offsets 4–7
const dataDir = tempDir('offsetscope-reset-e2e-');
let dash: Dashboard;
let consumer: Consumer | null = null;

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(dash.url + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
};
/** billing's committed offsets on payments by partition ({} before the group exists). */
const committed = async (): Promise<Record<number, number>> => {
  const g = await api('GET', '/api/groups/billing');
  const offsets = (g.status === 200 ? g.body.offsets : []) as { topic: string; partition: number; committedOffset: number | null }[];
  return Object.fromEntries(offsets.filter((o) => o.topic === 'payments' && o.committedOffset !== null).map((o) => [o.partition, o.committedOffset as number]));
};

/** A kafkajs member of billing; resolves once it has been assigned partitions. */
async function startConsumer(seen: { partition: number; offset: number }[]): Promise<Consumer> {
  const c = kafka(dash.brokerAddress, 'billing-service').consumer({ groupId: 'billing', sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 100 });
  let joined = false;
  c.on(c.events.GROUP_JOIN, () => (joined = true));
  await c.connect();
  await c.subscribe({ topics: ['payments'], fromBeginning: true });
  await c.run({ autoCommitInterval: 200, eachMessage: async ({ partition, message }) => void seen.push({ partition, offset: Number(message.offset) }) });
  await expect.poll(() => joined, { timeout: 20_000 }).toBe(true);
  return c;
}

test.beforeAll(async () => {
  dash = await startDashboard({ dataDir, keepData: true });
  const admin = kafka(dash.brokerAddress).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'payments', numPartitions: 3 }, { topic: 'ledger', numPartitions: 1 }] });
  await admin.disconnect();
  const producer = kafka(dash.brokerAddress).producer();
  await producer.connect();
  for (let p = 0; p < 3; p++) {
    await producer.send({ topic: 'payments', messages: Array.from({ length: 4 }, (_, i) => ({ partition: p, value: `a${i}`, timestamp: String(T0 + i) })) });
    await producer.send({ topic: 'payments', messages: Array.from({ length: 4 }, (_, i) => ({ partition: p, value: `b${i}`, timestamp: String(T1 + i) })) });
  }
  // The group reads everything, commits, and stops cleanly; then 2 more per partition arrive.
  const seen: { partition: number; offset: number }[] = [];
  consumer = await startConsumer(seen);
  await expect.poll(() => seen.length, { timeout: 20_000 }).toBe(24);
  await expect.poll(async () => Object.values(await committed()), { timeout: 10_000 }).toEqual([8, 8, 8]);
  await consumer.disconnect();
  consumer = null;
  for (let p = 0; p < 3; p++) await producer.send({ topic: 'payments', messages: [{ partition: p, value: 'c0' }, { partition: p, value: 'c1' }] });
  await producer.disconnect();
});
test.afterAll(async () => {
  await consumer?.disconnect();
  await dash?.stop();
});

async function applyFromPanel(page: Page, partitions: number) {
  const panel = page.getByRole('region', { name: 'Reset offsets' });
  await panel.getByRole('button', { name: 'Apply' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Reset ${partitions} partition${partitions === 1 ? '' : 's'} of group billing?`);
  await dialog.getByRole('button', { name: 'Apply reset' }).click();
  await expect(panel.getByTestId('reset-result')).toContainText(`Committed ${partitions} offset`);
}

test('reset a stopped group: to earliest, shift-by on one partition, to a time between batches; it then reads from there', async ({ page }) => {
  await page.goto(dash.url + '/groups/billing');
  const panel = page.getByRole('region', { name: 'Reset offsets' });
  const table = page.getByRole('region', { name: 'Partitions' });
  await expect(table.getByTestId('offset-row-payments-0').getByTestId('lag')).toHaveText('2');

  // to earliest, all topics: the preview shows every record of each partition as lag
  await panel.getByLabel('Strategy').selectOption('to-earliest');
  await panel.getByRole('button', { name: 'Preview' }).click();
  for (let p = 0; p < 3; p++) {
    const row = panel.getByTestId(`plan-row-payments-${p}`);
    await expect(row.getByTestId('current')).toHaveText('8');
    await expect(row.getByTestId('new')).toHaveText('0');
    await expect(row.getByTestId('lag-before')).toHaveText('2');
    await expect(row.getByTestId('lag-after')).toHaveText('10');
  }
  expect(await committed()).toEqual({ 0: 8, 1: 8, 2: 8 }); // a preview changes nothing
  await applyFromPanel(page, 3);
  for (let p = 0; p < 3; p++) {
    await expect(table.getByTestId(`offset-row-payments-${p}`).getByTestId('committed')).toHaveText('0');
    await expect(table.getByTestId(`offset-row-payments-${p}`).getByTestId('lag')).toHaveText('10');
  }

  // the row shortcut puts partition 1 at its end; then shift-by −2 on partition 1 only
  await table.getByRole('button', { name: 'payments partition 1: to latest' }).click();
  await expect(panel.getByTestId('plan-row-payments-1').getByTestId('new')).toHaveText('10');
  await expect(panel.getByTestId('reset-plan').locator('[data-testid^="plan-row-"]')).toHaveCount(1);
  await applyFromPanel(page, 1);
  await panel.getByLabel('Chosen partitions of one topic').check();
  await panel.getByLabel('Topic', { exact: true }).fill('payments');
  await panel.getByLabel('Partitions', { exact: true }).fill('1');
  await panel.getByLabel('Strategy').selectOption('shift-by');
  await panel.getByLabel('Shift by').fill('-2');
  await panel.getByRole('button', { name: 'Preview' }).click();
  await expect(panel.getByTestId('plan-row-payments-1').getByTestId('new')).toHaveText('8');
  await applyFromPanel(page, 1);
  await expect.poll(committed).toEqual({ 0: 0, 1: 8, 2: 0 });

  // to a time between batch A and batch B: each partition's first record of batch B
  await panel.getByLabel('All topics the group has commits on').check();
  await panel.getByLabel('Strategy').selectOption('to-datetime');
  await panel.getByLabel('Date and time (UTC)').fill('2026-01-01T01:00:00');
  await panel.getByRole('button', { name: 'Preview' }).click();
  for (let p = 0; p < 3; p++) await expect(panel.getByTestId(`plan-row-payments-${p}`).getByTestId('new')).toHaveText('4');
  await applyFromPanel(page, 3);
  await expect.poll(committed).toEqual({ 0: 4, 1: 4, 2: 4 });

  // the group starts again and reads exactly from the new offsets: 6 records per partition
  const seen: { partition: number; offset: number }[] = [];
  consumer = await startConsumer(seen);
  await expect.poll(() => seen.length, { timeout: 20_000 }).toBe(18);
  for (let p = 0; p < 3; p++) expect(seen.filter((s) => s.partition === p).map((s) => s.offset)).toEqual([4, 5, 6, 7, 8, 9]);

  // while it runs: the preview says why Apply is off, and the API refuses
  await page.reload();
  await panel.getByRole('button', { name: 'Preview' }).click();
  await expect(panel.getByTestId('reset-blocked')).toContainText('is Stable with 1 member (billing-service on');
  await expect(panel.getByRole('button', { name: 'Apply' })).toBeDisabled();
  const refused = await api('POST', '/api/groups/billing/reset', { strategy: 'to-earliest', scope: { topics: 'all' }, dryRun: false });
  expect(refused.status).toBe(409);
  expect(refused.body.error).toMatchObject({ code: 'GROUP_ACTIVE', state: 'Stable' });
  const danger = page.getByRole('region', { name: 'Delete' });
  await expect(danger.getByRole('button', { name: 'Delete group' })).toBeDisabled();
  await danger.getByLabel('Topic').selectOption('payments');
  await danger.getByRole('button', { name: 'Delete offsets' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete offsets' }).click();
  await expect(danger.getByRole('alert')).toContainText('GROUP_SUBSCRIBED_TO_TOPIC');
  await consumer.disconnect();
  consumer = null;
});

test('undo restores the offsets from before the last reset; the record survives a restart; delete offsets and the group', async ({ page }) => {
  await expect.poll(async () => (await api('GET', '/api/groups/billing')).body.state).toBe('Empty');
  // the last reset (to-datetime) replaced 0, 8, 0
  await page.goto(dash.url + '/groups/billing');
  const past = page.getByRole('region', { name: 'Past resets' });
  await expect(past.getByTestId('past-reset-0')).toContainText('to-datetime');
  await past.getByRole('button', { name: 'Undo' }).click();
  const panel = page.getByRole('region', { name: 'Reset offsets' });
  await expect(panel.getByTestId('plan-row-payments-1').getByTestId('new')).toHaveText('8');
  await expect(panel.getByTestId('plan-row-payments-0').getByTestId('new')).toHaveText('0');
  await applyFromPanel(page, 3);
  await expect.poll(committed).toEqual({ 0: 0, 1: 8, 2: 0 });

  // the audit is on disk: a restarted dashboard lists the same resets
  const before = (await api('GET', '/api/groups/billing/resets')).body.resets.length;
  expect(before).toBe(5);
  await dash.stop();
  dash = await startDashboard({ dataDir, keepData: true });
  await page.goto(dash.url + '/groups/billing');
  await expect(page.getByRole('region', { name: 'Past resets' }).locator('[data-testid^="past-reset-"]')).toHaveCount(5);

  // delete the offsets on one topic, then the whole group
  expect((await api('POST', '/api/groups/billing/reset', { strategy: 'to-offset', offset: 0, scope: { topics: ['ledger'] }, dryRun: false })).status).toBe(200);
  await page.reload();
  const danger = page.getByRole('region', { name: 'Delete' });
  await danger.getByLabel('Topic').selectOption('payments');
  await danger.getByRole('button', { name: 'Delete offsets' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete offsets' }).click();
  await expect(danger.getByRole('status')).toContainText('The offsets of billing on payments were deleted.');
  await expect.poll(async () => Object.keys(await committed())).toEqual([]);
  await danger.getByRole('button', { name: 'Delete group' }).click();
  await page.getByLabel('Type the group id to confirm').fill('billing');
  await page.getByRole('button', { name: 'Delete group permanently' }).click();
  await expect(page).toHaveURL(/\/groups$/);
  expect((await api('GET', '/api/groups/billing')).status).toBe(404);
});

test('a plan is exported as the CLI reset file and a file is imported into the panel', async ({ page }) => {
  expect((await api('POST', '/api/groups/csv-group/reset', { strategy: 'to-offset', offset: 5, scope: { topics: ['payments'] }, dryRun: false })).status).toBe(200);
  await page.goto(dash.url + '/groups/csv-group');
  const panel = page.getByRole('region', { name: 'Reset offsets' });
  await panel.getByLabel('CSV plan file').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from('topic,partition,offset\npayments,0,1\npayments,2,99\n') });
  await expect(panel.getByLabel('Strategy')).toHaveValue('from-file');
  await expect(panel.getByLabel('Lines of topic,partition,offset')).toHaveValue('topic,partition,offset\npayments,0,1\npayments,2,99\n');
  await panel.getByRole('button', { name: 'Preview' }).click();
  await expect(panel.getByTestId('plan-row-payments-0').getByTestId('new')).toHaveText('1');
  await expect(panel.getByTestId('plan-row-payments-2').getByTestId('new')).toHaveText('10'); // clamped to log-end
  await expect(panel.getByTestId('plan-row-payments-2')).toContainText('Value will be set to 10');
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(file, 'utf8')).toBe('payments,0,1\npayments,2,10\n');
  expect((await api('GET', '/api/groups/csv-group')).body.offsets.map((o: { committedOffset: number }) => o.committedOffset)).toEqual([5, 5, 5]); // nothing applied
});
