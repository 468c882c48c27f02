// Kill -9 chaos: the broker runs as its own process on a fixed port and data dir; a
// confluent-kafka producer (acks=all, retries, no idempotence) and a confluent-kafka
// consumer in group `chaos-group` committing explicit offsets run against it while it is
// killed with SIGKILL and restarted, cycle after cycle. Then, from a broker restarted after
// one more kill, every acknowledged record must be at the offset it was acknowledged with,
// offsets must run from 0 to the log end without a gap or a repeat, every batch must pass
// its CRC, and the last acknowledged commit of each partition must read back.
// Shared by test/integration/chaos-kill.test.ts (5 cycles) and `npm run chaos` (25).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WireConnection } from '../../server/kafka/connection/wire-connection';
import { batchCrcValid, decodeRecordBatch, readBatchHeader } from '../../server/protocol/record-batch';
import { freePort, startBrokerProcess, type Proc } from './dashboard';
import { committedByKafkajs, withAdmin } from './kafkajs';
import { listOffset, readAllBatches } from './read';
import { until } from './until';

const PYTHON = '/usr/bin/python3'; // Debian's, with python3-confluent-kafka 1.7.0 (librdkafka 2.0.2)
export const CHAOS_TOPIC = 'chaos';
export const CHAOS_GROUP = 'chaos-group';
const PARTITIONS = 3;

// Produces `r-<n>` to partition n % 3 until SIGTERM, then flushes. One line per delivery
// report: `ack <partition> <offset> <value>` or `fail <value> <error>`; `done <n> <left>` last.
const PRODUCER = `
import signal, sys
from confluent_kafka import Producer
ADDR, TOPIC, PARTS = sys.argv[1], sys.argv[2], int(sys.argv[3])
stop = [False]
signal.signal(signal.SIGTERM, lambda *a: stop.__setitem__(0, True))
out = sys.stdout
def report(err, msg):
    if err is None:
        out.write('ack %d %d %s\\n' % (msg.partition(), msg.offset(), msg.value().decode()))
    else:
        out.write('fail %s %s\\n' % (msg.value().decode(), str(err).replace('\\n', ' ')))
p = Producer({
    'bootstrap.servers': ADDR,
    'acks': 'all',
    'enable.idempotence': False,
    'retries': 1000000,
    'retry.backoff.ms': 100,
    'message.timeout.ms': 30000,
    'linger.ms': 5,
    'batch.num.messages': 50,
    'reconnect.backoff.ms': 50,
    'reconnect.backoff.max.ms': 500,
    'topic.metadata.refresh.interval.ms': 5000,
})
n = 0
while not stop[0]:
    for _ in range(5):
        try:
            p.produce(TOPIC, value=b'r-%d' % n, partition=n % PARTS, on_delivery=report)
            n += 1
        except BufferError:
            break
    p.poll(0.005)
    out.flush()
left = p.flush(60)
out.write('done %d %d\\n' % (n, left))
out.flush()
`;

