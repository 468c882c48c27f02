// SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) and TLS on the embedded broker, driven by
// kcat, kafkajs and confluent-kafka over real TCP: the right password produces and
// consumes, a wrong one fails with an authentication error, and nothing but the handshake
// is served before authentication.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import kafkajs from 'kafkajs';
import { SaslAuthenticate } from '../../server/protocol/36-sasl-authenticate';
import { SaslHandshake } from '../../server/protocol/17-sasl-handshake';
import { Metadata } from '../../server/protocol/03-metadata';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { describeRun, run } from '../helpers/exec';

const { Kafka, logLevel } = kafkajs;
const KCAT = '/usr/bin/kcat';
const PASSWORD = 'alice-s3cret,with:odd=chars';

let broker: TestBroker;
let ca: string;
const at = (protocol: string) => {
  const l = broker.listeners.find((x) => x.protocol === protocol)!;
  return `${l.host}:${l.port}`;
};

beforeAll(async () => {
  const usersFile = `${fs.mkdtempSync('/tmp/offsetscope-users-')}/users`;
  fs.writeFileSync(usersFile, `# name:password\nalice:${PASSWORD}\n`);
  broker = await startTestBroker({
    listeners: 'SASL_SSL://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0,PLAINTEXT://127.0.0.1:0',
    saslUsers: 'bob:bob-pw',
    saslUsersFile: usersFile,
    numPartitions: 1,
  });
  expect(broker.caFile).toBeTruthy();
  ca = broker.caFile!;
}, 60_000);
afterAll(async () => {
  await broker?.destroy();
});

function kcatArgs(mechanism: string, password: string): string[] {
  return ['-b', at('SASL_SSL'), '-X', 'security.protocol=SASL_SSL', '-X', `sasl.mechanisms=${mechanism}`, '-X', 'sasl.username=alice', '-X', `sasl.password=${password}`, '-X', `ssl.ca.location=${ca}`];
}

describe('kcat over SASL_SSL', () => {
  it('SCRAM-SHA-512 with the broker CA produces and consumes', async () => {
    const p = await run(KCAT, [...kcatArgs('SCRAM-SHA-512', PASSWORD), '-P', '-t', 'secure', '-k', 'k1'], { input: 'hello over tls\n', timeoutMs: 30_000 });
    expect(p.code, describeRun(KCAT, [], p)).toBe(0);
    const c = await run(KCAT, [...kcatArgs('SCRAM-SHA-512', PASSWORD), '-C', '-t', 'secure', '-o', 'beginning', '-e', '-q', '-f', '%k=%s\n'], { timeoutMs: 30_000 });
    expect(c.code, describeRun(KCAT, [], c)).toBe(0);
    expect(c.stdout.trim()).toBe('k1=hello over tls');
    const l = await run(KCAT, [...kcatArgs('SCRAM-SHA-256', PASSWORD), '-L', '-t', 'secure'], { timeoutMs: 30_000 });
    expect(l.stdout).toContain(`broker 0 at ${at('SASL_SSL')}`); // advertises the listener it was reached on
  });

  it('a wrong password fails with an authentication error', async () => {
    const r = await run(KCAT, [...kcatArgs('SCRAM-SHA-512', 'wrong'), '-L', '-m', '5'], { timeoutMs: 30_000 });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Authentication failed|SASL authentication error/i);
    expect(broker.logs.join('\n')).not.toContain(PASSWORD);
  });
});

