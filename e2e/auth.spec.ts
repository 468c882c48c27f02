// Local users in Debian's Chromium, with the embedded broker: a viewer is sent to log in,
// then sees topics, groups and messages but no button that changes anything, and every
// change route called with the viewer's own session (and CSRF token) is 403; logout ends
// the session. An operator produces from the form and resets a group from the panel but
// has no way to delete a topic (and the API refuses it); an admin deletes the topic; the
// audit page lists each change with its user.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { hashPassword } from '../server/auth/password';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { openRecord } from '../test/helpers/record-table';
import { kafka } from '../test/helpers/kafkajs';
import { mutationRoutes } from '../test/helpers/mutation-routes';

const CHEAP = { N: 1 << 14, r: 8, p: 1 };
const USERS = { vera: 'viewer-pw-e2e-1', otto: 'operator-pw-e2e-2', ada: 'admin-pw-e2e-3' };
let dash: Dashboard;

test.beforeAll(async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-auth-e2e-')), 'config.json');
  const users = [
    { name: 'vera', passwordHash: await hashPassword(USERS.vera, CHEAP), roles: { '*': 'viewer' } },
    { name: 'otto', passwordHash: await hashPassword(USERS.otto, CHEAP), roles: { '*': 'operator' } },
    { name: 'ada', passwordHash: await hashPassword(USERS.ada, CHEAP), roles: { '*': 'admin' } },
  ];
  fs.writeFileSync(file, JSON.stringify({ auth: { users } })); // no clusters: the embedded broker
  dash = await startDashboard({ env: { OFFSETSCOPE_CONFIG: file } });
  const admin = kafka(dash.brokerAddress).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 2 }] });
  await admin.setOffsets({ groupId: 'billing', topic: 'orders', partitions: [0, 1].map((partition) => ({ partition, offset: '0' })) });
  await admin.disconnect();
  const producer = kafka(dash.brokerAddress).producer();
  await producer.connect();
  await producer.send({ topic: 'orders', messages: [{ partition: 0, key: 'k0', value: 'first order' }] });
  await producer.disconnect();
});
test.afterAll(async () => {
  await dash?.stop();
});

async function logIn(page: Page, name: keyof typeof USERS, from = '/topics') {
  await page.goto(dash.url + from);
  await expect(page).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(from).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(USERS[name]);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(dash.url + from);
  await expect(page.getByTestId('user-name')).toHaveText(name);
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

test('a viewer sees topics, groups and messages, no change buttons, and every change route refuses its session; logout ends it', async ({ page }) => {
  await page.goto(dash.url + '/login');
  await page.getByLabel('Name').fill('vera');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('That name and password do not match.')).toBeVisible();

  await logIn(page, 'vera');
  await expect(page.getByTestId('user-role')).toHaveText('(viewer)');
  await expect(page.getByTestId('topic-row-orders')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create topic' })).toHaveCount(0);
  await page.getByRole('link', { name: 'orders', exact: true }).click();
  await expect(page.getByTestId('partition-row-0')).toBeVisible();
  for (const region of ['Add partitions', 'Delete records', 'Delete topic']) await expect(page.getByRole('region', { name: region })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Messages' }).click();
  const browser = page.getByRole('region', { name: 'Messages' });
  await browser.getByRole('button', { name: 'Load' }).click();
  await expect((await openRecord(browser, 0, 0)).getByTestId('message-value')).toContainText('first order');
  await expect(page.getByRole('region', { name: 'Produce' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Configs' }).click();
  await expect(page.getByTestId('config-retention.ms')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await page.goto(dash.url + '/groups/billing');
  await expect(page.getByTestId('group-state')).toHaveText('Empty');
  await expect(page.getByRole('region', { name: 'Reset offsets' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Delete' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Audit' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lab', exact: true })).toHaveCount(0);

  // the session itself, used directly: every change is refused
  const csrf = (await (await page.request.get(dash.url + '/api/auth/me')).json()).csrfToken;
  for (const [method, p, body] of mutationRoutes('orders', 'billing')) {
    const res = await page.request.fetch(dash.url + p, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, data: body === undefined ? undefined : JSON.stringify(body) });
    expect({ method, p, status: res.status() }).toEqual({ method, p, status: 403 });
    expect((await res.json()).error.code).toBe('FORBIDDEN');
  }

  await logOut(page);
  expect((await page.request.get(dash.url + '/api/topics')).status()).toBe(401);
  await page.goto(dash.url + '/groups');
  await expect(page).toHaveURL(/\/login\?next=%2Fgroups$/);
});

test('an operator produces and resets a group but cannot delete a topic; an admin can; /audit names each', async ({ page }) => {
  await logIn(page, 'otto', '/topics/orders/messages');
  const form = page.getByRole('region', { name: 'Produce' });
  await form.getByLabel('Value', { exact: true }).fill('from otto');
  await form.getByRole('button', { name: 'Produce' }).click();
  await expect(form.getByTestId('produce-result')).toContainText('offset');
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByTestId('partition-row-0')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Delete topic' })).toHaveCount(0);
  const csrf = (await (await page.request.get(dash.url + '/api/auth/me')).json()).csrfToken;
  const refused = await page.request.delete(dash.url + '/api/topics/orders', { headers: { 'x-csrf-token': csrf } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatchObject({ code: 'FORBIDDEN', permission: 'deleteTopic' });

  await page.goto(dash.url + '/groups/billing');
  const panel = page.getByRole('region', { name: 'Reset offsets' });
  await panel.getByLabel('Strategy').selectOption('to-latest');
  await panel.getByRole('button', { name: 'Preview' }).click();
  await panel.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Apply reset' }).click();
  await expect(panel.getByTestId('reset-result')).toContainText('Committed 2 offset');
  await expect(page.getByRole('button', { name: 'Delete group' })).toHaveCount(0); // an admin's
  await expect(page.getByRole('button', { name: 'Delete offsets' })).toBeVisible(); // an operator's
  await logOut(page);

  await logIn(page, 'ada', '/topics/orders');
  await page.getByRole('button', { name: 'Delete topic' }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByLabel('Type the topic name to confirm').fill('orders');
  await confirm.getByRole('button', { name: 'Delete topic permanently' }).click();
  await expect(page).toHaveURL(/\/topics$/);
  await expect(page.getByTestId('topic-row-orders')).toHaveCount(0);

  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  const row = (user: string, action: string, target: string) =>
    page.locator(`[data-testid="audit-row"][data-action="${action}"]`).filter({ has: page.getByTestId('audit-user').getByText(user, { exact: true }) }).filter({ has: page.getByTestId('audit-target').getByText(target, { exact: true }) });
  await expect(row('otto', 'topic.produce', 'orders')).toHaveCount(1);
  await expect(row('otto', 'group.reset', 'billing')).toHaveCount(1);
  await expect(row('ada', 'topic.delete', 'orders')).toHaveCount(1);
  await expect(row('vera', 'login', 'vera')).toHaveCount(1);
  await expect(row('vera', 'logout', 'vera')).toHaveCount(1);
});
