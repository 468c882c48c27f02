// Debian's kcat 1.7.1 (librdkafka 2.0.2) against the embedded broker over TCP: metadata,
// produce/consume round trips with keys, headers and every codec, and offsets by timestamp.
// librdkafka opens with ApiVersions v3, which the broker answers (no fallback to v0).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/broker';
import { describeRun, run, type RunResult } from '../helpers/exec';
import { readAllBatches } from '../helpers/read';
import { advertised } from '../../server/broker/handlers/index';
import { codecName, readBatchHeader } from '../../server/protocol/record-batch';

const KCAT = '/usr/bin/kcat';
// librdkafka 2.0.2 compresses with lz4 only when the broker advertises FindCoordinator v0
// (its LZ4 feature flag, rdkafka_feature.c); otherwise it sends lz4 batches uncompressed.
// The group coordinator advertises FindCoordinator from v0 (0–4), so lz4 is stored as lz4.
const librdkafkaLz4 = advertised.some((a) => a.apiKey === 10 && a.minVersion === 0);

let broker: TestBroker;
beforeEach(async () => {
  broker = await startTestBroker();
});
afterEach(async () => {
  await broker.destroy();
});

async function kcat(args: string[], input?: string): Promise<RunResult> {
  const full = ['-b', broker.address, ...args];
  const r = await run(KCAT, full, { input, timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`${describeRun(KCAT, full, r)}\n--- broker log ---\n${broker.logs.join('\n')}`);
  return r;
}

const consumeAll = (topic: string, partition = 0) =>
  kcat(['-C', '-t', topic, '-p', String(partition), '-o', 'beginning', '-e', '-q', '-f', '%k|%s|%h|%o\n']).then((r) =>
    r.stdout.split('\n').filter((l) => l !== ''),
  );

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kcat -L', () => {
  it('lists the broker, the topic, its 3 partitions and their leader', async () => {
    broker.state.createTopic('t', 3, 1);
    const { stdout } = await kcat(['-L']);
    expect(stdout).toContain(`broker 0 at 127.0.0.1:${broker.port}`);
    expect(stdout).toContain('topic "t" with 3 partitions:');
    for (const p of [0, 1, 2]) expect(stdout).toContain(`partition ${p}, leader 0, replicas: 0, isrs: 0`);
    // Asking for one topic only.
    const one = await kcat(['-L', '-t', 't']);
    expect(one.stdout).toContain('topic "t" with 3 partitions:');
    // librdkafka 2.0.2 asked ApiVersions v3 and was answered: it never fell back to v0
    expect(broker.state.versionsSeen.get(18)).toEqual(new Set([3]));
    expect(broker.logs.some((l) => /is librdkafka 2\.0\.2/.test(l))).toBe(true);
  });
});

describe('kcat -P / -C', () => {
  it('round-trips keys, values, headers and offsets 0..n-1 (topic auto-created)', async () => {
    const lines = ['k0:v0', 'k1:hello world', 'k2:v2', 'k3:with|pipe', 'k4:v4'];
    await kcat(['-P', '-t', 't', '-p', '0', '-K:', '-H', 'h1=v1'], lines.join('\n') + '\n');
    const out = await consumeAll('t');
    expect(out).toEqual(lines.map((l, i) => {
      const [k, v] = l.split(/:(.*)/s);
      return `${k}|${v}|h1=v1|${i}`;
    }));
    // A second produce continues the offsets.
    await kcat(['-P', '-t', 't', '-p', '0', '-K:'], 'k5:v5\n');
    expect((await consumeAll('t')).at(-1)).toBe('k5|v5||5');
  });

  for (const codec of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
    it(`round-trips a ${codec}-compressed batch and stores it compressed`, async () => {
      const values = Array.from({ length: 20 }, (_, i) => `${codec} value ${i} ${'x'.repeat(i * 7)}`);
      await kcat(['-P', '-t', codec, '-p', '0', '-z', codec, '-K:'], values.map((v, i) => `key${i}:${v}`).join('\n') + '\n');
      const out = await consumeAll(codec);
      expect(out).toEqual(values.map((v, i) => `key${i}|${v}||${i}`));
      // The broker kept what the client sent: batches in this codec.
      const batches = await readAllBatches(broker.port, codec, 0);
      const stored = batches.map((b) => codecName(readBatchHeader(b).attributes));
      if (codec === 'lz4') expect(librdkafkaLz4).toBe(true); // see above
      expect(stored).toContain(codec);
    });
  }
});

describe('kcat -Q (offsets for times)', () => {
  it('answers the first offset at or after a timestamp, and -1 past the end', async () => {
    const produce = (lines: string[]) => kcat(['-P', '-t', 'ts', '-p', '0'], lines.join('\n') + '\n');
    await produce(['a0', 'a1']); // offsets 0, 1
    await sleep(50);
    const t2 = Date.now();
    await sleep(5);
    await produce(['b0', 'b1']); // offsets 2, 3
    await sleep(50);
    const t3 = Date.now();
    await sleep(5);
    await produce(['c0']); // offset 4
    expect((await consumeAll('ts')).map((l) => l.split('|')[1])).toEqual(['a0', 'a1', 'b0', 'b1', 'c0']);

    const query = async (ts: number) => {
      const { stdout } = await kcat(['-Q', '-t', `ts:0:${ts}`]);
      const m = /ts \[0\] offset (-?\d+)/.exec(stdout);
      if (!m) throw new Error(`unexpected kcat -Q output: ${stdout}`);
      return Number(m[1]);
    };
    expect(await query(0)).toBe(0);
    expect(await query(t2)).toBe(2);
    expect(await query(t3)).toBe(4);
    expect(await query(Date.now() + 60_000)).toBe(-1);
  });
});
