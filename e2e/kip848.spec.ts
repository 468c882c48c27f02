// A KIP-848 consumer group in Debian's Chromium: two librdkafka 2.12 members with
// group.protocol=consumer share a 6-partition topic on a broker with short heartbeats. The
// groups page lists the group as type consumer, Stable, 2 members, beside a classic group;
// its page shows the epochs, each member's epoch and owned and target partitions, and the
// lag; /metrics carries the same lag with type="consumer"; a reset while it runs is refused
// with the reason; once both members have left, a reset to earliest applies from the panel
// and the next member reads every partition from 0.
import { expect, test, type Page } from '@playwright/test';
import { startBrokerProcess, startDashboard, type BrokerProc, type Dashboard } from '../test/helpers/dashboard';
import { kafka } from '../test/helpers/kafkajs';
import { buildRdkafkaMember, killAllMembers, startMember, type Member } from '../test/helpers/rdkafka-member';

const TOPIC = 'kip-orders';
const GROUP = 'kip-group';
const PARTITIONS = 6;
let broker: BrokerProc;
let dash: Dashboard;

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(dash.url + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};
const member = (id: string) => startMember(broker.address, GROUP, [TOPIC], { 'group.protocol': 'consumer', 'client.id': id });
const messages = (m: Member) => m.events.filter((e) => e.event === 'message') as { partition: number; offset: number }[];

async function produce(perPartition: number) {
  const producer = kafka(broker.address).producer();
  await producer.connect();
  for (let p = 0; p < PARTITIONS; p++) await producer.send({ topic: TOPIC, messages: Array.from({ length: perPartition }, (_, i) => ({ partition: p, value: `v${p}-${i}` })) });
  await producer.disconnect();
}

test.beforeAll(async () => {
  test.setTimeout(900_000); // builds librdkafka the first time on a fresh machine (vitest has built it in CI)
  buildRdkafkaMember();
  // short heartbeats so that assignments settle in well under a second (Kafka's default is 5 s)
  broker = await startBrokerProcess({ args: ['--group-consumer-heartbeat-interval-ms', '300', '--group-consumer-min-heartbeat-interval-ms', '100'] });
  dash = await startDashboard({ kafkaBrokers: broker.address, env: { OFFSETSCOPE_LAG_SAMPLE_MS: '1000' } });
  const admin = kafka(broker.address).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }, { topic: 'ledger', numPartitions: 1 }] });
  // a classic group beside it: offsets committed the classic way (an Empty classic group)
  await admin.setOffsets({ groupId: 'classic-billing', topic: 'ledger', partitions: [{ partition: 0, offset: '0' }] });
  await admin.disconnect();
  await produce(5);
});
test.afterAll(async () => {
  await killAllMembers();
  await dash?.stop();
  await broker?.stop();
});

