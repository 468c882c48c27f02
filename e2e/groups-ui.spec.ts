// Consumer group screens in Debian's Chromium against the production build: a group that read part
// of a topic shows in the list with its lag, its page shows each partition's committed
// offset against the log (and flags a commit that retention overtook), the topic page marks
// where the group is, and a live kafkajs member shows up with the partitions it owns.
import { expect, test } from '@playwright/test';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { withConn } from '../test/helpers/groups';
import { kafka } from '../test/helpers/kafkajs';
import { OffsetCommit } from '../server/protocol/08-offset-commit';

let dash: Dashboard;
test.beforeAll(async () => {
  dash = await startDashboard({ env: { OFFSETSCOPE_LAG_SAMPLE_MS: '1000' } });
  const admin = kafka(dash.brokerAddress).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 2 }] });
  await admin.disconnect();
  const producer = kafka(dash.brokerAddress).producer();
  await producer.connect();
  await producer.send({ topic: 'orders', messages: Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `a${i}` })) });
  await producer.send({ topic: 'orders', messages: Array.from({ length: 4 }, (_, i) => ({ partition: 1, value: `b${i}` })) });
  await producer.disconnect();
  // An admin commit (generation −1, no member), as kafka-consumer-groups.sh --reset-offsets does: billing is at 6 on partition 0.
  const res = await withConn(dash.brokerPort, (c) =>
    c.request(OffsetCommit, 7, {
      groupId: 'billing',
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [{ name: 'orders', partitions: [{ partitionIndex: 0, committedOffset: 6, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: '' }] }],
    }),
  );
  expect(res.topics[0]!.partitions[0]!.errorCode).toBe(0);
});
test.afterAll(async () => {
  await dash?.stop();
});

test('a group that read part of a topic: the list, its page, retention overtaking it, the topic markers', async ({ page }) => {
  await page.goto(dash.url + '/');
  await page.getByRole('link', { name: 'Groups' }).click();
  await expect(page).toHaveURL(/\/groups$/);
  const row = page.getByTestId('group-row-billing');
  await expect(row.getByTestId('group-state')).toHaveText('Empty');
  await expect(row.getByTestId('group-lag')).toHaveText('4');
  await expect(page.getByTestId('group-count')).toHaveText('1 of 1 groups');

  await page.getByLabel('Search groups').fill('nothing-like-this');
  await expect(page.getByTestId('group-count')).toHaveText('0 of 1 groups');
  await page.getByLabel('Search groups').fill('bill');
  await expect(page.getByTestId('group-count')).toHaveText('1 of 1 groups');
  await page.getByLabel('State').selectOption('Stable');
  await expect(page.getByTestId('group-count')).toHaveText('0 of 1 groups');
  await page.getByLabel('State').selectOption('');

  await row.getByRole('link', { name: 'billing' }).click();
  await expect(page).toHaveURL(/\/groups\/billing$/);
  const p0 = page.getByTestId('offset-row-orders-0');
  await expect(p0.getByTestId('committed')).toHaveText('6');
  await expect(p0.getByTestId('lag')).toHaveText('4');
  await expect(page.getByText('No active members')).toBeVisible();
  await expect(page.getByTestId('group-status')).toBeVisible();

  // Retention overtakes the group: log-start 8 is past its commit at 6.
  const del = await page.request.post(dash.url + '/api/topics/orders/delete-records', { data: { partitions: [{ partition: 0, beforeOffset: 8 }] } });
  expect(del.status()).toBe(200);
  await expect(p0.getByTestId('committed')).toHaveAttribute('data-state', 'lost');
  await expect(p0.getByTestId('committed')).toHaveAttribute('title', 'below log start: records were deleted before this group read them');
  await expect(p0.getByTestId('committed')).toHaveText('6');

  await page.goto(dash.url + '/topics/orders');
  const marker = page.getByTestId('partition-row-0').locator('[data-part="committed"][data-group="billing"]');
  await expect(marker).toHaveAttribute('title', /^billing: committed 6, lag 4/);
  await expect(page.getByTestId('partition-row-1').locator('[data-part="committed"]')).toHaveCount(0);
  await page.getByRole('tab', { name: /^Consumers/ }).click();
  await page.getByTestId('group-billing').getByRole('link', { name: 'billing' }).click();
  await expect(page).toHaveURL(/\/groups\/billing$/);
});

test('a live member shows with the partitions it owns, and its lag falls to 0', async ({ page }) => {
  const consumer = kafka(dash.brokerAddress, 'e2e-live').consumer({ groupId: 'live', sessionTimeout: 10_000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: ['orders'], fromBeginning: true });
  await consumer.run({ eachMessage: async () => {} });
  try {
    await page.goto(dash.url + '/groups/live');
    const member = page.locator('[data-testid^="member-"]');
    await expect(member).toHaveCount(1, { timeout: 30_000 });
    await expect(member).toContainText('e2e-live');
    await expect(member).toContainText('orders: 0, 1');
    const memberId = ((await member.getAttribute('data-testid')) ?? '').slice('member-'.length);
    await expect(page.getByTestId('offset-row-orders-1').getByTestId('owner')).toHaveText(memberId);
    await expect(page.getByTestId('offset-row-orders-1').getByTestId('lag')).toHaveText('0', { timeout: 30_000 });
    await expect(page.getByTestId('group-state')).toHaveText('Stable');
    await expect(page.getByRole('img', { name: /Lag over time/ })).toBeVisible({ timeout: 30_000 });
  } finally {
    await consumer.disconnect();
  }
});

test('an unknown group says so and links back', async ({ page }) => {
  await page.goto(dash.url + '/groups/' + encodeURIComponent('no such/group'));
  await expect(page.getByRole('heading', { name: 'Group no such/group does not exist' })).toBeVisible();
  await page.getByRole('link', { name: /Back to consumer groups/ }).click();
  await expect(page).toHaveURL(/\/groups$/);
});
