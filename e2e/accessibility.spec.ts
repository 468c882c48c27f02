// Accessibility on every page, light and dark: no serious or critical axe-core violation
// (WCAG 2.1 A and AA rules), and every control reached with Tab shows where the focus is.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { kafka } from '../test/helpers/kafkajs';

let dash: Dashboard;
test.beforeAll(async () => {
  dash = await startDashboard();
  const admin = kafka(dash.brokerAddress).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 2 }] });
  const producer = kafka(dash.brokerAddress).producer();
  await producer.connect();
  await producer.send({ topic: 'orders', messages: Array.from({ length: 20 }, (_, i) => ({ key: `customer-${i % 3}`, value: JSON.stringify({ i, amount: i * 100 }), headers: { source: 'a11y' } })) });
  await producer.disconnect();
  await admin.setOffsets({ groupId: 'billing', topic: 'orders', partitions: [{ partition: 0, offset: '3' }, { partition: 1, offset: '1' }] });
  await admin.disconnect();
});
test.afterAll(async () => {
  await dash?.stop();
});

/** Each page, and what shows it has loaded its data. */
const PAGES: [path: string, ready: (p: Page) => Promise<void>][] = [
  ['/', (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible()],
  ['/topics', (p) => expect(p.getByTestId('topic-row-orders')).toBeVisible()],
  ['/topics/orders', (p) => expect(p.getByTestId('partition-row-1')).toBeVisible()],
  [
    '/topics/orders/messages',
    async (p) => {
      await expect(p.getByTestId('messages-status')).toContainText('records loaded');
      await p.getByRole('button', { name: /^Partition \d+ offset \d+: open/ }).first().click(); // an opened record too
      await expect(p.getByTestId('record-detail')).toBeVisible();
    },
  ],
  ['/topics/orders/messages?filter=value.amount+%3E+500', (p) => expect(p.getByTestId('messages-status')).toContainText('Scanned to the end')],
  ['/topics/orders/consumers', (p) => expect(p.getByTestId('group-billing')).toBeVisible()],
  ['/topics/orders/configs', (p) => expect(p.getByTestId('config-retention.ms')).toBeVisible()],
  ['/groups', (p) => expect(p.getByTestId('group-row-billing')).toBeVisible()],
  ['/groups/billing', (p) => expect(p.getByTestId('group-state')).toBeVisible()],
  ['/lab', (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible()],
];

for (const scheme of ['light', 'dark'] as const) {
  for (const [path, ready] of PAGES) {
    test(`${path} in ${scheme}: no serious or critical axe violations`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(dash.url + path);
      await ready(page);
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      const bad = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, where: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      expect(bad).toEqual([]);
    });
  }
}

/** Tabs through a page; answers each control reached that shows no focus indicator (outline or ring). */
async function unmarkedFocus(page: Page, presses: number): Promise<string[]> {
  const bad: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const marked = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      const name = `${el.tagName.toLowerCase()}[${el.getAttribute('aria-label') ?? el.getAttribute('name') ?? el.id ?? ''}] ${(el.textContent ?? '').trim().slice(0, 30)}`;
      return { name, marked };
    });
    if (!f || seen.has(f.name)) continue;
    seen.add(f.name);
    if (!f.marked) bad.push(f.name);
  }
  return bad;
}

test('every control reached with Tab shows where the focus is', async ({ page }) => {
  await page.goto(dash.url + '/topics/orders/messages');
  await expect(page.getByTestId('messages-status')).toContainText('records loaded');
  expect(await unmarkedFocus(page, 60)).toEqual([]);
  await page.goto(dash.url + '/groups/billing');
  await expect(page.getByTestId('group-state')).toBeVisible();
  expect(await unmarkedFocus(page, 60)).toEqual([]);
  await page.goto(dash.url + '/topics/orders');
  await expect(page.getByTestId('partition-row-1')).toBeVisible();
  expect(await unmarkedFocus(page, 40)).toEqual([]);
});
