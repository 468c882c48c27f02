// Single sign-on in Debian's Chromium against a real OpenID provider (oidc-provider, on
// loopback, started here): the login page offers it; the provider's login page takes the
// person's name; back on the dashboard their role comes from the groups claim; logout ends
// the session at the provider too; a session past its lifetime sends the person to log in
// again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { freePort, startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { startOidcProvider, type TestProvider } from '../test/helpers/oidc-provider';

const SESSION_HOURS = 10 / 3600; // ten seconds, so that expiry can be watched
let dash: Dashboard;
let idp: TestProvider;

test.beforeAll(async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider({ dashboardUrl: url });
  idp.groups.set('olga', ['staff', 'kafka-ops']);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-oidc-')), 'config.json');
  const oidc = {
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecretEnv: 'TEST_OIDC_SECRET',
    publicUrl: url,
    scopes: ['openid', 'profile'],
    roleMapping: { 'kafka-ops': { '*': 'operator' } },
    defaultRoles: { '*': 'viewer' },
    label: 'Log in with TestID',
  };
  fs.writeFileSync(file, JSON.stringify({ auth: { oidc, sessionHours: SESSION_HOURS } }));
  dash = await startDashboard({ port, env: { OFFSETSCOPE_CONFIG: file, TEST_OIDC_SECRET: idp.clientSecret } });
});
test.afterAll(async () => {
  await dash?.stop();
  await idp?.close();
});

/** Through the provider's development login and consent pages, as `name`. */
async function signInAtProvider(page: Page, name: string) {
  await page.locator('input[name="login"]').fill(name);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  // the first time, the provider asks to authorize the dashboard
  const consent = page.locator('button[type="submit"]', { hasText: /continue/i });
  if (await consent.isVisible({ timeout: 3000 }).catch(() => false)) await consent.click();
}

test('log in with the provider; the role comes from the groups claim; logout ends it there too; an expired session goes back to log in', async ({ page }) => {
  await page.goto(dash.url + '/groups');
  await expect(page).toHaveURL(/\/login\?next=%2Fgroups$/);
  await page.getByRole('link', { name: 'Log in with TestID' }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await signInAtProvider(page, 'olga');
  await expect(page).toHaveURL(dash.url + '/groups');
  await expect(page.getByTestId('user-name')).toHaveText('olga');
  await expect(page.getByTestId('user-role')).toHaveText('(operator)'); // kafka-ops → operator
  const me = await (await page.request.get(dash.url + '/api/auth/me')).json();
  expect(me).toMatchObject({ user: { name: 'olga', kind: 'oidc' }, oidc: true });

  // logout: the dashboard's session ends, then the provider's (its confirmation page), then /login
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/session/end`));
  await page.locator('button[autofocus], button[type="submit"]').first().click();
  await expect(page).toHaveURL(`${dash.url}/login`);
  expect((await page.request.get(dash.url + '/api/auth/me')).status()).toBe(401);

  // again, to watch the session expire: the provider asks for the name again (its session ended too)
  await page.getByRole('link', { name: 'Log in with TestID' }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await signInAtProvider(page, 'olga');
  await expect(page.getByTestId('user-name')).toHaveText('olga');
  await expect.poll(async () => (await page.request.get(dash.url + '/api/auth/me')).status(), { timeout: 30_000, intervals: [1000] }).toBe(401);
  // the next page opened goes to log in; a new tab, because the open page sees the expiry on
  // its own next request and goes to /login itself, which would cut a navigation made here short
  const next = await page.context().newPage();
  await next.goto(dash.url + '/topics');
  await expect(next).toHaveURL(/\/login\?next=%2Ftopics$/);
});

test('a person in no mapped group gets the default role; a forged callback starts no session', async ({ page }) => {
  idp.groups.set('vic', ['staff']);
  await page.goto(dash.url + '/login');
  await page.getByRole('link', { name: 'Log in with TestID' }).click();
  await signInAtProvider(page, 'vic');
  await expect(page.getByTestId('user-role')).toHaveText('(viewer)');
  await page.context().clearCookies();
  await page.goto(dash.url + '/api/auth/oidc/callback?code=forged&state=forged');
  await expect(page).toHaveURL(/\/login\?error=OIDC_STATE$/);
  await expect(page.getByText('That sign-on was not started here')).toBeVisible();
  expect((await page.request.get(dash.url + '/api/auth/me')).status()).toBe(401);
  expect(dash.proc.output()).not.toContain(idp.clientSecret); // nor in the log
});
