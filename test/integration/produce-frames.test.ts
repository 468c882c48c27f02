// Produce requests larger than one socket read are copied into pooled buffers that later
// requests reuse (server/broker/frame-pool.ts). A buffer handed back while anything still
// needed it would show here as records whose bytes belong to another request.
import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { kafka } from '../helpers/kafkajs';
import { readAllRecords } from '../helpers/read';
import { Produce } from '../../server/protocol/00-produce';
import { Fetch } from '../../server/protocol/01-fetch';
import { fetchRequest } from '../../server/kafka/routing/fetch-request';
import { encodeRecordBatch } from '../../server/protocol/record-batch';
import { WireConnection } from '../../server/kafka/connection/wire-connection';

let broker: TestBroker;
beforeAll(async () => {
  broker = await startTestBroker();
  const admin = kafka(broker.address).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'frames', numPartitions: 1 }] });
  await admin.disconnect();
});
afterAll(async () => {
  await broker.destroy();
});

it('60 produces written at once (large ones over many socket reads, small ones between) read back byte for byte', async () => {
  const conn = await WireConnection.connect('127.0.0.1', broker.port);
  const sent: Buffer[][] = [];
  try {
    await conn.request(Produce, 7, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'frames', partitionData: [{ index: 0, records: [await encodeRecordBatch([{ value: Buffer.from('first') }])] }] }] });
    // a fetch parked at the log-end for 400 ms holds the connection's queue (answers go in
    // order): the produces written behind it wait there, several pooled frames at once
    const parked = conn.request(Fetch, 11, fetchRequest([{ topic: 'frames', partitions: [{ partition: 0, offset: 1, maxBytes: 1 << 20 }] }], { maxWaitMs: 400, minBytes: 64 << 20 }));
    const requests: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      const values = Array.from({ length: i % 3 ? 3 : 1 }, () => crypto.randomBytes(i % 3 ? 200_000 : 100));
      sent.push(values);
      const batch = await encodeRecordBatch(values.map((value) => ({ value })));
      // not awaited: every frame is on the wire before the first answer, so the broker holds several at once
      requests.push(conn.request(Produce, 7, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: 'frames', partitionData: [{ index: 0, records: [batch] }] }] }));
    }
    await parked;
    const answers = (await Promise.all(requests)) as { responses: { partitionResponses: { errorCode: number; baseOffset: bigint | number }[] }[] }[];
    expect(answers.map((a) => a.responses[0].partitionResponses[0].errorCode)).toEqual(Array(60).fill(0));
  } finally {
    conn.close();
  }
  const records = await readAllRecords(broker.port, 'frames', 0);
  expect(records.map((r) => r.value!.toString('hex'))).toEqual(['first', ...sent.flat()].map((v) => Buffer.from(v).toString('hex')));
});
