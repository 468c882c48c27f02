// The reasons the broker gives with its admin errors, as a person reading them would see
// them (kafkajs hides these behind its own messages; librdkafka and the dashboard show them).
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { CreateTopics } from '../../server/protocol/19-create-topics';
import { AlterConfigs } from '../../server/protocol/33-alter-configs';
import { CreatePartitions } from '../../server/protocol/37-create-partitions';
import { DeleteRecords } from '../../server/protocol/21-delete-records';
import { DeleteTopics } from '../../server/protocol/20-delete-topics';
import { ApiVersions } from '../../server/protocol/18-api-versions';
import type { ApiSpec } from '../../server/protocol/codec';
import { writeRequestHeader } from '../../server/protocol/header';
import { Reader, Writer } from '../../server/protocol/primitives';
import { until } from '../helpers/until';

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

// A name is read as UTF-8, each byte that is not becoming U+FFFD (three bytes): a 30,000-byte
// name can come back as 90,000, past what a protocol string holds (32,767). Such answers are
// sent with the name cut at a character boundary and messages cut to 1,000 characters (start and
// end kept), and the connection goes on (it used to be closed: the answer could not be encoded).
it('answers echoing names or values past 32,767 bytes are sent cut, and the connection goes on', async () => {
  const socket = net.connect({ host: '127.0.0.1', port: broker.port });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const answers: Buffer[] = [];
  let pending = Buffer.alloc(0);
  socket.on('data', (d) => {
    pending = Buffer.concat([pending, d]);
    while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
      answers.push(pending.subarray(8, 4 + pending.readInt32BE(0))); // body, after the correlation id
      pending = pending.subarray(4 + pending.readInt32BE(0));
    }
  });
  let correlationId = 0;
  const ask = async <Res>(spec: ApiSpec<unknown, Res>, version: number, body: (w: Writer) => void): Promise<Res> => {
    const w = new Writer().int32(0);
    writeRequestHeader(w, { apiKey: spec.key, apiVersion: version, correlationId: ++correlationId, clientId: 'long-names' });
    body(w);
    const frame = w.toBuffer();
    frame.writeInt32BE(frame.length - 4, 0);
    const before = answers.length;
    socket.write(frame);
    await until(async () => answers.length, (n) => n > before, 5000);
    return spec.response.read(new Reader(answers[before]), version);
  };
  const notUtf8 = (n: number) => Buffer.alloc(n, 0xff);
  const rawString = (w: Writer, b: Buffer) => w.int16(b.length).raw(b);
  const cutName = '\uFFFD'.repeat(10_922); // 32,766 bytes: the next U+FFFD would pass 32,767

  const del = await ask(DeleteTopics, 1, (w) => rawString(w.int32(1), notUtf8(30_000)).int32(5000));
  expect(del.responses).toMatchObject([{ name: cutName, errorCode: 3 }]); // v1: no id or message (they read as their defaults)

  const create = await ask(CreateTopics, 4, (w) => {
    rawString(w.int32(1), notUtf8(32_767)).int32(1).int16(1).int32(0).int32(0);
    w.int32(5000).bool(false);
  });
  expect(create.topics).toHaveLength(1);
  expect(create.topics[0]).toMatchObject({ name: cutName, errorCode: 17 });
  expect(create.topics[0].errorMessage!.length).toBeLessThanOrEqual(1000);
  expect(create.topics[0].errorMessage).toMatch(/\uFFFD…\uFFFD/);

  await create1('long-value');
  const alter = await ask(AlterConfigs, 1, (w) => {
    w.int32(1).int8(2).string('long-value').int32(1).string('retention.ms');
    rawString(w, Buffer.from('9'.repeat(32_000)));
    w.bool(false);
  });
  expect(alter.responses[0]).toMatchObject({ resourceName: 'long-value', errorCode: 40 });
  expect(alter.responses[0].errorMessage).toMatch(/^Invalid value 9{600,}…9{200,} for configuration retention\.ms/);
  expect(alter.responses[0].errorMessage!.length).toBe(1000);

  const grow = await ask(CreatePartitions, 1, (w) => rawString(w.int32(1), notUtf8(20_000)).int32(2).int32(-1).int32(5000).bool(false));
  expect(grow.results).toEqual([{ name: cutName, errorCode: 3, errorMessage: expect.stringMatching(/^The topic '\uFFFD+…\uFFFD+' does not exist\.$/) }]);

  // the same connection is still served
  const versions = await ask(ApiVersions, 0, () => {});
  expect(versions.errorCode).toBe(0);
  expect(socket.destroyed).toBe(false);
  socket.destroy();
});

const create1 = async (name: string) => expect((await create(name)).errorCode).toBe(0);
