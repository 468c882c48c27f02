// The consumer lab in a real browser: two members of lab-group split a 4-partition topic,
// a poll of 5 and a commit move one committed offset by 5 (lag down by 5), a killed
// member's partitions move to the survivor after the session timeout and it continues
// from the committed offsets; closing the page makes the members leave the group.
import { expect, test, type Locator } from '@playwright/test';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';

let dash: Dashboard;
const api = (path: string, body?: unknown) =>
  fetch(dash.url + path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test.beforeAll(async () => {
  dash = await startDashboard();
  await api('/api/topics', { name: 'lab-topic', partitions: 4, replicationFactor: 1 });
  for (let p = 0; p < 4; p++) await api('/api/topics/lab-topic/messages', { partition: p, value: `p${p}-{{i}}`, count: 10 });
});
test.afterAll(async () => {
  await dash?.stop();
});

const partitionsOf = async (card: Locator) =>
  (await card.locator('[data-testid^="member-partition-"]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-testid')!.split('-').pop())))).sort();

test('two members split 4 partitions; poll 5 + commit moves the commit by 5; a killed member is evicted and the survivor continues from the commits', async ({ page, context }) => {
  await page.goto(dash.url + '/lab?topic=lab-topic&group=lab-group');
  await expect(page.getByTestId('lab-protocol')).toContainText('classic group protocol');
  const setup = page.getByRole('region', { name: 'Start a member' });
  await setup.getByLabel('Session timeout (s)').fill('6'); // the broker's group.min.session.timeout.ms
  await setup.getByRole('button', { name: 'Start member' }).click();
  const one = page.getByRole('region', { name: 'offsetscope-lab-1' });
  await expect(one.getByTestId('member-state')).toHaveText('stable');
  await setup.getByRole('button', { name: 'Start member' }).click();
  const two = page.getByRole('region', { name: 'offsetscope-lab-2' });
  await expect(two.getByTestId('member-state')).toHaveText('stable', { timeout: 20_000 });
  await expect(one.locator('[data-testid^="member-partition-"]')).toHaveCount(2, { timeout: 20_000 });
  await expect(two.locator('[data-testid^="member-partition-"]')).toHaveCount(2);
  const mine = await partitionsOf(one);
  const theirs = await partitionsOf(two);
  expect([...mine, ...theirs].sort()).toEqual([0, 1, 2, 3]);

  // Commit where everybody stands (offset 0): every partition now has a lag of 10.
  await one.getByRole('button', { name: 'Commit' }).click();
  await two.getByRole('button', { name: 'Commit' }).click();
  const board = page.getByRole('region', { name: 'Partitions of lab-topic for group lab-group' });
  const row = (p: number) => board.getByTestId(`lab-partition-${p}`);
  for (const p of [0, 1, 2, 3]) await expect(row(p).getByTestId('lag')).toHaveText('10');

  const p = mine[0];
  await one.getByLabel('Records to poll').fill('5');
  await one.getByRole('button', { name: 'Poll' }).click();
  await expect(one.locator('[data-testid^="polled-"]')).toHaveCount(5);
  for (let o = 0; o < 5; o++) await expect(one.getByTestId(`polled-${p}-${o}`)).toContainText(`p${p}-${o}`);
  await expect(one.getByTestId(`member-partition-${p}`).getByTestId('uncommitted')).toHaveText('5');
  await expect(row(p).getByTestId('position')).toHaveText('5');
  await expect(row(p).getByTestId('lag')).toHaveText('10'); // a poll alone moves nothing the group shows

  await one.getByRole('button', { name: 'Commit' }).click();
  await expect(one.getByTestId('last-commit')).toContainText(`partition ${p} → 5`);
  await expect(row(p).getByTestId('committed')).toHaveText('5');
  await expect(row(p).getByTestId('lag')).toHaveText('5');
  const group = await (await api('/api/groups/lab-group')).json();
  expect(group.offsets.find((o: { partition: number }) => o.partition === p)).toMatchObject({ committedOffset: 5, lag: 5 });
  await expect(page.getByTestId('offset-explain')).toContainText('lag 5 = log-end 10 − committed 5');

  // Two more polled but not committed: they come again after the rebalance.
  await one.getByLabel('Records to poll').fill('2');
  await one.getByRole('button', { name: 'Poll' }).click();
  await expect(one.getByTestId(`member-partition-${p}`).getByTestId('uncommitted')).toHaveText('2');

  await two.getByRole('button', { name: 'Kill' }).click();
  await expect(two.getByTestId('member-state')).toHaveText('killed');
  await expect(two.getByTestId('eviction')).toContainText(/evicts it in \d+ s/);
  await expect(one.locator('[data-testid^="member-partition-"]')).toHaveCount(4, { timeout: 25_000 });
  await expect(one.getByTestId('member-state')).toHaveText('stable');
  await expect(two.getByTestId('eviction')).toContainText('has evicted it', { timeout: 10_000 });
  for (const q of theirs) await expect(row(q).getByTestId('owner')).toHaveText('offsetscope-lab-1');

  await one.getByLabel('Records to poll').fill('100');
  await one.getByRole('button', { name: 'Poll' }).click();
  const polled = one.locator('[data-testid^="polled-"]');
  await expect(polled).toHaveCount(5 + 3 * 10); // 5..9 of p (5 and 6 again), all of the other three
  await expect(one.getByTestId(`polled-${p}-5`)).toBeVisible();
  await expect(one.getByTestId(`polled-${p}-4`)).toHaveCount(0);
  for (const q of [0, 1, 2, 3].filter((x) => x !== p)) {
    await expect(one.getByTestId(`polled-${q}-0`)).toBeVisible();
    await expect(one.getByTestId(`polled-${q}-9`)).toBeVisible();
  }

  // The page goes away: its member leaves, and the group is empty soon after (not after a timeout).
  const other = await context.newPage();
  await page.close({ runBeforeUnload: true });
  await expect
    .poll(async () => (await (await api('/api/groups/lab-group')).json()).state, { timeout: 5000 })
    .toBe('Empty');
  // From the group's page the lab opens on the group and its topic.
  await other.goto(dash.url + '/groups/lab-group');
  await other.getByRole('link', { name: 'Open in the lab' }).click();
  await expect(other).toHaveURL(/\/lab\?/);
  const form = other.getByRole('region', { name: 'Start a member' });
  await expect(form.getByLabel('Topic', { exact: true })).toHaveValue('lab-topic');
  await expect(form.getByLabel('Group', { exact: true })).toHaveValue('lab-group');
});

test('bad lab input gets a clear error: an unknown topic, a poll of 0', async () => {
  const unknown = await api('/api/lab/members', { session: 'bad-input-session', topic: 'no-such-topic', groupId: 'g' });
  expect(unknown.status).toBe(404);
  expect((await unknown.json()).error.message).toContain('no-such-topic');
  const started = await api('/api/lab/members', { session: 'bad-input-session', topic: 'lab-topic', groupId: 'bad-input-group' });
  expect(started.status).toBe(201);
  const { member } = await started.json();
  const zero = await api(`/api/lab/members/${member.id}`, { action: 'poll', max: 0 });
  expect(zero.status).toBe(400);
  expect((await zero.json()).error.message).toMatch(/max must be 1–500/);
  const missing = await api('/api/lab/members/lab-nope', { action: 'commit' });
  expect(missing.status).toBe(404);
  const end = await fetch(`${dash.url}/api/lab/sessions/bad-input-session`, { method: 'DELETE' });
  expect(end.status).toBe(204);
  const after = await (await fetch(`${dash.url}/api/lab/members?session=bad-input-session`)).json();
  expect(after.members).toEqual([]);
});
