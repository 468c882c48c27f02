// `npm run bench`: produce and fetch throughput of the embedded broker, each figure next to
// the same client against ../shared/tools/nullsink.py (a broker that stores nothing: the
// ceiling for that client) measured in the same run. Figures, not pass/fail.
import { execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { kafka } from '../test/helpers/kafkajs';
import { WireConnection } from '../server/kafka/connection/wire-connection';
import { fetchOnce } from '../test/helpers/read';
import { benchCommitLog } from './commit-log';
import { benchDashboard } from './dashboard';
import { benchGroups } from './groups';
import { benchHistory } from './history';
import { benchMessages } from './messages';
import { benchRdkafkaPerf } from './rdkafka-perf';
import { freePort, startProcess } from './broker-process';
import { benchRestart } from './restart';
import { benchSamplerScale } from './sampler-scale';
import { benchValidation } from './validation';

const execFileP = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const NULLSINK = path.resolve(root, '../shared/tools/nullsink.py');
const only = process.argv.slice(2);

interface Row {
  case: string;
  client: string;
  target: string;
  records: number;
  seconds: number;
  recordsPerSec: number;
  mbPerSec: number;
}
const rows: Row[] = [];

function record(c: string, client: string, target: string, records: number, bytes: number, seconds: number): void {
  const row = { case: c, client, target, records, seconds, recordsPerSec: records / seconds, mbPerSec: bytes / seconds / 1e6 };
  rows.push(row);
  console.log(`${c.padEnd(14)} ${client.padEnd(9)} ${target.padEnd(9)} ${fmt(row.recordsPerSec).padStart(10)} rec/s ${row.mbPerSec.toFixed(1).padStart(8)} MB/s  (${records} in ${seconds.toFixed(2)} s)`);
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function startTargets(recordSize: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-bench-'));
  const broker = await startProcess(process.execPath, ['--import', 'tsx', 'server/broker/main.ts', '--port', '0', '--data-dir', dataDir], /broker listening on [^:]+:(\d+)/);
  const sinkPort = await freePort();
  const sink = await startProcess('python3', [NULLSINK, String(sinkPort), '1', String(recordSize)], /nullsink listening on [^:]+:(\d+)/);
  return {
    targets: [
      { name: 'broker', address: `127.0.0.1:${broker.port}`, port: broker.port },
      { name: 'nullsink', address: `127.0.0.1:${sink.port}`, port: sink.port },
    ],
    async stop() {
      const exited = (c: ChildProcess) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)));
      broker.child.kill('SIGTERM');
      sink.child.kill('SIGTERM');
      await Promise.all([exited(broker.child), exited(sink.child)]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function kafkajsProduce(address: string, topic: string, n: number, size: number, perSend: number): Promise<number> {
  const producer = kafka(address, 'bench').producer({ allowAutoTopicCreation: true });
  await producer.connect();
  const value = Buffer.alloc(size, 120);
  const messages = Array.from({ length: perSend }, () => ({ partition: 0, value }));
  await producer.send({ topic, messages: messages.slice(0, 1) }); // metadata and connection warm-up
  const t0 = performance.now();
  const inflight = 4;
  let sent = 0;
  const worker = async () => {
    while (sent < n) {
      sent += perSend;
      await producer.send({ topic, acks: 1, messages });
    }
  };
  await Promise.all(Array.from({ length: inflight }, worker));
  const secs = (performance.now() - t0) / 1000;
  await producer.disconnect();
  return secs;
}

/**
 * kafkajs's own Fetch request and record decoding, as its consumer runs them, without the
 * group machinery around it (so the figure is the fetch path alone): drives kafkajs's
 * broker connection through its private cluster factory, a bench-only reach into internals.
 */
async function kafkajsFetch(address: string, topic: string, n: number): Promise<number> {
  const k = kafka(address, 'bench') as unknown as Record<symbol, (o: object) => KafkajsCluster>;
  const create = Object.getOwnPropertySymbols(k).find((sym) => sym.description === 'private:Kafka:createCluster')!;
  const cluster = k[create]({});
  await cluster.connect();
  await cluster.addTargetTopic(topic);
  const leader = Object.keys(cluster.findLeaderForPartitions(topic, [0]))[0];
  const broker = await cluster.findBroker({ nodeId: leader });
  const t0 = performance.now();
  let offset = 0;
  let got = 0;
  while (got < n) {
    const res = await broker.fetch({
      replicaId: -1,
      isolationLevel: 0,
      maxWaitTime: 100,
      minBytes: 1,
      maxBytes: 64 << 20,
      topics: [{ topic, partitions: [{ partition: 0, fetchOffset: String(offset), maxBytes: 8 << 20 }] }],
    });
    const messages = res.responses[0].partitions[0].messages.filter((m) => Number(m.offset) >= offset);
    if (messages.length === 0) continue;
    got += messages.length;
    offset = Number(messages[messages.length - 1].offset) + 1;
  }
  const secs = (performance.now() - t0) / 1000;
  await cluster.disconnect();
  return secs;
}
interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(o: { nodeId: string }): Promise<{
    fetch(req: object): Promise<{ responses: { partitions: { messages: { offset: string }[] }[] }[] }>;
  }>;
}

async function kcatProduce(address: string, topic: string, n: number, size: number): Promise<number> {
  const file = path.join(os.tmpdir(), `bench-${size}-${process.pid}.txt`);
  const line = 'x'.repeat(size) + '\n';
  fs.writeFileSync(file, line.repeat(n));
  const t0 = performance.now();
  await execFileP('kcat', ['-P', '-b', address, '-t', topic, '-p', '0', '-X', 'linger.ms=5', '-X', 'batch.size=1000000', '-X', 'queue.buffering.max.messages=1000000', '-X', 'message.max.bytes=10000000', '-l', file], { maxBuffer: 1 << 20 });
  const secs = (performance.now() - t0) / 1000;
  fs.rmSync(file);
  return secs;
}

async function kcatFetch(address: string, topic: string, n: number): Promise<number> {
  const t0 = performance.now();
  await execFileP('kcat', ['-C', '-b', address, '-t', topic, '-p', '0', '-o', 'beginning', '-c', String(n), '-q', '-f', '%o\n', '-X', 'fetch.max.bytes=52428800', '-X', 'fetch.message.max.bytes=10485760'], { maxBuffer: 256 << 20 });
  return (performance.now() - t0) / 1000;
}

/** Our own wire client: counts records from batch headers, decodes nothing (the broker's fetch cost). */
async function wireFetch(port: number, topic: string, n: number): Promise<number> {
  const conn = await WireConnection.connect('127.0.0.1', port, { timeoutMs: 30_000 });
  const t0 = performance.now();
  let offset = 0;
  let got = 0;
  while (got < n) {
    const p = await fetchOnce(conn, topic, 0, offset, 8 << 20);
    for (const r of p.records ?? []) {
      let at = 0;
      while (at + 61 <= r.length) {
        const count = r.readInt32BE(at + 57);
        const base = Number(r.readBigInt64BE(at));
        got += count;
        offset = base + r.readInt32BE(at + 23) + 1;
        at += r.readInt32BE(at + 8) + 12;
      }
    }
  }
  const secs = (performance.now() - t0) / 1000;
  conn.close();
  return secs;
}

async function main(): Promise<void> {
  console.log(`offsetscope bench — ${os.cpus().length} cores, node ${process.version}; each figure beside the same client against nullsink (stores nothing)\n`);
  const sizes = [
    { size: 100, n: 500_000, perSend: 1000 },
    { size: 10 * 1024, n: 20_000, perSend: 50 },
  ];
  if (only.includes('dashboard')) {
    await benchDashboard();
    return;
  }
  if (only.includes('groups')) {
    await benchGroups();
    return;
  }
  if (only.includes('commit-log')) {
    await benchCommitLog();
    return;
  }
  if (only.includes('history')) {
    await benchHistory();
    return;
  }
  if (only.includes('sampler')) {
    await benchSamplerScale();
    return;
  }
  if (only.includes('messages')) {
    await benchMessages();
    return;
  }
  if (only.includes('restart')) {
    await benchRestart();
    return;
  }
  if (only.includes('validation')) {
    await benchValidation();
    return;
  }
  if (only.includes('rdkafka')) {
    const perf = await benchRdkafkaPerf();
    fs.mkdirSync(path.join(root, 'bench/out'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench/out/rdkafka-perf.json'), JSON.stringify(perf, null, 1));
    return;
  }
  for (const { size, n, perSend } of sizes) {
    const label = size === 100 ? '100 B' : '10 KB';
    const { targets, stop } = await startTargets(size);
    try {
      for (const t of targets) {
        if (!only.length || only.includes('kafkajs')) {
          const secs = await kafkajsProduce(t.address, `js-${size}`, n, size, perSend);
          record(`produce ${label}`, 'kafkajs', t.name, n, n * size, secs);
          const fsecs = await kafkajsFetch(t.address, `js-${size}`, n);
          record(`fetch ${label}`, 'kafkajs', t.name, n, n * size, fsecs);
        }
        if (!only.length || only.includes('kcat')) {
          const secs = await kcatProduce(t.address, `rd-${size}`, n, size);
          record(`produce ${label}`, 'kcat', t.name, n, n * size, secs);
          const fsecs = await kcatFetch(t.address, `rd-${size}`, n);
          record(`fetch ${label}`, 'kcat', t.name, n, n * size, fsecs);
        }
        if (!only.length || only.includes('wire')) {
          const wsecs = await wireFetch(t.port, `rd-${size}`, n);
          record(`fetch ${label}`, 'wire', t.name, n, n * size, wsecs);
        }
      }
    } finally {
      await stop();
    }
  }
  console.log('\nratio = broker / nullsink for the same client and case (1.00 = as fast as a broker that stores nothing)');
  const keys = [...new Set(rows.map((r) => `${r.case}|${r.client}`))];
  for (const k of keys) {
    const [c, client] = k.split('|');
    const b = rows.find((r) => r.case === c && r.client === client && r.target === 'broker');
    const s = rows.find((r) => r.case === c && r.client === client && r.target === 'nullsink');
    if (b && s) console.log(`${c.padEnd(14)} ${client.padEnd(9)} ratio ${(b.recordsPerSec / s.recordsPerSec).toFixed(2)}`);
  }
  fs.mkdirSync(path.join(root, 'bench/out'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/out/broker.json'), JSON.stringify(rows, null, 1));
  if (!only.length) {
    const perf = await benchRdkafkaPerf();
    fs.writeFileSync(path.join(root, 'bench/out/rdkafka-perf.json'), JSON.stringify(perf, null, 1));
    const dash = await benchDashboard();
    fs.writeFileSync(path.join(root, 'bench/out/dashboard.json'), JSON.stringify(dash, null, 1));
    const groups = await benchGroups();
    fs.writeFileSync(path.join(root, 'bench/out/groups.json'), JSON.stringify(groups, null, 1));
    const messages = await benchMessages();
    fs.writeFileSync(path.join(root, 'bench/out/messages.json'), JSON.stringify(messages, null, 1));
    const restart = await benchRestart();
    fs.writeFileSync(path.join(root, 'bench/out/restart.json'), JSON.stringify(restart, null, 1));
    const validation = await benchValidation();
    fs.writeFileSync(path.join(root, 'bench/out/validation.json'), JSON.stringify(validation, null, 1));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
