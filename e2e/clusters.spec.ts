// Several clusters in one dashboard (OFFSETSCOPE_CONFIG): a 1-node plaintext broker, a
// 3-node SASL_SSL broker and the same with a wrong password. The switcher lists them;
// on the 3-node cluster a topic is created from the form and a group's offsets are reset
// from the panel; the cluster with the wrong password shows the authentication error on
// its own pages while the other two keep working; no secret reaches the browser.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startTestBroker, tempDir, type TestBroker } from '../test/helpers/broker';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';

const PASSWORD = 'e2e-S3cret-pw';
let plain: TestBroker;
let secure: TestBroker;
let dash: Dashboard;
const bodies: string[] = [];

test.beforeAll(async () => {
  plain = await startTestBroker();
  secure = await startTestBroker({ nodes: 3, listeners: 'SASL_SSL://127.0.0.1:0', saslUsers: `dash:${PASSWORD}` });
  const dir = tempDir('offsetscope-clusters-');
  const file = path.join(dir, 'offsetscope.config.json');
  const node0 = secure.nodes[0].listeners[0];
  const sasl = (passwordEnv: string) => ({ mechanism: 'scram-sha-512', username: 'dash', passwordEnv });
  fs.writeFileSync(
    file,
    JSON.stringify({
      clusters: [
        { id: 'local', name: 'Local 1-node', bootstrap: plain.address, default: true },
        { id: 'secure', name: 'Secure 3-node', bootstrap: `${node0.host}:${node0.port}`, sasl: sasl('GOOD_PW'), tls: { caFile: secure.caFile } },
        { id: 'broken', name: 'Wrong password', bootstrap: `${node0.host}:${node0.port}`, sasl: sasl('BAD_PW'), tls: { caFile: secure.caFile } },
      ],
    }),
  );
  dash = await startDashboard({ env: { OFFSETSCOPE_CONFIG: file, GOOD_PW: PASSWORD, BAD_PW: 'nope-nope', OFFSETSCOPE_LAG_SAMPLE_MS: '1000' } });
});
test.afterAll(async () => {
  await dash?.stop();
  await plain?.destroy();
  await secure?.destroy();
});

