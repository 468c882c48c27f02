// Hostile and broken input over raw TCP. The broker must close (only) the offending connection
// or answer it, never crash or wedge, and keep serving the next client. Runs in-process: an
// uncaught exception in the broker would fail this file.
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { kafka } from '../helpers/kafkajs';
import { listOffset, readAllRecords } from '../helpers/read';
import { advertised } from '../../server/broker/handlers/index';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { Produce } from '../../server/protocol/00-produce';
import { ApiVersions } from '../../server/protocol/18-api-versions';
import { Reader, Writer } from '../../server/protocol/primitives';
import { encodeRecordBatch, OFF } from '../../server/protocol/record-batch';

let broker: TestBroker;
beforeEach(async () => {
  broker = await startTestBroker();
});
afterEach(async () => {
  // Whatever a test did, no handler may have thrown on the way.
  expect(broker.logs.filter((l) => /internal error|failed:/.test(l))).toEqual([]);
  await broker.destroy();
});

interface RawResult {
  closed: boolean;
  received: Buffer;
}

/** Writes bytes on a fresh connection; resolves when the broker closes it or after waitMs. */
function rawSend(data: Buffer, opts: { waitMs?: number; endAfterWrite?: boolean } = {}): Promise<RawResult> {
  const waitMs = opts.waitMs ?? 5000;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host: '127.0.0.1', port: broker.port });
    let timer: NodeJS.Timeout | undefined;
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ closed, received: Buffer.concat(chunks) });
    };
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', () => {}); // a reset counts as closed; 'close' follows
    socket.on('close', () => finish(true));
    socket.once('connect', () => {
      socket.write(data);
      if (opts.endAfterWrite) socket.end();
      timer = setTimeout(() => finish(false), waitMs);
    });
    socket.once('error', (e) => (socket.connecting ? reject(e) : undefined));
  });
}