async function applyEarliest(page: Page) {
  const panel = page.getByRole('region', { name: 'Reset offsets' });
  await panel.getByLabel('Strategy').selectOption('to-earliest');
  await panel.getByRole('button', { name: 'Preview' }).click();
  await expect(panel.getByTestId('reset-blocked')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Apply' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Reset ${PARTITIONS} partitions of group ${GROUP}?`);
  await dialog.getByRole('button', { name: 'Apply reset' }).click();
  await expect(panel.getByTestId('reset-result')).toContainText(`Committed ${PARTITIONS} offsets`);
}

test('a KIP-848 group: listed and described with its epochs and assignments, its lag in /metrics, reset refused while it runs and applied once it is empty', async ({ page }) => {
  const a = member('kip-a');
  const b = member('kip-b');
  await expect.poll(() => [a.assignment().length, b.assignment().length], { timeout: 30_000 }).toEqual([3, 3]);
  // each reads its 3 partitions to the end (offset 4; a may have read b's too while it was alone) and commits: 5 everywhere
  const readOwn = (m: Member) => m.assignment().every((tp) => messages(m).some((e) => `${TOPIC}:${e.partition}` === tp && e.offset === 4));
  await expect.poll(() => [readOwn(a), readOwn(b)], { timeout: 30_000 }).toEqual([true, true]);
  for (const m of [a, b]) {
    const at = m.events.length;
    m.send('commit');
    await m.waitFor((e, i) => i >= at && e.event === 'committed' && e.error === null, 15_000, 'the commit');
  }
  await produce(2); // read by the members, not committed: lag 2 on every partition

  // the groups list: type, state and members beside the classic group
  await page.goto(dash.url + '/groups');
  const row = page.getByTestId(`group-row-${GROUP}`);
  await expect(row.getByTestId('group-type')).toHaveText('consumer');
  await expect(row.getByTestId('group-state')).toHaveText('Stable');
  await expect(row.getByTestId('group-members')).toHaveText('2');
  await expect(row.getByTestId('group-lag')).toHaveText(String(2 * PARTITIONS));
  await expect(page.getByTestId('group-row-classic-billing').getByTestId('group-type')).toHaveText('classic');

  // the group page: epochs, members with their epochs, owned and target partitions, lag
  await row.getByRole('link', { name: GROUP }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${GROUP}$`));
  await expect(page.getByTestId('group-type')).toHaveText('consumer');
  await expect(page.getByTestId('group-state')).toHaveText('Stable');
  const detail = (await api('GET', `/api/groups/${GROUP}`)).body;
  expect(detail.consumer).toMatchObject({ assignor: 'uniform' });
  expect(detail.consumer.groupEpoch).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('group-epochs')).toHaveText(`assignor uniform · group epoch ${detail.consumer.groupEpoch} · assignment epoch ${detail.consumer.assignmentEpoch}`);
  const members = page.getByRole('region', { name: /^Members/ });
  for (const [m, id] of [[a, 'kip-a'], [b, 'kip-b']] as const) {
    const info = detail.members.find((x: { clientId: string }) => x.clientId === id);
    expect(info.consumer.memberEpoch).toBe(detail.consumer.assignmentEpoch);
    const owned = `${TOPIC}: ${m.assignment().map((tp) => tp.split(':')[1]).join(', ')}`;
    const r = members.getByTestId(`member-${info.memberId}`);
    await expect(r.getByTestId('client-id')).toHaveText(id);
    await expect(r.getByTestId('member-epoch')).toHaveText(String(info.consumer.memberEpoch));
    await expect(r.getByTestId('subscription')).toHaveText(TOPIC);
    await expect(r.getByTestId('assignments')).toHaveText(owned);
    await expect(r.getByTestId('target-assignments')).toHaveText(owned); // settled: target = owned
  }
  await expect(page.getByTestId('group-lag')).toHaveText(String(2 * PARTITIONS));
  await expect(page.getByRole('link', { name: 'Open in the lab' })).toHaveCount(0); // the lab is classic: this group would refuse it
  for (let p = 0; p < PARTITIONS; p++) await expect(page.getByTestId(`offset-row-${TOPIC}-${p}`).getByTestId('lag')).toHaveText('2');

  // /metrics: the same lag, labelled type="consumer" (and the classic group's type="classic")
  const lagLine = (p: number) => new RegExp(`^kafka_consumergroup_lag\\{consumergroup="${GROUP}",topic="${TOPIC}",partition="${p}",type="consumer"\\} (\\d+)$`, 'm');
  await expect.poll(async () => {
    const text = await (await fetch(dash.url + '/metrics')).text();
    return Array.from({ length: PARTITIONS }, (_, p) => Number(text.match(lagLine(p))?.[1] ?? -1));
  }, { timeout: 20_000 }).toEqual(detail.offsets.map((o: { lag: number }) => o.lag));
  const text = await (await fetch(dash.url + '/metrics')).text();
  expect(text).toContain(`kafka_consumergroup_members{consumergroup="${GROUP}",type="consumer"} 2\n`);
  expect(text).toContain('kafka_consumergroup_current_offset{consumergroup="classic-billing",topic="ledger",partition="0",type="classic"} 0\n');

  // a reset while it runs: the panel says why, the API refuses with the state and members
  const panel = page.getByRole('region', { name: 'Reset offsets' });
  await panel.getByLabel('Strategy').selectOption('to-earliest');
  await panel.getByRole('button', { name: 'Preview' }).click();
  await expect(panel.getByTestId('reset-blocked')).toContainText(`is Stable with 2 members (kip-`);
  await expect(panel.getByRole('button', { name: 'Apply' })).toBeDisabled();
  const refused = await api('POST', `/api/groups/${GROUP}/reset`, { strategy: 'to-earliest', scope: { topics: 'all' }, dryRun: false });
  expect(refused.status).toBe(409);
  expect(refused.body.error).toMatchObject({ code: 'GROUP_ACTIVE', state: 'Stable' });
  expect(refused.body.error.members.map((m: { clientId: string }) => m.clientId).sort()).toEqual(['kip-a', 'kip-b']);

  // both leave: Empty; the reset to earliest applies; the next member reads from 0
  expect(await a.close()).toEqual({ code: 0, signal: null });
  expect(await b.close()).toEqual({ code: 0, signal: null });
  await page.reload();
  await expect(page.getByTestId('group-state')).toHaveText('Empty');
  await expect(page.getByTestId('no-members')).toBeVisible();
  await applyEarliest(page);
  for (let p = 0; p < PARTITIONS; p++) await expect(page.getByTestId(`offset-row-${TOPIC}-${p}`).getByTestId('committed')).toHaveText('0');
  await expect(page.getByRole('link', { name: 'Open in the lab' })).toBeVisible(); // empty: the lab may take it over
  const c = member('kip-c');
  await expect.poll(() => messages(c).length, { timeout: 30_000 }).toBe(7 * PARTITIONS);
  for (let p = 0; p < PARTITIONS; p++) expect(messages(c).filter((e) => e.partition === p).map((e) => e.offset)).toEqual([0, 1, 2, 3, 4, 5, 6]);
});
