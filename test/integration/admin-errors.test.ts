// The reasons the broker gives with its admin errors, as a person reading them would see
// them (kafkajs hides these behind its own messages; librdkafka and the dashboard show them).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { WireConnection } from '../../server/kafka/wire-connection';
import { CreateTopics } from '../../server/protocol/19-create-topics';
import { AlterConfigs } from '../../server/protocol/33-alter-configs';
import { CreatePartitions } from '../../server/protocol/37-create-partitions';
import { DeleteRecords } from '../../server/protocol/21-delete-records';

let broker: TestBroker;
let conn: WireConnection;
beforeAll(async () => {
  broker = await startTestBroker();
  conn = await WireConnection.connect('127.0.0.1', broker.port);
});
afterAll(async () => {
  conn.close();
  await broker.destroy();
});

const create = (name: string, numPartitions = 1, replicationFactor = 1, configs: { name: string; value: string | null }[] = []) =>
  conn
    .request(CreateTopics, 4, { topics: [{ name, numPartitions, replicationFactor, assignments: [], configs }], timeoutMs: 5000, validateOnly: false })
    .then((r) => r.topics[0]);

it('CreateTopics errors carry Kafka codes and readable reasons', async () => {
  expect(await create('bad name!')).toMatchObject({ errorCode: 17, errorMessage: expect.stringMatching(/ASCII alphanumerics, '\.', '_' and '-'/) });
  expect(await create('x'.repeat(250))).toMatchObject({ errorCode: 17, errorMessage: expect.stringMatching(/249/) });
  expect(await create('..')).toMatchObject({ errorCode: 17 });
  expect(await create('rf', 1, 3)).toMatchObject({ errorCode: 38, errorMessage: expect.stringMatching(/only 1 broker/) });
  expect(await create('zero', 0)).toMatchObject({ errorCode: 37 });
  expect(await create('cfg', 1, 1, [{ name: 'retention.ms', value: 'soon' }])).toMatchObject({
    errorCode: 40,
    errorMessage: expect.stringMatching(/retention\.ms/),
  });
  expect(await create('compact', 1, 1, [{ name: 'cleanup.policy', value: 'compact' }])).toMatchObject({
    errorCode: 40,
    errorMessage: expect.stringMatching(/compaction is not supported/),
  });
  expect(await create('ok', -1, -1)).toMatchObject({ errorCode: 0 });
  expect(await create('ok')).toMatchObject({ errorCode: 36, errorMessage: "Topic 'ok' already exists." });
  expect(await create('a.b')).toMatchObject({ errorCode: 0 });
  expect(await create('a_b')).toMatchObject({ errorCode: 17, errorMessage: expect.stringMatching(/collides/) });
});

it('AlterConfigs, CreatePartitions and DeleteRecords refuse bad input with a reason and change nothing', async () => {
  await create('alt', 2);
  const alter = await conn.request(AlterConfigs, 1, {
    resources: [{ resourceType: 2, resourceName: 'alt', configs: [{ name: 'message.timestamp.type', value: 'Sometime' }] }],
    validateOnly: false,
  });
  expect(alter.responses[0]).toMatchObject({ errorCode: 40, errorMessage: expect.stringMatching(/CreateTime, LogAppendTime/) });
  const missing = await conn.request(AlterConfigs, 1, {
    resources: [{ resourceType: 2, resourceName: 'nope', configs: [] }],
    validateOnly: false,
  });
  expect(missing.responses[0].errorCode).toBe(3);

  const shrink = await conn.request(CreatePartitions, 1, { topics: [{ name: 'alt', count: 1, assignments: null }], timeoutMs: 5000, validateOnly: false });
  expect(shrink.results[0]).toMatchObject({ errorCode: 37, errorMessage: expect.stringMatching(/higher than the requested 1/) });
  expect(broker.state.topics.get('alt')!.partitions).toHaveLength(2);

  const del = await conn.request(DeleteRecords, 1, { topics: [{ name: 'alt', partitions: [{ partitionIndex: 0, offset: 5 }, { partitionIndex: 9, offset: 0 }] }], timeoutMs: 5000 });
  expect(del.topics[0].partitions).toEqual([
    { partitionIndex: 0, lowWatermark: -1, errorCode: 1 },
    { partitionIndex: 9, lowWatermark: -1, errorCode: 3 },
  ]);
});