function frame(body: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

function header(apiKey: number, version: number, correlationId = 1, clientId: string | null = 'bad-input'): Writer {
  return new Writer().int16(apiKey).int16(version).int32(correlationId).nullableString(clientId);
}

/** A second, well-behaved client on the same broker still gets answers. */
async function expectBrokerHealthy(): Promise<void> {
  const conn = await WireConnection.connect('127.0.0.1', broker.port);
  try {
    const res = await conn.request(ApiVersions, 0, {});
    expect(res.errorCode).toBe(0);
    expect(res.apiKeys.map((k) => k.apiKey)).toEqual(expect.arrayContaining([0, 1, 2, 3, 18]));
  } finally {
    conn.close();
  }
  const admin = kafka(broker.address).admin();
  await admin.connect();
  try {
    expect(Array.isArray(await admin.listTopics())).toBe(true);
  } finally {
    await admin.disconnect();
  }
}

/** Deterministic bytes, so a failure can be replayed. */
function prng(seed: number): (n: number) => Buffer {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return (n) => {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = next() & 0xff;
    return b;
  };
}

describe('framing and headers', () => {
  it('closes a connection whose frame claims 0x7fffffff bytes', async () => {
    const r = await rawSend(Buffer.from([0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 0]));
    expect(r.closed).toBe(true);
    expect(r.received.length).toBe(0);
    await expectBrokerHealthy();
  });

  it('closes a connection with a negative or too-small frame size', async () => {
    expect((await rawSend(Buffer.from([0xff, 0xff, 0xff, 0xfe, 1, 2, 3, 4]))).closed).toBe(true);
    expect((await rawSend(frame(Buffer.from([0, 3, 0])))).closed).toBe(true);
    await expectBrokerHealthy();
  });

  it('survives 4 KB of random bytes, raw and as one framed request', async () => {
    const random = prng(0x5eed);
    for (let i = 0; i < 5; i++) {
      const raw = random(4096);
      // Closed, answered or still waiting for the rest of a frame: all fine, as long as the
      // broker lives on (checked below and in afterEach).
      await rawSend(raw, { waitMs: 500 });
      const framed = await rawSend(frame(random(4092)), { waitMs: 2000 });
      // A complete frame of garbage is either answered or closed; it is never left hanging.
      expect(framed.closed || framed.received.length > 0).toBe(true);
    }
    await expectBrokerHealthy();
  });

  it('closes a connection that sends an unknown API key', async () => {
    const r = await rawSend(frame(header(9999, 0).toBuffer()));
    expect(r).toEqual({ closed: true, received: Buffer.alloc(0) });
    await expectBrokerHealthy();
  });

  it('closes a connection that asks for an unsupported version of a known API', async () => {
    const r = await rawSend(frame(header(3, 99).int32(-1).toBuffer()));
    expect(r).toEqual({ closed: true, received: Buffer.alloc(0) });
    await expectBrokerHealthy();
  });

  it('closes a connection whose Metadata v1 body is cut short', async () => {
    // topics: 2 entries announced, the second name truncated mid-way.
    const body = header(3, 1).int32(2).string('topic-a').int16(10).toBuffer();
    const truncated = Buffer.concat([body, Buffer.from('abc')]);
    const r = await rawSend(frame(truncated));
    expect(r).toEqual({ closed: true, received: Buffer.alloc(0) });
    // A header that stops inside the client id.
    const shortHeader = header(3, 1).toBuffer().subarray(0, 10);
    expect((await rawSend(frame(shortHeader))).closed).toBe(true);
    // A frame that promises more bytes than the client ever sends, then the client hangs up.
    const partial = Buffer.from(frame(header(3, 1).int32(-1).toBuffer()).subarray(0, 9));
    partial.writeInt32BE(100, 0);
    expect((await rawSend(partial, { endAfterWrite: true })).closed).toBe(true);
    await expectBrokerHealthy();
  });

  it('survives random bodies behind a valid header for every advertised API and version', async () => {
    const random = prng(42);
    const runs: Promise<RawResult>[] = [];
    for (const { apiKey, minVersion, maxVersion } of advertised) {
      for (let v = minVersion; v <= maxVersion; v++) {
        for (let i = 0; i < 3; i++) {
          const len = random(1)[0] * 2;
          runs.push(rawSend(frame(Buffer.concat([header(apiKey, v, 7).toBuffer(), random(len)])), { waitMs: 1000 }));
        }
      }
    }
    const results = await Promise.all(runs);
    expect(results.length).toBeGreaterThan(100);
    await expectBrokerHealthy();
  });
});

describe('ApiVersions v3 (flexible, sent first by librdkafka) and newer', () => {
  const compact = (s: string) => Buffer.concat([Buffer.from([s.length + 1]), Buffer.from(s)]);
  // Request header v2: key, version, correlation id, client id, empty tag buffer; then compact
  // strings client_software_name / _version and an empty tag buffer.
  const v3Body = (version: number, name: string, softwareVersion: string) =>
    Buffer.concat([header(18, version, 77, 'rdkafka').toBuffer(), Buffer.from([0]), compact(name), compact(softwareVersion), Buffer.from([0])]);

  it('answers v3 with error 0 and every advertised range, keeps the software name and logs it once', async () => {
    const conn = await WireConnection.connect('127.0.0.1', broker.port);
    try {
      const answer = await conn.sendRaw(v3Body(3, 'librdkafka', '2.12.0'), 77);
      expect(answer.readInt32BE(0)).toBe(77);
      // response header v0 even though the request was flexible: the body starts right after the correlation id
      const r = new Reader(answer, 4);
      r.flexible = true;
      const res = ApiVersions.response.read(r, 3);
      expect(r.remaining).toBe(0);
      expect(res.errorCode).toBe(0);
      expect(res.apiKeys).toEqual(advertised);
      expect(res.apiKeys).toContainEqual({ apiKey: 18, minVersion: 0, maxVersion: 3 });
      await conn.sendRaw(v3Body(3, 'librdkafka', '2.12.0'), 77);
      const lines = broker.logs.filter((l) => /is librdkafka 2\.12\.0 \(client id rdkafka\)/.test(l));
      expect(lines).toHaveLength(1);
    } finally {
      conn.close();
    }
  });

  it('refuses a software name outside Kafka\'s characters with INVALID_REQUEST (42), and the connection goes on', async () => {
    const conn = await WireConnection.connect('127.0.0.1', broker.port);
    try {
      const answer = await conn.sendRaw(v3Body(3, 'bad name!', '1'), 77);
      const r = new Reader(answer, 4);
      r.flexible = true;
      expect(ApiVersions.response.read(r, 3).errorCode).toBe(42);
      expect((await conn.request(ApiVersions, 3, { clientSoftwareName: 'ok', clientSoftwareVersion: '1' })).errorCode).toBe(0);
    } finally {
      conn.close();
    }
  });

  it('answers a version above 3 (Kafka\'s Java client sends v4) with UNSUPPORTED_VERSION in a v0 body listing ApiVersions 0–3', async () => {
    const conn = await WireConnection.connect('127.0.0.1', broker.port);
    try {
      const answer = await conn.sendRaw(v3Body(4, 'apache-kafka-java', '3.9.0'), 77);
      expect(answer.readInt32BE(0)).toBe(77);
      const res = ApiVersions.response.read(new Reader(answer, 4), 0);
      expect(res.errorCode).toBe(35);
      expect(res.apiKeys).toEqual([{ apiKey: 18, minVersion: 0, maxVersion: 3 }]);
      // The same connection then works at v3, as clients' fallback expects.
      const v3 = await conn.request(ApiVersions, 3, { clientSoftwareName: 'apache-kafka-java', clientSoftwareVersion: '3.9.0' });
      expect(v3.errorCode).toBe(0);
      expect(v3.apiKeys).toEqual(advertised);
    } finally {
      conn.close();
    }
  });
});

describe('Produce with a corrupt record batch', () => {
  const produce = (conn: WireConnection, records: Buffer) =>
    conn
      .request(Produce, 7, {
        transactionalId: null,
        acks: -1,
        timeoutMs: 5000,
        topicData: [{ name: 't', partitionData: [{ index: 0, records: [records] }] }],
      })
      .then((r) => r.responses[0].partitionResponses[0]);

  it('answers CORRUPT_MESSAGE (2) for a bad CRC and stores nothing', async () => {
    broker.state.createTopic('t', 1, 1);
    const conn = await WireConnection.connect('127.0.0.1', broker.port);
    try {
      const good = await encodeRecordBatch([{ key: 'k', value: 'hello' }, { key: 'k2', value: 'world' }]);
      const flippedValue = Buffer.from(good);
      flippedValue[flippedValue.length - 2] ^= 0xff; // inside the last record, covered by the CRC
      const flippedCrc = Buffer.from(good);
      flippedCrc.writeUInt32BE((good.readUInt32BE(OFF.crc) ^ 1) >>> 0, OFF.crc);

      for (const bad of [flippedValue, flippedCrc, Buffer.concat([good, flippedValue])]) {
        expect(await produce(conn, bad)).toMatchObject({ errorCode: 2, baseOffset: -1 });
        expect(await listOffset(conn, 't', 0, -1)).toBe(0);
      }
      expect(conn.closed).toBe(false);

      // The intact batch is accepted at offset 0: nothing from the bad ones took an offset.
      expect(await produce(conn, good)).toMatchObject({ errorCode: 0, baseOffset: 0 });
      const records = await readAllRecords(broker.port, 't', 0);
      expect(records.map((r) => [r.offset, r.value?.toString()])).toEqual([
        [0, 'hello'],
        [1, 'world'],
      ]);
    } finally {
      conn.close();
    }
    await expectBrokerHealthy();
  });

  it('answers INVALID_REQUIRED_ACKS (21) to acks other than 0, 1 and -1, in every partition, and stores nothing', async () => {
    broker.state.createTopic('t', 2, 1);
    const conn = await WireConnection.connect('127.0.0.1', broker.port);
    try {
      const batch = await encodeRecordBatch([{ value: 'never' }]);
      for (const [version, acks] of [[7, 2], [9, -2], [11, 32767]] as const) {
        const res = await conn.request(Produce, version, {
          transactionalId: null,
          acks,
          timeoutMs: 5000,
          topicData: [{ name: 't', partitionData: [0, 1].map((index) => ({ index, records: [batch] })) }],
        });
        expect(res.responses[0].partitionResponses.map((p) => [p.index, p.errorCode, p.baseOffset])).toEqual([
          [0, 21, -1],
          [1, 21, -1],
        ]);
      }
      expect(conn.closed).toBe(false);
      expect(await listOffset(conn, 't', 0, -1)).toBe(0);
      expect(await listOffset(conn, 't', 1, -1)).toBe(0);
      // the same connection with acks 1 stores the record at offset 0
      expect(await produce(conn, batch)).toMatchObject({ errorCode: 0, baseOffset: 0 });
    } finally {
      conn.close();
    }
  });

  it('answers UNSUPPORTED_FOR_MESSAGE_FORMAT (43) to a v2 Produce of an old magic-1 message set', async () => {
    broker.state.createTopic('t', 1, 1);
    const value = Buffer.from('old');
    const message = new Writer().int8(1).int8(0).int64(Date.now()).int32(-1).int32(value.length).raw(value).toBuffer();
    const crc = Buffer.alloc(4); // not checked: the magic byte is refused first
    const set = new Writer().int64(0).int32(4 + message.length).raw(crc).raw(message).toBuffer();
    const conn = await WireConnection.connect('127.0.0.1', broker.port);
    try {
      const res = await conn.request(Produce, 2, {
        transactionalId: null,
        acks: 1,
        timeoutMs: 5000,
        topicData: [{ name: 't', partitionData: [{ index: 0, records: [set] }] }],
      });
      expect(res.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 43, baseOffset: -1 });
      expect(await listOffset(conn, 't', 0, -1)).toBe(0);
    } finally {
      conn.close();
    }
  });
});
