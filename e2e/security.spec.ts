// Every page under the Content-Security-Policy (server/http/security-headers.ts): each one
// renders, does its job (produce, browse, preview a reset, start a lab member, client-side
// navigation) and the browser reports no violation — while an injected inline script is
// refused. The document answers carry the security headers.
import { expect, test, type Page, type Response } from '@playwright/test';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { openRecord } from '../test/helpers/record-table';
import { kafka } from '../test/helpers/kafkajs';

let dash: Dashboard;
test.beforeAll(async () => {
  dash = await startDashboard();
  const admin = kafka(dash.brokerAddress).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 2 }] });
  await admin.setOffsets({ groupId: 'billing', topic: 'orders', partitions: [{ partition: 0, offset: '0' }, { partition: 1, offset: '0' }] });
  await admin.disconnect();
  const producer = kafka(dash.brokerAddress).producer();
  await producer.connect();
  await producer.send({ topic: 'orders', messages: Array.from({ length: 6 }, (_, i) => ({ partition: i % 2, value: `order-${i}` })) });
  await producer.disconnect();
});
test.afterAll(async () => {
  await dash?.stop();
});

/** Every CSP violation and console error of the page, collected from before its first script. */
async function watch(page: Page): Promise<{ violations: () => Promise<string[]>; errors: string[] }> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // init scripts run through the DevTools protocol, outside the page's CSP
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return { violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), errors };
}

function expectSecurityHeaders(res: Response | null): void {
  expect(res).not.toBeNull();
  const h = res!.headers();
  expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*'/);
  expect(h['content-security-policy']).toContain("object-src 'none'");
  expect(h['content-security-policy']).toContain("base-uri 'self'");
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('same-origin');
  expect(h['cross-origin-opener-policy']).toBe('same-origin');
}

test('every page renders and works under the CSP with no violation', async ({ page }) => {
  const seen = await watch(page);

  // overview
  expectSecurityHeaders(await page.goto(dash.url + '/'));
  await expect(page.getByTestId('broker-0')).toContainText(`127.0.0.1:${dash.brokerPort}`);

  // topics, reached by client-side navigation (an RSC fetch, not a document load)
  await page.getByRole('link', { name: 'Topics' }).click();
  await expect(page).toHaveURL(/\/topics$/);
  await expect(page.getByTestId('topic-row-orders')).toBeVisible();

  // a topic: produce from the form, then browse it back
  expectSecurityHeaders(await page.goto(dash.url + '/topics/orders/messages'));
  const form = page.getByRole('region', { name: 'Produce' });
  await form.getByLabel('Partition', { exact: true }).selectOption('0');
  await form.getByLabel('Value', { exact: true }).fill('under the policy');
  await form.getByRole('button', { name: 'Produce' }).click();
  await expect(form.getByTestId('produce-result')).toContainText('offset 3');
  const browser = page.getByRole('region', { name: 'Messages' });
  await browser.getByLabel('Partition', { exact: true }).selectOption('0');
  await browser.getByRole('button', { name: 'Load' }).click();
  await expect((await openRecord(browser, 0, 3)).getByTestId('message-value')).toHaveText('under the policy');

  // groups
  expectSecurityHeaders(await page.goto(dash.url + '/groups'));
  await expect(page.getByTestId('group-row-billing').getByTestId('group-lag')).toHaveText('7');

  // a group: preview a reset (a mutation-shaped POST from the page)
  expectSecurityHeaders(await page.goto(dash.url + '/groups/billing'));
  const panel = page.getByRole('region', { name: 'Reset offsets' });
  await panel.getByLabel('Strategy').selectOption('to-latest');
  await panel.getByRole('button', { name: 'Preview' }).click();
  await expect(panel.getByTestId('plan-row-orders-0').getByTestId('new')).toHaveText('4');

  // the lab: start a member, see it join
  expectSecurityHeaders(await page.goto(dash.url + '/lab?topic=orders&group=csp-lab'));
  const setup = page.getByRole('region', { name: 'Start a member' });
  await setup.getByLabel('Session timeout (s)').fill('6');
  await setup.getByRole('button', { name: 'Start member' }).click();
  await expect(page.getByRole('region', { name: 'offsetscope-lab-1' }).getByTestId('member-state')).toHaveText('stable');

  // a cluster-prefixed page
  expectSecurityHeaders(await page.goto(dash.url + '/clusters/default/topics'));
  await expect(page.getByTestId('topic-row-orders')).toBeVisible();

  expect(await seen.violations()).toEqual([]);
  expect(seen.errors.filter((e) => /Content Security Policy|pageerror/i.test(e))).toEqual([]);
});

test('an inline script without the nonce is refused and reported', async ({ page }) => {
  const seen = await watch(page);
  await page.goto(dash.url + '/topics');
  await expect(page.getByTestId('topic-row-orders')).toBeVisible();
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 100));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(seen.violations).toEqual([expect.stringMatching(/^script-src-elem inline/)]);
});