// A member of the group (subscribe) that consumes and every 100 ms commits its positions
// with a synchronous OffsetCommit: `send p:o …` before the call, then `ok <p> <o>` per
// partition the broker accepted, `err <p> <o> <error>` per refused one, or `fail <error>`.
const COMMITTER = `
import signal, sys, time
from confluent_kafka import Consumer, TopicPartition, KafkaException, OFFSET_BEGINNING
ADDR, TOPIC, GROUP, MODE, PARTS = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
stop = [False]
signal.signal(signal.SIGTERM, lambda *a: stop.__setitem__(0, True))
out = sys.stdout
c = Consumer({
    'bootstrap.servers': ADDR,
    'group.id': GROUP,
    'enable.auto.commit': False,
    'auto.offset.reset': 'earliest',
    'session.timeout.ms': 10000,
    'heartbeat.interval.ms': 500,
    'reconnect.backoff.ms': 50,
    'reconnect.backoff.max.ms': 500,
})
pos = {}
def reset(consumer, parts):
    pos.clear()
    out.write('assigned %s\\n' % ','.join(str(tp.partition) for tp in parts))
if MODE == 'assign':
    c.assign([TopicPartition(TOPIC, p, OFFSET_BEGINNING) for p in range(PARTS)])
else:
    c.subscribe([TOPIC], on_assign=reset, on_revoke=lambda consumer, parts: pos.clear())
last = 0.0
while not stop[0]:
    for m in c.consume(500, 0.05):
        if m.error() is None:
            pos[m.partition()] = m.offset() + 1
    now = time.time()
    if pos and now - last >= 0.1:
        last = now
        offs = [TopicPartition(TOPIC, p, o) for p, o in sorted(pos.items())]
        out.write('send %s\\n' % ' '.join('%d:%d' % (tp.partition, tp.offset) for tp in offs))
        out.flush()
        try:
            for tp in c.commit(offsets=offs, asynchronous=False):
                if tp.error:
                    out.write('err %d %d %s\\n' % (tp.partition, tp.offset, str(tp.error).replace('\\n', ' ')))
                else:
                    out.write('ok %d %d\\n' % (tp.partition, tp.offset))
        except KafkaException as e:
            out.write('fail %s\\n' % str(e).replace('\\n', ' '))
    out.flush()
c.close()
out.write('done\\n')
out.flush()
`;

interface Script {
  child: ChildProcess;
  lines: string[];
  stderr(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after `ms`); true when it ended by itself. */
  stop(ms: number): Promise<boolean>;
}

function python(name: string, script: string, args: string[]): Script {
  const env = { ...process.env };
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;
  const child = spawn(PYTHON, ['-u', '-c', script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => {
    const parts = (partial + d).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    err = (err + d).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    lines,
    stderr: () => `${name}: ${err}`,
    async stop(ms) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode === 0;
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        exited.then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), ms))),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        child.kill('SIGKILL');
        await exited;
        return false;
      }
      return child.exitCode === 0;
    },
  };
}

export interface ChaosOptions {
  cycles: number;
  log?: (line: string) => void;
  /** New acknowledged records to see after each (re)start before the next kill. */
  recordsPerCycle?: number;
  /** New acknowledged commits (one per partition per commit call) to see likewise. */
  commitsPerCycle?: number;
  /** --log-segment-bytes: small, so that segments roll during the run. */
  segmentBytes?: number;
  /** How long one cycle may wait for that progress before it counts as a violation. */
  progressTimeoutMs?: number;
  /** 'subscribe' (a real group member) or 'assign' (commits as a simple consumer, generation −1). */
  committerMode?: 'subscribe' | 'assign';
  /** Keep the data dir even when nothing was wrong (it is always kept on a violation). */
  keepData?: boolean;
}

export interface ChaosReport {
  cycles: number;
  /** SIGKILLs with clients running; one more happens with them stopped, before the checks. */
  kills: number;
  recordsProduced: number;
  recordsAcked: number;
  /** Delivery reports with an error: never acknowledged, so they may or may not be stored. */
  recordsFailed: number;
  /** Stored records that were never acknowledged (in flight at a kill, or failed). */
  recordsStoredUnacked: number;
  /** Extra copies of a value found at another offset: retried batches (no idempotence). */
  duplicates: number;
  commitCalls: number;
  commitsAcked: number;
  commitsRefused: number;
  commitCallsFailed: number;
  /** Assignments the committer got: 1 + the rebalances the kills caused. */
  committerAssignments: number;
  logEndOffsets: number[];
  batches: number;
  segments: number;
  /** ms from spawn to `broker listening on`, one per cycle. */
  restartMs: number[];
  finalRestartMs: number;
  /** Broker log lines about recovery at start (truncated tails, rebuilt indexes, …). */
  recoveryLines: string[];
  /** Broker log lines reporting an internal error (not a violation by themselves). */
  brokerErrors: string[];
  totalMs: number;
  violations: string[];
  dataDir: string;
  dataKept: boolean;
}

