// Metadata that a power cut emptied or a crash left half-done never costs data: an empty
// `.topics/__consumer_offsets.json` keeps every committed offset (the reproduction:
// a commit of 42 read back as −1), a user topic comes back from its directories, and a
// DeleteTopics cut short after its intent is finished at the next start — directories and
// committed offsets both gone.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { encodeRecordBatchSync } from '../../server/protocol/record-batch';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { adminCommit, committedOffsets } from '../helpers/groups';
import { readAllRecords } from '../helpers/read';

let broker: TestBroker;
afterEach(async () => {
  await broker?.destroy();
});

const commit = (groupId: string, topic: string, partition: number, offset: number) => adminCommit(broker.port, groupId, topic, { [partition]: offset });

function fill(topic: string, partition: number, n: number): void {
  broker.state.partition(topic, partition)!.append([encodeRecordBatchSync(Array.from({ length: n }, (_, i) => ({ value: `${topic}-${partition}-${i}` })))]);
}

it('an emptied __consumer_offsets.json: the topic is recovered from disk and the commit of 42 reads back', async () => {
  broker = await startTestBroker();
  broker.state.createTopic('orders', 1, 1);
  fill('orders', 0, 50);
  await commit('billing', 'orders', 0, 42);
  await broker.crash();
  const meta = path.join(broker.dataDir, '.topics', '__consumer_offsets.json');
  fs.writeFileSync(meta, ''); // what a power cut did to a file rewritten without fsync
  broker = await broker.restart();
  expect(broker.logs.join('\n')).toMatch(/__consumer_offsets\.json is unreadable: recovered topic __consumer_offsets with 50 partition/);
  expect((await committedOffsets(broker.port, 'billing')).get('orders/0')).toBe(42);
  expect(broker.state.topics.get('__consumer_offsets')!.partitions).toHaveLength(50);
  expect(JSON.parse(fs.readFileSync(meta, 'utf8')).partitions).toBe(50); // rewritten whole
});

it.each([
  ['emptied', (f: string) => fs.writeFileSync(f, '')],
  ['truncated', (f: string) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2))],
  ['removed', (f: string) => fs.rmSync(f)],
])('a user topic whose metadata file was %s comes back from its directories with every record', async (_how, damage) => {
  broker = await startTestBroker();
  broker.state.createTopic('events', 3, 1, { 'retention.ms': '3600000' });
  for (const p of [0, 1, 2]) fill('events', p, 10 + p);
  await broker.crash();
  damage(path.join(broker.dataDir, '.topics', 'events.json'));
  broker = await broker.restart();
  expect(broker.logs.join('\n')).toMatch(/recovered topic events with 3 partition\(s\).*config overrides are lost/);
  for (const p of [0, 1, 2]) {
    const records = await readAllRecords(broker.port, 'events', p);
    expect(records.map((r) => r.value?.toString())).toEqual(Array.from({ length: 10 + p }, (_, i) => `events-${p}-${i}`));
  }
});

it('a DeleteTopics cut short after its intent is finished at the next start: no orphans, no stale offsets', async () => {
  broker = await startTestBroker();
  broker.state.createTopic('doomed', 2, 1);
  broker.state.createTopic('kept', 1, 1);
  fill('doomed', 0, 5);
  fill('doomed', 1, 5);
  fill('kept', 0, 5);
  await commit('g', 'doomed', 0, 3);
  await commit('g', 'kept', 0, 4);
  await broker.crash();
  // the state a crash right after the first step leaves: the intent on disk, nothing else done yet
  const topics = path.join(broker.dataDir, '.topics');
  fs.copyFileSync(path.join(topics, 'doomed.json'), path.join(topics, 'doomed.del'));
  broker = await broker.restart();
  expect(broker.logs.join('\n')).toMatch(/finishing the deletion of topic doomed/);
  expect(broker.state.topics.has('doomed')).toBe(false);
  expect(fs.readdirSync(broker.dataDir).filter((d) => d.startsWith('doomed'))).toEqual([]);
  expect(fs.readdirSync(topics).filter((f) => f.startsWith('doomed'))).toEqual([]);
  const offsets = await committedOffsets(broker.port, 'g');
  expect(offsets.has('doomed/0')).toBe(false);
  expect(offsets.get('kept/0')).toBe(4);
  // and it stays finished across another restart
  broker = await broker.restart();
  expect(broker.state.topics.has('doomed')).toBe(false);
  expect((await committedOffsets(broker.port, 'g')).has('doomed/0')).toBe(false);
});

it('a DeleteTopics that completes leaves no intent, directory or offset behind', async () => {
  broker = await startTestBroker();
  broker.state.createTopic('gone', 1, 1);
  fill('gone', 0, 3);
  await commit('g', 'gone', 0, 2);
  broker.state.deleteTopic('gone');
  expect(fs.readdirSync(path.join(broker.dataDir, '.topics')).filter((f) => f.startsWith('gone'))).toEqual([]);
  expect(fs.existsSync(path.join(broker.dataDir, 'gone-0'))).toBe(false);
  await broker.crash();
  broker = await broker.restart();
  expect(broker.state.topics.has('gone')).toBe(false);
  expect((await committedOffsets(broker.port, 'g')).has('gone/0')).toBe(false);
});

it('a topic with a 249-character name (Kafka\'s longest) is created, survives a crash and is deleted', async () => {
  broker = await startTestBroker();
  const name = 'n'.repeat(249);
  broker.state.createTopic(name, 1, 1);
  fill(name, 0, 3);
  await broker.crash();
  broker = await broker.restart();
  expect((await readAllRecords(broker.port, name, 0)).map((r) => r.value?.toString())).toEqual([`${name}-0-0`, `${name}-0-1`, `${name}-0-2`]);
  broker.state.deleteTopic(name);
  expect(fs.readdirSync(path.join(broker.dataDir, '.topics')).filter((f) => f.startsWith('nnn'))).toEqual([]);
});
