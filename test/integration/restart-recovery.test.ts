// A broker that stops — cleanly or by a power cut mid-write — comes back serving exactly
// the offsets and bytes it had, and carries on from the right offset.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { kafka } from '../helpers/kafkajs';
import { readAllBatches, readAllRecords } from '../helpers/read';

let broker: TestBroker | undefined;
afterEach(async () => {
  await broker?.destroy();
  broker = undefined;
});

async function produce10k(address: string) {
  const k = kafka(address);
  const admin = k.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'durable', numPartitions: 3 }] });
  await admin.disconnect();
  const producer = k.producer();
  await producer.connect();
  for (let b = 0; b < 100; b++) {
    await producer.send({
      topic: 'durable',
      messages: Array.from({ length: 100 }, (_, i) => ({ partition: (b * 100 + i) % 3, key: `k${b * 100 + i}`, value: `value-${b * 100 + i}` })),
    });
  }
  await producer.disconnect();
}

describe('restart and recovery', () => {
  it('10,000 records in 3 partitions: same offsets and bytes after a restart', async () => {
    broker = await startTestBroker({ logSegmentBytes: 64 * 1024 });
    await produce10k(broker.address);
    const before = await Promise.all([0, 1, 2].map((p) => readAllBatches(broker!.port, 'durable', p)));
    const counts = before.map((bs) => bs.reduce((n, b) => n + b.readInt32BE(57), 0));
    expect(counts.reduce((a, b) => a + b)).toBe(10_000);

    broker = await broker.restart();
    const after = await Promise.all([0, 1, 2].map((p) => readAllBatches(broker!.port, 'durable', p)));
    for (let p = 0; p < 3; p++) expect(Buffer.concat(after[p]).equals(Buffer.concat(before[p]))).toBe(true);
    const recs = await readAllRecords(broker.port, 'durable', 1);
    expect(recs.map((r) => r.offset)).toEqual(recs.map((_, i) => i));
    expect(recs[0].value?.toString()).toBe('value-1');
  });

  it('a last segment cut mid-batch: whole batches before the cut are served, new records continue', async () => {
    broker = await startTestBroker({ logSegmentBytes: 64 * 1024 });
    await produce10k(broker.address);
    const before = await readAllBatches(broker.port, 'durable', 0);
    await broker.close();

    const dir = path.join(broker.dataDir, 'durable-0');
    const last = fs.readdirSync(dir).filter((f) => f.endsWith('.log')).sort().at(-1)!;
    const file = path.join(dir, last);
    const size = fs.statSync(file).size;
    const lastBatch = before.at(-1)!;
    fs.truncateSync(file, size - Math.floor(lastBatch.length / 2)); // power cut inside the last batch
    fs.rmSync(path.join(broker.dataDir, '.clean-shutdown')); // a power cut leaves no clean-stop marker

    broker = await broker.restart();
    // Found at start, before any client asks.
    expect(broker.logs.join('\n')).toMatch(/durable-0.*truncating/);
    const after = await readAllBatches(broker.port, 'durable', 0);
    expect(after.length).toBe(before.length - 1);
    for (let i = 0; i < after.length; i++) expect(after[i].equals(before[i])).toBe(true);

    const lostFrom = Number(lastBatch.readBigInt64BE(0));
    const producer = kafka(broker.address).producer();
    await producer.connect();
    const [meta] = await producer.send({ topic: 'durable', messages: [{ partition: 0, value: 'after the cut' }] });
    await producer.disconnect();
    expect(Number(meta.baseOffset)).toBe(lostFrom);
    const recs = await readAllRecords(broker.port, 'durable', 0);
    expect(recs.at(-1)!.offset).toBe(lostFrom);
    expect(recs.at(-1)!.value?.toString()).toBe('after the cut');
  });
});