type BrokerProc = Proc & { port: number; dataDir: string; address: string };

const MAX_VIOLATIONS = 50;

export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const recordsPerCycle = opts.recordsPerCycle ?? 1500;
  const commitsPerCycle = opts.commitsPerCycle ?? 5 * PARTITIONS;
  const progressTimeoutMs = opts.progressTimeoutMs ?? 30_000;
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-chaos-'));
  const brokerArgs = ['--log-segment-bytes', String(opts.segmentBytes ?? 16 * 1024), '--auto-create-topics', 'false'];
  const outputs: string[] = [];
  const violations: string[] = [];
  const violate = (v: string) => {
    if (violations.length < MAX_VIOLATIONS) violations.push(v);
    else if (violations.length === MAX_VIOLATIONS) violations.push('… (more violations left out)');
  };
  const restartMs: number[] = [];
  let finalRestartMs = -1;
  let kills = 0;

  let broker: BrokerProc | undefined;
  const start = async (): Promise<number> => {
    const t0 = Date.now();
    broker = await startBrokerProcess({ port, dataDir, args: brokerArgs });
    return Date.now() - t0;
  };
  const kill = async () => {
    if (!broker) return;
    const b = broker;
    broker = undefined;
    await b.stop('SIGKILL');
    outputs.push(b.output());
    kills++;
  };

  let producer: Script | undefined;
  let committer: Script | undefined;
  let produced = 0;
  let cyclesDone = 0;
  try {
    await start();
    await withAdmin(`127.0.0.1:${port}`, (a) => a.createTopics({ topics: [{ topic: CHAOS_TOPIC, numPartitions: PARTITIONS }], waitForLeaders: true }));
    const address = `127.0.0.1:${port}`;
    producer = python('producer', PRODUCER, [address, CHAOS_TOPIC, String(PARTITIONS)]);
    committer = python('committer', COMMITTER, [address, CHAOS_TOPIC, CHAOS_GROUP, opts.committerMode ?? 'subscribe', String(PARTITIONS)]);
    const p = producer;
    const c = committer;
    const acks = () => p.lines.reduce((n, l) => n + (l.startsWith('ack ') ? 1 : 0), 0);
    const commitAcks = () => c.lines.reduce((n, l) => n + (l.startsWith('ok ') ? 1 : 0), 0);

    // Waits (on conditions, not time) for the clients to get answers from this incarnation.
    const progress = async (what: string): Promise<boolean> => {
      const [a0, k0] = [acks(), commitAcks()];
      const seen = await until(
        async () => ({ a: acks() - a0, k: commitAcks() - k0, exited: p.child.exitCode ?? c.child.exitCode }),
        (v) => (v.a >= recordsPerCycle && v.k >= commitsPerCycle) || v.exited !== null,
        progressTimeoutMs,
      );
      if (seen.a >= recordsPerCycle && seen.k >= commitsPerCycle) return true;
      violate(
        `${what}: within ${progressTimeoutMs} ms only ${seen.a} new acknowledged records (wanted ${recordsPerCycle}) and ${seen.k} new acknowledged commits (wanted ${commitsPerCycle})` +
          (seen.exited !== null ? `; a client exited with ${seen.exited}:\n${p.stderr()}\n${c.stderr()}` : `\n${p.stderr().slice(-2000)}\n${c.stderr().slice(-2000)}`),
      );
      return false;
    };

    let ok = await progress('before the first kill');
    for (let cycle = 1; ok && cycle <= opts.cycles; cycle++) {
      await kill();
      let ms: number;
      try {
        ms = await start();
      } catch (e) {
        violate(`cycle ${cycle}: the broker did not restart after SIGKILL: ${(e as Error).message}`);
        ok = false;
        break;
      }
      restartMs.push(ms);
      ok = await progress(`after restart ${cycle}`);
      cyclesDone = cycle;
      log(`cycle ${cycle}/${opts.cycles}: SIGKILL, restarted in ${ms} ms; ${acks()} records and ${commitAcks()} commits acknowledged so far`);
    }

    // Clients stop (the producer flushes what it still holds), then one more kill -9 with
    // everything quiet, and the checks read from the broker that came back.
    const [pOk, cOk] = await Promise.all([p.stop(90_000), c.stop(30_000)]);
    if (ok && !pOk) violate(`the producer did not finish its flush:\n${p.stderr().slice(-3000)}`);
    if (ok && !cOk) violate(`the committer did not stop cleanly:\n${c.stderr().slice(-3000)}`);
    const done = p.lines.find((l) => l.startsWith('done '));
    produced = done ? Number(done.split(' ')[1]) : Math.max(-1, ...p.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.split(' ')[3].slice(2)))) + 1;
    if (broker) {
      await kill();
      try {
        finalRestartMs = await start();
      } catch (e) {
        violate(`the broker did not restart after the final SIGKILL: ${(e as Error).message}`);
      }
    }
  } catch (e) {
    violate(`the run broke off: ${(e as Error).stack ?? e}`);
  }

  // ---- the checks ----
  const report: ChaosReport = {
    cycles: cyclesDone,
    kills,
    recordsProduced: produced,
    recordsAcked: 0,
    recordsFailed: 0,
    recordsStoredUnacked: 0,
    duplicates: 0,
    commitCalls: 0,
    commitsAcked: 0,
    commitsRefused: 0,
    commitCallsFailed: 0,
    committerAssignments: 0,
    logEndOffsets: [],
    batches: 0,
    segments: 0,
    restartMs,
    finalRestartMs,
    recoveryLines: [],
    brokerErrors: [],
    totalMs: 0,
    violations,
    dataDir,
    dataKept: false,
  };
  try {
    if (broker && producer && committer) await verify(broker, producer, committer, report, violate);
  } catch (e) {
    violate(`the checks broke off: ${(e as Error).stack ?? e}`);
  } finally {
    await producer?.stop(5_000);
    await committer?.stop(5_000);
    if (broker) {
      await broker.stop('SIGTERM');
      outputs.push(broker.output());
    }
  }
  const all = outputs.join('\n').split('\n');
  report.recoveryLines = all.filter((l) => /truncating|rebuilding|dropping|unreadable|cannot be decoded/.test(l));
  report.brokerErrors = all.filter((l) => /internal error|failed:|could not/.test(l));
  report.totalMs = Date.now() - started;
  report.dataKept = violations.length > 0 || Boolean(opts.keepData);
  if (!report.dataKept) fs.rmSync(dataDir, { recursive: true, force: true });
  return report;
}