test('switch clusters; create a topic and reset a group on the 3-node SASL_SSL one; a wrong password stays on its own pages', async ({ page }) => {
  page.on('response', async (r) => {
    if (r.url().includes('/api/')) bodies.push(await r.text().catch(() => ''));
  });
  await page.goto(dash.url + '/');
  const header = page.getByRole('banner');
  const switcher = header.getByLabel('Switch cluster');
  await expect(switcher.locator('option')).toHaveText(['Local 1-node', 'Secure 3-node', 'Wrong password']);
  await expect(header.getByTestId('cluster-state')).toHaveText('connected');

  await switcher.selectOption('secure');
  await expect(page).toHaveURL(/\/clusters\/secure$/);
  await expect(header.getByTestId('cluster-state')).toHaveText('connected');
  await page.getByRole('link', { name: 'Topics' }).first().click();
  await expect(page).toHaveURL(/\/clusters\/secure\/topics$/);
  await page.getByRole('button', { name: 'Create topic' }).first().click();
  await page.getByLabel('Topic name').fill('spread-orders');
  await page.getByLabel('Partitions').fill('6');
  await page.getByRole('button', { name: 'Create topic' }).last().click();
  await expect(page.getByTestId('topic-row-spread-orders')).toBeVisible();
  await page.getByTestId('topic-row-spread-orders').getByRole('link', { name: 'spread-orders' }).click();
  await expect(page).toHaveURL(/\/clusters\/secure\/topics\/spread-orders$/);
  // leaders on all three nodes
  const leaders = new Set<string>();
  for (let p = 0; p < 6; p++) leaders.add((await page.getByTestId(`partition-row-${p}`).getByTestId('leader').textContent())!.trim());
  expect(leaders).toEqual(new Set(['0', '1', '2']));

  // a group with commits on it, then reset to earliest from the group page
  const api = (p: string, body: unknown) => fetch(dash.url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  for (let p = 0; p < 6; p++) expect((await api('/api/clusters/secure/topics/spread-orders/messages', { partition: p, value: 'v{{i}}', count: 3 })).status).toBe(200);
  expect((await api('/api/clusters/secure/groups/spreaders/reset', { strategy: 'to-latest', scope: { topics: ['spread-orders'] }, dryRun: false })).status).toBe(200);
  await page.goto(dash.url + '/clusters/secure/groups/spreaders');
  const panel = page.getByRole('region', { name: 'Reset offsets' });
  await panel.getByLabel('Strategy').selectOption('to-earliest');
  await panel.getByRole('button', { name: 'Preview' }).click();
  await expect(panel.getByTestId('plan-row-spread-orders-5').getByTestId('lag-after')).toHaveText('3');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Apply reset' }).click();
  await expect(panel.getByTestId('reset-result')).toContainText('Committed 6 offsets');
  const table = page.getByRole('region', { name: 'Partitions' });
  for (let p = 0; p < 6; p++) await expect(table.getByTestId(`offset-row-spread-orders-${p}`).getByTestId('committed')).toHaveText('0');

  // the cluster with the wrong password: its pages say why, the others still answer
  await header.getByLabel('Switch cluster').selectOption('broken');
  await expect(page).toHaveURL(/\/clusters\/broken\/groups$/);
  await expect(header.getByTestId('cluster-state')).toHaveText('unreachable');
  await expect(page.getByText(/refused the credentials/).first()).toBeVisible();
  await header.getByLabel('Switch cluster').selectOption('local');
  await expect(page).toHaveURL(/\/clusters\/local\/groups$/);
  await expect(header.getByTestId('cluster-state')).toHaveText('connected');
  await page.goto(dash.url + '/topics');
  await expect(page.getByTestId('topic-row-spread-orders')).toHaveCount(0); // the default (local) cluster has no such topic
  await page.goto(dash.url + '/clusters/secure/topics');
  await expect(header.getByTestId('cluster-state')).toHaveText('connected');
  await expect(page.getByTestId('topic-row-spread-orders')).toBeVisible();

  const html = await page.content();
  for (const text of [...bodies, html, dash.proc.output()]) {
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('nope-nope');
  }
});

test('the API names every cluster without secrets, refuses an unknown one, and /metrics labels each cluster', async () => {
  const list = await (await fetch(dash.url + '/api/clusters')).json();
  expect(list.clusters.map((c: { id: string; default: boolean }) => [c.id, c.default])).toEqual([
    ['local', true],
    ['secure', false],
    ['broken', false],
  ]);
  expect(list.clusters[1].security).toEqual({ tls: true, saslMechanism: 'scram-sha-512' });
  expect(JSON.stringify(list)).not.toContain(PASSWORD);
  const unknown = await fetch(dash.url + '/api/clusters/nowhere/topics');
  expect(unknown.status).toBe(404);
  expect((await unknown.json()).error.code).toBe('UNKNOWN_CLUSTER');
  const status = await (await fetch(dash.url + '/api/clusters/secure')).json();
  expect(status).toMatchObject({ id: 'secure', reachable: true, brokers: [{ nodeId: 0 }, { nodeId: 1 }, { nodeId: 2 }] });
  await expect
    .poll(async () => (await (await fetch(dash.url + '/metrics')).text()).match(/kafka_consumergroup_current_offset\{cluster="secure",consumergroup="spreaders",topic="spread-orders",partition="\d",type="classic"\} 0/g)?.length ?? 0, { timeout: 15_000 })
    .toBe(6);
  expect(await (await fetch(dash.url + '/metrics')).text()).toMatch(/^kafka_brokers\{cluster="local"\} 1$/m);
});