describe('kafkajs over SASL_SSL', () => {
  for (const mechanism of ['plain', 'scram-sha-256', 'scram-sha-512'] as const) {
    it(`${mechanism}: produces and reads back`, async () => {
      const k = new Kafka({
        clientId: 'sec-test',
        brokers: [at('SASL_SSL')],
        ssl: { ca: [fs.readFileSync(ca, 'utf8')] },
        sasl: { mechanism, username: 'alice', password: PASSWORD } as never,
        logLevel: logLevel.NOTHING,
        retry: { retries: 2 },
      });
      const topic = `js-${mechanism}`;
      const admin = k.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
      const producer = k.producer();
      await producer.connect();
      await producer.send({ topic, messages: [{ value: mechanism }] });
      await producer.disconnect();
      const offsets = await admin.fetchTopicOffsets(topic);
      expect(offsets[0].high).toBe('1');
      await admin.disconnect();
    });
  }

  it('a wrong password is an authentication error', async () => {
    const k = new Kafka({ brokers: [at('SASL_SSL')], ssl: { ca: [fs.readFileSync(ca, 'utf8')] }, sasl: { mechanism: 'scram-sha-256', username: 'alice', password: 'nope' }, logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const admin = k.admin();
    await expect(admin.connect()).rejects.toThrow(/SASL SCRAM SHA256 authentication failed|Authentication failed/i);
  });
});

describe('confluent-kafka over SASL_SSL', () => {
  it.each(['PLAIN', 'SCRAM-SHA-256'])('%s: produces and consumes', async (mechanism) => {
    const script = `
import json, sys
from confluent_kafka import Producer, Consumer
conf = {'bootstrap.servers': sys.argv[1], 'security.protocol': 'SASL_SSL', 'sasl.mechanisms': sys.argv[2],
        'sasl.username': 'alice', 'sasl.password': sys.argv[3], 'ssl.ca.location': sys.argv[4]}
topic = 'py-' + sys.argv[2].lower()
p = Producer(conf)
p.produce(topic, b'from python', partition=0)
assert p.flush(15) == 0
c = Consumer(dict(conf, **{'group.id': 'py-sec', 'auto.offset.reset': 'earliest'}))
c.subscribe([topic])
got = None
for _ in range(60):
    m = c.poll(0.5)
    if m is not None and m.error() is None:
        got = m.value().decode()
        break
c.close()
print(json.dumps(got))
`;
    const env = { ...process.env };
    delete env.PYTHONPATH;
    const args = ['-c', script, at('SASL_SSL'), mechanism, PASSWORD, ca];
    const r = await run('/usr/bin/python3', args, { timeoutMs: 60_000, env });
    expect(r.code, describeRun('/usr/bin/python3', args, r)).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toBe('from python');
  }, 70_000);
});

describe('a certificate given with --ssl-cert-file / --ssl-key-file', () => {
  it('is the one served (here: the one the first broker made, signed by its CA)', async () => {
    const tlsDir = `${broker.dataDir}/tls`;
    const other = await startTestBroker({ listeners: 'SSL://127.0.0.1:0', sslCertFile: `${tlsDir}/server.pem`, sslKeyFile: `${tlsDir}/server-key.pem` });
    try {
      expect(other.caFile).toBeNull(); // nothing was generated
      expect(fs.existsSync(`${other.dataDir}/tls`)).toBe(false);
      const k = new Kafka({ brokers: [other.address], ssl: { ca: [fs.readFileSync(ca, 'utf8')] }, logLevel: logLevel.NOTHING, retry: { retries: 1 } });
      const admin = k.admin();
      await admin.connect();
      expect(await admin.listTopics()).toEqual(['__consumer_offsets']);
      await admin.disconnect();
    } finally {
      await other.destroy();
    }
  });
});

describe('the SASL rules', () => {
  const plainConn = async () => {
    const [h, p] = at('SASL_PLAINTEXT').split(':');
    return WireConnection.connect(h, Number(p), { timeoutMs: 3000 });
  };

  it('a request before authentication closes the connection', async () => {
    const c = await plainConn();
    await expect(c.request(Metadata, 1, { topics: null, allowAutoTopicCreation: false }, 3000)).rejects.toThrow(/closed/);
    expect(broker.logs.join('\n')).toMatch(/Metadata request before SASL authentication/);
  });

  it('wrong credentials get SASL_AUTHENTICATION_FAILED (58) and the connection closes; right ones are served', async () => {
    const bad = await plainConn();
    expect((await bad.request(SaslHandshake, 1, { mechanism: 'PLAIN' })).errorCode).toBe(0);
    const res = await bad.request(SaslAuthenticate, 1, { authBytes: Buffer.from('\u0000alice\u0000wrong') });
    expect(res).toMatchObject({ errorCode: 58, errorMessage: 'Authentication failed: Invalid username or password' });
    await expect(bad.request(Metadata, 1, { topics: null, allowAutoTopicCreation: false }, 3000)).rejects.toThrow(/closed/);

    const unknown = await plainConn();
    expect(await unknown.request(SaslHandshake, 1, { mechanism: 'GSSAPI' })).toMatchObject({ errorCode: 33, mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] });
    unknown.close();

    const good = await plainConn();
    await good.request(SaslHandshake, 1, { mechanism: 'PLAIN' });
    expect((await good.request(SaslAuthenticate, 0, { authBytes: Buffer.from('\u0000bob\u0000bob-pw') })).errorCode).toBe(0);
    const md = await good.request(Metadata, 1, { topics: null, allowAutoTopicCreation: false });
    expect(md.brokers[0].port).toBe(Number(at('SASL_PLAINTEXT').split(':')[1]));
    good.close();
  });

  it('the PLAINTEXT listener next to them needs no authentication', async () => {
    const [h, p] = at('PLAINTEXT').split(':');
    const c = await WireConnection.connect(h, Number(p));
    const md = await c.request(Metadata, 1, { topics: null, allowAutoTopicCreation: false });
    expect(md.brokers[0].port).toBe(Number(p));
    c.close();
  });
});