async function verify(broker: BrokerProc, producer: Script, committer: Script, report: ChaosReport, violate: (v: string) => void): Promise<void> {
  // What the producer was told: value → [partition, offset].
  const acked = new Map<string, [number, number]>();
  for (const l of producer.lines) {
    if (l.startsWith('ack ')) {
      const [, p, o, v] = l.split(' ');
      if (acked.has(v)) violate(`the producer got two acknowledgements for ${v}`);
      acked.set(v, [Number(p), Number(o)]);
    } else if (l.startsWith('fail ')) report.recordsFailed++;
  }
  report.recordsAcked = acked.size;

  // What is stored, partition by partition from offset 0.
  const stored: Map<number, string>[] = [];
  const copies = new Map<string, { partition: number; offset: number; batch: number }[]>();
  const conn = await WireConnection.connect('127.0.0.1', broker.port);
  try {
    for (let p = 0; p < PARTITIONS; p++) {
      const at = new Map<number, string>();
      stored.push(at);
      const start = await listOffset(conn, CHAOS_TOPIC, p, -2);
      const end = await listOffset(conn, CHAOS_TOPIC, p, -1);
      report.logEndOffsets.push(end);
      if (start !== 0) violate(`partition ${p}: the log starts at ${start}, not 0 (nothing was deleted)`);
      let batches: Buffer[];
      try {
        batches = await readAllBatches(broker.port, CHAOS_TOPIC, p);
      } catch (e) {
        violate(`partition ${p}: cannot be read from ${start} to ${end}: ${(e as Error).message}`);
        continue;
      }
      let next = 0;
      for (const b of batches) {
        const id = report.batches++;
        const h = readBatchHeader(b);
        if (!batchCrcValid(b)) violate(`partition ${p}: the batch at offset ${h.baseOffset} fails its CRC`);
        if (h.baseOffset !== next) violate(`partition ${p}: offsets jump from ${next - 1} to ${h.baseOffset} (${h.baseOffset > next ? 'a gap' : 'a repeat'})`);
        let records;
        try {
          records = await decodeRecordBatch(b);
        } catch (e) {
          violate(`partition ${p}: the batch at offset ${h.baseOffset} cannot be decoded: ${(e as Error).message}`);
          next = h.baseOffset + h.lastOffsetDelta + 1;
          continue;
        }
        if (records.length !== h.lastOffsetDelta + 1) violate(`partition ${p}: the batch at ${h.baseOffset} holds ${records.length} records for ${h.lastOffsetDelta + 1} offsets`);
        records.forEach((r, i) => {
          if (r.offset !== h.baseOffset + i) violate(`partition ${p}: record ${i} of the batch at ${h.baseOffset} has offset ${r.offset}`);
          const v = r.value?.toString('utf8') ?? '<null>';
          at.set(r.offset, v);
          const m = /^r-(\d+)$/.exec(v);
          if (!m || Number(m[1]) % PARTITIONS !== p || (report.recordsProduced >= 0 && Number(m[1]) >= report.recordsProduced)) {
            violate(`partition ${p} offset ${r.offset}: ${JSON.stringify(v)} was never produced to this partition`);
          }
          const list = copies.get(v) ?? [];
          list.push({ partition: p, offset: r.offset, batch: id });
          copies.set(v, list);
        });
        next = h.baseOffset + h.lastOffsetDelta + 1;
      }
      if (next !== end) violate(`partition ${p}: the batches end at ${next} but the log end offset is ${end}`);
      const dir = path.join(broker.dataDir, `${CHAOS_TOPIC}-${p}`);
      if (fs.existsSync(dir)) report.segments += fs.readdirSync(dir).filter((f) => f.endsWith('.log')).length;
    }
  } finally {
    conn.close();
  }

  // Every acknowledged record at the offset it was acknowledged with.
  const missing: string[] = [];
  for (const [v, [p, o]] of acked) {
    const found = stored[p]?.get(o);
    if (found === v) continue;
    const elsewhere = (copies.get(v) ?? []).map((c) => `${c.partition}/${c.offset}`).join(', ');
    missing.push(`acknowledged ${v} at ${p}/${o}, but that offset holds ${found === undefined ? 'nothing' : JSON.stringify(found)}${elsewhere ? `; ${v} is at ${elsewhere}` : ''}`);
  }
  if (missing.length > 0) {
    violate(`${missing.length} of ${acked.size} acknowledged records are not where they were acknowledged, e.g.:\n    ${missing.slice(0, 10).join('\n    ')}`);
  }
  // A value stored more than once: only a retry of a whole request may do that, so each
  // copy is in its own batch (a batch never repeats a record).
  for (const [v, list] of copies) {
    if (!acked.has(v)) report.recordsStoredUnacked++;
    if (list.length < 2) continue;
    report.duplicates += list.length - 1;
    if (new Set(list.map((c) => c.batch)).size !== list.length) violate(`${v} appears twice in one batch (${list.map((c) => `${c.partition}/${c.offset}`).join(', ')})`);
  }

  // Commits: per partition, the last acknowledged one (or a later one that was sent but
  // whose answer the kill took away) reads back.
  const sent = new Map<number, Set<number>>();
  const lastAcked = new Map<number, number>();
  for (const l of committer.lines) {
    const w = l.split(' ');
    if (w[0] === 'send') {
      report.commitCalls++;
      for (const po of w.slice(1)) {
        const [p, o] = po.split(':').map(Number);
        if (!sent.has(p)) sent.set(p, new Set());
        sent.get(p)!.add(o);
      }
    } else if (w[0] === 'ok') {
      report.commitsAcked++;
      const [p, o] = [Number(w[1]), Number(w[2])];
      if (o < (lastAcked.get(p) ?? -1)) violate(`commit ${p}:${o} acknowledged after ${p}:${lastAcked.get(p)} (the committer went backwards)`);
      lastAcked.set(p, o);
    } else if (w[0] === 'err') report.commitsRefused++;
    else if (w[0] === 'fail') report.commitCallsFailed++;
    else if (w[0] === 'assigned') report.committerAssignments++;
  }
  const read = await committedByKafkajs(broker.address, CHAOS_GROUP, [CHAOS_TOPIC]);
  for (let p = 0; p < PARTITIONS; p++) {
    const got = read[`${CHAOS_TOPIC}-${p}`] ?? -1;
    const want = lastAcked.get(p);
    if (want !== undefined && got < want) violate(`group ${CHAOS_GROUP}: partition ${p} reads back ${got}, but commit ${want} was acknowledged`);
    if (got >= 0 && !sent.get(p)?.has(got)) violate(`group ${CHAOS_GROUP}: partition ${p} reads back ${got}, which was never committed`);
    if (got > report.logEndOffsets[p]) violate(`group ${CHAOS_GROUP}: partition ${p} reads back ${got}, past the log end ${report.logEndOffsets[p]}`);
  }
}

/** The figures, one per line. */
export function formatReport(r: ChaosReport): string {
  const ms = r.restartMs;
  const stats = ms.length ? `min ${Math.min(...ms)}, median ${[...ms].sort((a, b) => a - b)[ms.length >> 1]}, max ${Math.max(...ms)}` : '-';
  return [
    `cycles (SIGKILL + restart with clients running): ${r.cycles} (+1 final kill with clients stopped; ${r.kills} kills in all)`,
    `records produced: ${r.recordsProduced}, acknowledged: ${r.recordsAcked}, delivery failed: ${r.recordsFailed}`,
    `records stored but never acknowledged: ${r.recordsStoredUnacked}`,
    `duplicates (a value found again at another offset, from retries): ${r.duplicates}`,
    `commit calls: ${r.commitCalls}, commits acknowledged (per partition): ${r.commitsAcked}, refused: ${r.commitsRefused}, calls failed: ${r.commitCallsFailed}; group assignments: ${r.committerAssignments}`,
    `log end offsets: ${r.logEndOffsets.join(', ')}; batches read: ${r.batches}; segment files: ${r.segments}`,
    `restart time per cycle (ms, spawn to "broker listening on"): ${ms.join(', ')} (${stats}); final restart ${r.finalRestartMs}`,
    `recovery lines in the broker log: ${r.recoveryLines.length}`,
    ...r.recoveryLines.slice(0, 10).map((l) => `  ${l}`),
    `broker error lines: ${r.brokerErrors.length}`,
    ...r.brokerErrors.slice(0, 10).map((l) => `  ${l}`),
    `total time: ${(r.totalMs / 1000).toFixed(1)} s`,
    `violations: ${r.violations.length}`,
    ...r.violations.map((v) => `  ${v}`),
    ...(r.dataKept ? [`data dir kept: ${r.dataDir}`] : []),
  ].join('\n');
}
