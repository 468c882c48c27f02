// Flow control and connection limits of the embedded broker, measured from outside: the broker
// runs as its own process (its memory is its own), a hostile client does its worst over raw
// TCP, and a second, well-behaved client keeps asking Metadata/ApiVersions the whole time.
// Acceptance: in every case the broker's resident memory grows by less than 64 MB over its
// warmed-up baseline, and every answer to the second client arrives within a second.
//
// Memory: VmRSS of /proc/<pid>/status sampled every 50 ms, plus the kernel's own peak (VmHWM,
// reset to the current RSS through /proc/<pid>/clear_refs when the case starts), so a spike
// between two samples is not missed. For the client that never reads, the bound applies while
// it does not read; once it reads at full speed the summary reports the rest of the case too.
// Every case also checks the one log line the broker prints when the limit is hit. The broker
// figures of each case are printed at the end (RSS baseline/peak, the second client's slowest
// answer, and this process's own event-loop delay, which would explain a late answer if it were ours).
import fs from 'node:fs';
import net from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startBrokerProcess, freePort } from '../helpers/dashboard';
import { sleep, waitFor } from '../helpers/groups';
import { until } from '../helpers/until';
import { WireConnection, type ConnectOptions } from '../../server/kafka/connection/wire-connection';
import { fetchRequest } from '../../server/kafka/routing/fetch-request';
import type { ApiSpec } from '../../server/protocol/codec';
import { Produce } from '../../server/protocol/00-produce';
import { Fetch } from '../../server/protocol/01-fetch';
import { Metadata } from '../../server/protocol/03-metadata';
import { ApiVersions } from '../../server/protocol/18-api-versions';
import { CreateTopics } from '../../server/protocol/19-create-topics';
import { DeleteTopics } from '../../server/protocol/20-delete-topics';
import { CreatePartitions } from '../../server/protocol/37-create-partitions';
import { writeRequestHeader } from '../../server/protocol/header';
import { Reader, Writer } from '../../server/protocol/primitives';
import { encodeRecordBatch } from '../../server/protocol/record-batch';
import { DEFAULTS } from '../../server/broker/config';

const MB = 1 << 20;
const GROWTH_LIMIT = 64 * MB;
const LATENCY_LIMIT_MS = 1000;
const QUEUED_MAX_REQUEST_BYTES = DEFAULTS.queuedMaxRequestBytes; // 16 MiB
const MAX_UNSENT_RESPONSE_BYTES = DEFAULTS.maxUnsentResponseBytes; // 16 MiB

type BrokerProc = Awaited<ReturnType<typeof startBrokerProcess>>;

// ---------------------------------------------------------------- bookkeeping and cleanup

const brokers: BrokerProc[] = [];
const openSockets: net.Socket[] = [];
const openConns: WireConnection[] = [];
const summary: string[] = [];
const watches: CaseWatch[] = [];

afterEach(async () => {
  for (const w of watches.splice(0)) w.dispose(); // after a failed case: stop sampling and probing
  for (const s of openSockets.splice(0)) s.destroy();
  for (const c of openConns.splice(0)) c.close();
  for (const b of brokers.splice(0)) {
    await b.stop();
    fs.rmSync(b.dataDir, { recursive: true, force: true });
  }
});

afterAll(() => {
  if (summary.length) console.log(`flow-control figures:\n${summary.join('\n')}`);
});

async function startBroker(args: string[] = [], port?: number): Promise<BrokerProc> {
  const b = await startBrokerProcess({ args, port });
  brokers.push(b);
  // the child is the node process running the broker (launch spawns node --import tsx directly)
  const cmdline = fs.readFileSync(`/proc/${b.child.pid}/cmdline`, 'utf8').split('\0');
  expect(cmdline).toContain('server/broker/main.ts');
  return b;
}

/** The broker's log lines (stdout and stderr) that contain `text`. */
function logLines(b: BrokerProc, text: string | RegExp): string[] {
  return b
    .output()
    .split('\n')
    .filter((l) => (typeof text === 'string' ? l.includes(text) : text.test(l)));
}

// ---------------------------------------------------------------- memory

function procStatus(pid: number): { rss: number; hwm: number } {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** The broker's bytes read and written through syscalls (sockets and files), or null where /proc/<pid>/io is not readable. */
function procIo(pid: number): { read: number; written: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
    return { read: Number(/^rchar: (\d+)/m.exec(s)![1]), written: Number(/^wchar: (\d+)/m.exec(s)![1]) };
  } catch {
    return null;
  }
}

class MemoryWatch {
  readonly baseline: number;
  private maxSampled: number;
  private readonly hwmReset: boolean;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    let reset = false;
    try {
      fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'); // VmHWM := VmRSS
      reset = true;
    } catch {
      // not allowed here: the 50 ms samples alone decide
    }
    this.hwmReset = reset;
    this.baseline = procStatus(pid).rss;
    this.maxSampled = this.baseline;
    this.timer = setInterval(() => this.sample(), 50);
  }

  private sample(): void {
    try {
      this.maxSampled = Math.max(this.maxSampled, procStatus(this.pid).rss);
    } catch {
      // the process is gone: the case's other checks say so
    }
  }

  stop(): { baseline: number; maxSampled: number; hwm: number | null; peak: number; growth: number } {
    clearInterval(this.timer);
    return this.peek();
  }

  /** The figures so far (sampling goes on). */
  peek(): { baseline: number; maxSampled: number; hwm: number | null; peak: number; growth: number } {
    this.sample();
    let hwm: number | null = null;
    if (this.hwmReset) {
      try {
        hwm = procStatus(this.pid).hwm;
      } catch {
        hwm = null;
      }
    }
    const peak = Math.max(this.maxSampled, hwm ?? 0);
    return { baseline: this.baseline, maxSampled: this.maxSampled, hwm, peak, growth: peak - this.baseline };
  }
}

// ---------------------------------------------------------------- the second client

/** A well-behaved client asking Metadata v1 and ApiVersions v0 in turn, timing every answer. */
class Probe {
  readonly latencies: number[] = [];
  readonly errors: string[] = [];
  private running = true;
  private readonly loop: Promise<void>;

  /** topics: what its Metadata asks about (null: every topic). */
  constructor(
    private readonly conn: WireConnection,
    private readonly topics: string[] | null = null,
  ) {
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    for (let i = 0; this.running; i++) {
      const t0 = performance.now();
      try {
        if (i % 2 === 0) {
          const res = await this.conn.request(ApiVersions, 0, {});
          if (res.errorCode !== 0) this.errors.push(`ApiVersions error ${res.errorCode}`);
        } else {
          const res = await this.conn.request(Metadata, 1, { topics: this.topics && this.topics.map((name) => ({ name })), allowAutoTopicCreation: false });
          if (res.brokers.length !== 1) this.errors.push(`Metadata listed ${res.brokers.length} brokers`);
        }
        this.latencies.push(performance.now() - t0);
      } catch (e) {
        this.latencies.push(performance.now() - t0);
        this.errors.push((e as Error).message);
        if (this.conn.closed) return;
      }
      await sleep(25); // pacing, not a correctness decision
    }
  }

  /** Answers so far and the slowest of them. */
  peek(): { count: number; max: number } {
    return { count: this.latencies.length, max: Math.max(0, ...this.latencies) };
  }

  async stop(): Promise<{ count: number; max: number; errors: string[] }> {
    this.running = false;
    await this.loop;
    return { count: this.latencies.length, max: Math.max(0, ...this.latencies), errors: this.errors };
  }
}

/** One case's measurement: warm-up on the probe connection, baseline RSS, then samples and probe answers until `finish`. */
class CaseWatch {
  /** This (the test) process's own event-loop delay: a late answer it explains is not the broker's. */
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });

  private constructor(
    readonly conn: WireConnection,
    private readonly memory: MemoryWatch,
    private readonly probe: Probe,
  ) {
    this.loopDelay.enable();
  }

  static async start(broker: BrokerProc, opts: { port?: number; connect?: ConnectOptions; probeTopics?: string[] } = {}): Promise<CaseWatch> {
    const conn = await WireConnection.connect('127.0.0.1', opts.port ?? broker.port, { timeoutMs: 10_000, ...opts.connect });
    openConns.push(conn);
    // warm-up: one produce/fetch round trip, so code paths and buffers are in place before the baseline
    await createTopic(conn, 'warm-up');
    await produce(conn, 'warm-up', await encodeRecordBatch([{ key: 'k', value: Buffer.alloc(10_000, 7) }]));
    const got = await conn.request(Fetch, 11, fetchRequest([{ topic: 'warm-up', partitions: [{ partition: 0, offset: 0, maxBytes: MB }] }]));
    expect(got.responses[0].partitions[0].errorCode).toBe(0);
    expect(Buffer.concat(got.responses[0].partitions[0].records ?? []).length).toBeGreaterThan(10_000);
    const memory = new MemoryWatch(broker.child.pid!);
    const watch = new CaseWatch(conn, memory, new Probe(conn, opts.probeTopics ?? null));
    watches.push(watch);
    return watch;
  }

  dispose(): void {
    this.memory.stop();
    this.loopDelay.disable();
    void this.probe.stop();
  }

  /** The figures at the end of a phase (measuring goes on), also written to the summary. */
  mark(name: string, phase: string): { growth: number; maxLatency: number } {
    const m = this.memory.peek();
    const p = this.probe.peek();
    summary.push(
      `  ${name}, ${phase}: RSS baseline ${(m.baseline / MB).toFixed(1)} MB, peak ${(m.peak / MB).toFixed(1)} MB, growth ${(m.growth / MB).toFixed(1)} MB; ` +
        `second client: ${p.count} answers, max latency ${p.max.toFixed(0)} ms (test process event-loop delay max ${(this.loopDelay.max / 1e6).toFixed(0)} ms)`,
    );
    return { growth: m.growth, maxLatency: p.max };
  }

  async finish(name: string): Promise<{ growth: number; maxLatency: number; probeErrors: string[] }> {
    // the second client goes on being answered after the hostile act: at least 3 more answers, 10 in all
    const before = this.probe.peek().count;
    await until(
      async () => this.probe.peek().count,
      (n) => n >= Math.max(before + 3, 10),
      5_000,
    );
    const probe = await this.probe.stop();
    const m = this.memory.stop();
    this.loopDelay.disable();
    const mb = (n: number) => (n / MB).toFixed(1);
    summary.push(
      `  ${name}, whole case: RSS baseline ${mb(m.baseline)} MB, peak ${mb(m.peak)} MB (sampled max ${mb(m.maxSampled)} MB, VmHWM ${m.hwm === null ? 'n/a' : mb(m.hwm) + ' MB'}), ` +
        `growth ${mb(m.growth)} MB; second client: ${probe.count} answers, max latency ${probe.max.toFixed(0)} ms ` +
        `(test process event-loop delay max ${(this.loopDelay.max / 1e6).toFixed(0)} ms)${probe.errors.length ? `, errors: ${probe.errors.join('; ')}` : ''}`,
    );
    return { growth: m.growth, maxLatency: probe.max, probeErrors: probe.errors };
  }
}

/** The acceptance criterion over the whole case: growth < 64 MB, every answer to the second client within 1 s. */
async function expectCriterion(watch: CaseWatch, name: string, opts: { growth?: boolean } = {}): Promise<void> {
  const r = await watch.finish(name);
  expect(r.probeErrors, `${name}: the second client's requests failed`).toEqual([]);
  expect(r.maxLatency, `${name}: slowest answer to the second client (ms)`).toBeLessThan(LATENCY_LIMIT_MS);
  if (opts.growth !== false) expect(r.growth / MB, `${name}: broker RSS growth over the baseline (MB)`).toBeLessThan(GROWTH_LIMIT / MB);
}

// ---------------------------------------------------------------- requests

async function createTopic(conn: WireConnection, name: string): Promise<void> {
  const res = await conn.request(CreateTopics, 4, {
    topics: [{ name, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
    timeoutMs: 10_000,
    validateOnly: false,
  });
  expect(res.topics[0].errorCode).toBe(0);
}

async function produce(conn: WireConnection, topic: string, batch: Buffer): Promise<number> {
  const res = await conn.request(Produce, 7, { transactionalId: null, acks: 1, timeoutMs: 10_000, topicData: [{ name: topic, partitionData: [{ index: 0, records: [batch] }] }] });
  const p = res.responses[0].partitionResponses[0];
  expect(p.errorCode).toBe(0);
  return p.baseOffset;
}

/** One request frame as pieces (size prefix, header, body; large record batches referenced, not copied). */
function requestFrame<Req, Res>(spec: ApiSpec<Req, Res>, version: number, correlationId: number, req: Req): Buffer[] {
  const w = new Writer();
  w.int32(0); // size, patched below
  writeRequestHeader(w, { apiKey: spec.key, apiVersion: version, correlationId, clientId: 'flow-control' });
  spec.request.write(w, req, version);
  const parts = w.parts();
  parts[0].writeInt32BE(w.length - 4, 0);
  return parts;
}

// ---------------------------------------------------------------- raw client

/** Answer frames as they stream in: correlation ids in order, small bodies kept (big ones only counted). */
class FrameReader {
  readonly ids: number[] = [];
  readonly bodies = new Map<number, Buffer>();
  private head = Buffer.alloc(0);
  private inFrame = false;
  private left = 0;
  private id = 0;
  private keep: Buffer[] | null = null;

  push(d: Buffer): void {
    let off = 0;
    while (off < d.length) {
      if (!this.inFrame) {
        const take = d.subarray(off, off + (8 - this.head.length));
        this.head = Buffer.concat([this.head, take]);
        off += take.length;
        if (this.head.length < 8) return;
        const size = this.head.readInt32BE(0);
        this.id = this.head.readInt32BE(4);
        this.head = Buffer.alloc(0);
        this.inFrame = true;
        this.left = size - 4;
        this.keep = size <= 4096 ? [] : null;
      } else {
        const take = Math.min(this.left, d.length - off);
        this.keep?.push(d.subarray(off, off + take));
        this.left -= take;
        off += take;
      }
      if (this.inFrame && this.left === 0) {
        this.ids.push(this.id);
        if (this.keep) this.bodies.set(this.id, Buffer.concat(this.keep));
        this.inFrame = false;
        this.keep = null;
      }
    }
  }
}

interface Raw {
  socket: net.Socket;
  localPort: number;
  connectedAt: number;
  closedAt: number | null;
  closed: Promise<number>;
  reader: FrameReader;
  /** Starts reading (a raw client made with read: false reads nothing until then). */
  read(): void;
}

/** A raw TCP client. With read: false it never reads (its receive window fills and stays full). */
async function rawConnect(port: number, opts: { read?: boolean } = {}): Promise<Raw> {
  const socket = net.connect({ host: '127.0.0.1', port });
  openSockets.push(socket);
  socket.on('error', () => {}); // a reset by the broker is what some cases expect; 'close' follows
  if (opts.read === false) socket.pause();
  const reader = new FrameReader();
  let onClose!: (t: number) => void;
  const raw: Raw = {
    socket,
    localPort: 0,
    connectedAt: 0,
    closedAt: null,
    closed: new Promise<number>((resolve) => (onClose = resolve)),
    reader,
    read() {
      socket.on('data', (d) => reader.push(d));
      socket.resume();
    },
  };
  socket.on('close', () => {
    raw.closedAt = performance.now();
    onClose(raw.closedAt);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', (e) => (socket.connecting ? reject(e) : undefined));
  });
  raw.localPort = socket.localPort!;
  raw.connectedAt = performance.now();
  if (opts.read !== false) raw.read();
  return raw;
}

/** Resolves with the time the socket closed, or null when it is still open at the deadline. */
async function closedWithin(raw: Raw, ms: number): Promise<number | null> {
  let timer!: NodeJS.Timeout;
  const r = await Promise.race([raw.closed, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  clearTimeout(timer);
  return r;
}

/** Waits until the broker has stopped moving data (its syscall bytes change < 256 KB over 500 ms; the probe moves a few KB). */
async function brokerQuiet(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const io = () => {
    const v = procIo(pid);
    return v && v.read + v.written;
  };
  let last = io();
  if (last === null) {
    await sleep(1500); // no /proc/<pid>/io here: observe a fixed window instead
    return true;
  }
  while (Date.now() < deadline) {
    await sleep(500);
    const now = io()!;
    if (now - last < 256 * 1024) return true;
    last = now;
  }
  return false;
}

function notReadingLine(b: BrokerProc, raw: Raw): string[] {
  return logLines(b, `not reading from 127.0.0.1:${raw.localPort} until it catches up`);
}

// ---------------------------------------------------------------- cases

describe('flow control: broker memory stays bounded and other clients are served', () => {
  it('1. pipelined 1 MB produces behind a parked fetch', { timeout: 45_000 }, async () => {
    const broker = await startBroker();
    const watch = await CaseWatch.start(broker);
    await createTopic(watch.conn, 'parked');
    await createTopic(watch.conn, 'sink');

    const hostile = await rawConnect(broker.port);
    const ioBefore = procIo(broker.child.pid!);
    // correlation id 1: a fetch on the empty partition that waits up to 30 s for one byte
    const fetch = requestFrame(Fetch, 11, 1, fetchRequest([{ topic: 'parked', partitions: [{ partition: 0, offset: 0, maxBytes: MB }] }], { maxWaitMs: 30_000, minBytes: 1 }));
    for (const p of fetch) hostile.socket.write(p);
    // ids 2..151: 1 MB produces (acks=1), written without waiting; the 1 MB batch is shared by all
    const batch = await encodeRecordBatch([{ key: 'big', value: Buffer.alloc(1_000_000, 0x61) }]);
    const PRODUCES = 150;
    let total = fetch.reduce((n, p) => n + p.length, 0);
    for (let i = 0; i < PRODUCES; i++) {
      const parts = requestFrame(Produce, 7, 2 + i, { transactionalId: null, acks: 1, timeoutMs: 10_000, topicData: [{ name: 'sink', partitionData: [{ index: 0, records: [batch] }] }] });
      for (const p of parts) {
        hostile.socket.write(p);
        total += p.length;
      }
    }

    // the broker stops reading once more than queued.max.request.bytes of requests wait: it says
    // so, and then it goes quiet (were it to read on, the figures below say how far it got)
    await until(
      async () => notReadingLine(broker, hostile).length,
      (n) => n > 0,
      15_000,
    );
    const quiet = await brokerQuiet(broker.child.pid!);
    const ioAfter = procIo(broker.child.pid!);
    const held = watch.mark('case 1', 'once the broker stopped reading');
    // what the broker read meanwhile (the hostile socket, plus the second client's few KB)
    const tookIn = ioBefore && ioAfter ? ioAfter.read - ioBefore.read : null;
    const lines = notReadingLine(broker, hostile);
    summary.push(`  case 1: the broker read ${tookIn === null ? 'n/a' : (tookIn / MB).toFixed(1)} MB of the ${(total / MB).toFixed(1)} MB sent; log: ${lines[0] ?? 'no flow-control line'}`);
    expect(held.growth / MB, 'case 1: broker RSS growth over the baseline once it stopped reading (MB)').toBeLessThan(GROWTH_LIMIT / MB);
    expect(held.maxLatency, 'case 1: slowest answer to the second client so far (ms)').toBeLessThan(LATENCY_LIMIT_MS);
    expect(quiet, 'the broker kept moving data after it said it stopped reading').toBe(true);
    if (tookIn !== null) expect(tookIn / MB, 'MB the broker read before it stopped reading').toBeLessThan(24);
    expect(lines).toHaveLength(1);
    const queued = Number(new RegExp(`: (\\d+) bytes of requests waiting \\(queued\\.max\\.request\\.bytes ${QUEUED_MAX_REQUEST_BYTES}\\)`).exec(lines[0])?.[1]);
    expect(queued, lines[0]).toBeGreaterThan(QUEUED_MAX_REQUEST_BYTES);
    expect(queued, lines[0]).toBeLessThanOrEqual(QUEUED_MAX_REQUEST_BYTES + 1_000_200); // at most one frame over the bound
    expect(hostile.reader.ids).toEqual([]); // nothing answered yet: the fetch is parked and answers go in order

    // wake the fetch; every answer then arrives, in order
    await produce(watch.conn, 'parked', await encodeRecordBatch([{ value: 'wake' }]));
    const drained = await until(
      async () => hostile.reader.ids.length,
      (n) => n >= 1 + PRODUCES,
      30_000,
    );
    await expectCriterion(watch, 'case 1');
    expect(drained).toBe(1 + PRODUCES);
    expect(hostile.reader.ids).toEqual(Array.from({ length: 1 + PRODUCES }, (_, i) => 1 + i));
    const fetched = Fetch.response.read(new Reader(hostile.reader.bodies.get(1) ?? Buffer.alloc(0)), 11);
    expect(Buffer.concat(fetched.responses[0].partitions[0].records ?? []).includes('wake')).toBe(true);
    for (let id = 2; id <= 1 + PRODUCES; id++) {
      const res = Produce.response.read(new Reader(hostile.reader.bodies.get(id)!), 7);
      expect(res.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: id - 2 });
    }
    expect(hostile.closedAt).toBeNull();
  });

  it('2. a client that never reads its fetch answers', { timeout: 45_000 }, async () => {
    const broker = await startBroker();
    const watch = await CaseWatch.start(broker);
    await createTopic(watch.conn, 'big');
    for (let i = 0; i < 20; i++) await produce(watch.conn, 'big', await encodeRecordBatch([{ value: Buffer.alloc(100_000, i) }])); // ~2 MB

    const hostile = await rawConnect(broker.port, { read: false });
    const FETCHES = 300;
    for (let i = 0; i < FETCHES; i++) {
      for (const p of requestFrame(Fetch, 11, 1 + i, fetchRequest([{ topic: 'big', partitions: [{ partition: 0, offset: 0, maxBytes: MB }] }], { maxBytes: MB }))) hostile.socket.write(p);
    }
    await until(
      async () => notReadingLine(broker, hostile).length,
      (n) => n > 0,
      15_000,
    );
    const quiet = await brokerQuiet(broker.child.pid!);
    // The criterion holds while the client does not read. (Once it reads at full speed, the
    // broker's RSS also carries the answers it has sent and V8 has not collected yet: reported
    // in the summary as the whole case, not part of this criterion.)
    const stalled = watch.mark('case 2', 'while the client does not read');
    const lines = notReadingLine(broker, hostile);
    summary.push(`  case 2: log: ${lines[0] ?? 'no flow-control line'}`);
    expect(stalled.growth / MB, 'case 2: broker RSS growth over the baseline while the client does not read (MB)').toBeLessThan(GROWTH_LIMIT / MB);
    expect(stalled.maxLatency, 'case 2: slowest answer to the second client while the client does not read (ms)').toBeLessThan(LATENCY_LIMIT_MS);
    expect(quiet, 'the broker kept moving data after it said it stopped answering').toBe(true);
    expect(lines).toHaveLength(1);
    const unsent = Number(new RegExp(`, (\\d+) bytes of answers unsent \\(max-unsent-response-bytes ${MAX_UNSENT_RESPONSE_BYTES}\\)`).exec(lines[0])?.[1]);
    expect(unsent, lines[0]).toBeGreaterThan(MAX_UNSENT_RESPONSE_BYTES);
    expect(unsent, lines[0]).toBeLessThanOrEqual(MAX_UNSENT_RESPONSE_BYTES + 1_100_000); // at most one answer over the bound

    // once it reads, every answer arrives, in order
    hostile.read();
    const n = await until(
      async () => hostile.reader.ids.length,
      (k) => k >= FETCHES,
      30_000,
    );
    await expectCriterion(watch, 'case 2', { growth: false }); // latency over the whole case
    expect(n).toBe(FETCHES);
    expect(hostile.reader.ids).toEqual(Array.from({ length: FETCHES }, (_, i) => 1 + i));
    expect(hostile.closedAt).toBeNull();
  });

  it('3. a 100 MB frame header before SASL authentication', { timeout: 30_000 }, async () => {
    const port = await freePort();
    const broker = await startBroker(['--listener', `PLAINTEXT://127.0.0.1:${port}`, '--listener', 'SASL_PLAINTEXT://127.0.0.1:0', '--sasl-user', 'u:p'], port);
    const saslPort = Number(
      await waitFor('the SASL_PLAINTEXT listening line', () => /broker listening on 127\.0\.0\.1:(\d+) \(SASL_PLAINTEXT\)/.exec(broker.output())?.[1], 10_000),
    );
    // the second client is an authenticated SASL client on the same listener
    const watch = await CaseWatch.start(broker, { port: saslPort, connect: { sasl: { mechanism: 'plain', username: 'u', password: 'p' } } });

    const hostile = await rawConnect(saslPort);
    const claim = Buffer.alloc(4);
    claim.writeInt32BE(100 * MB);
    hostile.socket.write(claim);
    const junk = Buffer.alloc(64 * 1024, 0x5a);
    for (let i = 0; i < 16 && !hostile.socket.destroyed; i++) hostile.socket.write(junk); // 1 MB
    const closedAt = await closedWithin(hostile, 5_000);
    const closeMs = closedAt === null ? null : closedAt - hostile.connectedAt;
    summary.push(`  case 3: ${closeMs === null ? 'the connection was still open after 5 s' : `the connection was closed ${closeMs.toFixed(0)} ms after connecting`}`);
    await expectCriterion(watch, 'case 3');
    expect(closeMs, 'the broker did not close the connection within 5 s').not.toBeNull();
    expect(closeMs).toBeLessThan(1000);
    expect(hostile.reader.ids).toEqual([]);
    await until(
      async () => logLines(broker, `closing connection from 127.0.0.1:${hostile.localPort}:`).length,
      (n) => n > 0,
      5_000,
    );
    expect(logLines(broker, `closing connection from 127.0.0.1:${hostile.localPort}:`)).toEqual([
      expect.stringContaining(`frame size ${100 * MB} outside 8..${DEFAULTS.saslServerMaxReceiveSize} (sasl.server.max.receive.size)`),
    ]);
  });

  it('4. one Metadata v1 request with 10 M empty topic names', { timeout: 30_000 }, async () => {
    const broker = await startBroker();
    const watch = await CaseWatch.start(broker);

    const hostile = await rawConnect(broker.port);
    const NAMES = 10_000_000;
    const head = new Writer().int32(0);
    writeRequestHeader(head, { apiKey: Metadata.key, apiVersion: 1, correlationId: 1, clientId: 'flow-control' });
    head.int32(NAMES);
    const headBuf = head.toBuffer();
    const names = Buffer.alloc(NAMES * 2); // 10 M int16 zeros: empty names
    headBuf.writeInt32BE(headBuf.length - 4 + names.length, 0);
    hostile.socket.write(headBuf);
    hostile.socket.write(names);

    const closedAt = await closedWithin(hostile, 15_000);
    const frameMb = ((headBuf.length + names.length) / MB).toFixed(1);
    summary.push(`  case 4: ${closedAt === null ? 'the connection was still open after 15 s' : `the connection was closed ${(closedAt - hostile.connectedAt).toFixed(0)} ms after connecting`} (${frameMb} MB frame); ${hostile.reader.ids.length} answers`);
    await expectCriterion(watch, 'case 4');
    expect(closedAt, 'the broker did not close the connection within 15 s').not.toBeNull();
    expect(hostile.reader.ids).toEqual([]);
    await until(
      async () => logLines(broker, `closing connection from 127.0.0.1:${hostile.localPort}:`).length,
      (n) => n > 0,
      5_000,
    );
    expect(logLines(broker, `closing connection from 127.0.0.1:${hostile.localPort}:`)).toEqual([
      expect.stringMatching(new RegExp(`malformed Metadata v1 request: .*${DEFAULTS.maxRequestElements}`)),
    ]);
    // the broker lives on and takes new clients
    expect(broker.child.exitCode).toBeNull();
    const fresh = await WireConnection.connect('127.0.0.1', broker.port);
    openConns.push(fresh);
    const md = await fresh.request(Metadata, 1, { topics: [{ name: 'warm-up' }], allowAutoTopicCreation: false });
    expect(md.topics[0]).toMatchObject({ name: 'warm-up', errorCode: 0 });
  });

  it('5. more connections than max.connections', { timeout: 30_000 }, async () => {
    const broker = await startBroker(['--max-connections', '20']);
    const watch = await CaseWatch.start(broker); // the second client is connection 1 of 20

    const raws: Raw[] = [];
    for (let i = 0; i < 30; i++) raws.push(await rawConnect(broker.port)); // in order: the broker accepts in this order
    const refused = raws.slice(19);
    const kept = raws.slice(0, 19);
    await Promise.all(refused.map((r) => closedWithin(r, 5_000)));
    const closeMs = refused.map((r) => (r.closedAt === null ? Infinity : r.closedAt - r.connectedAt));
    // every accepted connection is served
    for (const [i, r] of kept.entries()) if (r.closedAt === null) for (const p of requestFrame(ApiVersions, 0, 100 + i, {})) r.socket.write(p);
    await until(
      async () => kept.filter((r) => r.reader.ids.length > 0 || r.closedAt !== null).length,
      (n) => n === kept.length,
      5_000,
    );
    const closedFlags = raws.map((r) => r.closedAt !== null);
    summary.push(
      `  case 5: ${closedFlags.filter((c) => !c).length} of 30 kept open, ${closedFlags.filter(Boolean).length} closed; ` +
        `refused ones closed within ${Math.max(...closeMs).toFixed(0)} ms of connecting; ${kept.filter((r) => r.reader.ids.length > 0).length} of the first 19 answered`,
    );
    await expectCriterion(watch, 'case 5');
    expect(closedFlags).toEqual([...Array(19).fill(false), ...Array(11).fill(true)]);
    expect(Math.max(...closeMs)).toBeLessThan(1000);
    expect(kept.map((r) => r.reader.ids)).toEqual(kept.map((_, i) => [100 + i]));
    expect(kept.every((r) => r.closedAt === null)).toBe(true);
    const lines = logLines(broker, /max\.connections/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/refusing a connection from .*: 20 are open \(max\.connections 20\)/);
  });

  it('6. an idle connection', { timeout: 30_000 }, async () => {
    const broker = await startBroker(['--connections-max-idle-ms', '500']);
    const watch = await CaseWatch.start(broker);

    const idle = await rawConnect(broker.port);
    const active = await rawConnect(broker.port);
    // the active one asks every 200 ms for 1.6 s
    const activeRun = (async () => {
      const start = performance.now();
      for (let i = 0; i <= 8; i++) {
        const at = start + i * 200;
        const wait = at - performance.now();
        if (wait > 0) await sleep(wait); // the request pacing is what is tested here
        for (const p of requestFrame(ApiVersions, 0, 1 + i, {})) active.socket.write(p);
      }
      await until(
        async () => active.reader.ids.length,
        (n) => n >= 9,
        5_000,
      );
      const openFor = performance.now() - start;
      const open = active.closedAt === null;
      const closeLines = logLines(broker, `closing connection from 127.0.0.1:${active.localPort}:`);
      active.socket.destroy(); // done: left alone it would go idle too
      return { openFor, open, closeLines };
    })();

    const idleClosed = await closedWithin(idle, 5_000);
    const idleMs = idleClosed === null ? Infinity : idleClosed - idle.connectedAt;
    const { openFor: activeMs, open: activeOpen, closeLines: activeCloseLines } = await activeRun;
    summary.push(
      `  case 6: ${idleClosed === null ? 'the idle connection was still open after 5 s' : `the idle connection was closed after ${idleMs.toFixed(0)} ms`}; ` +
        `the active one ${activeOpen ? 'was open' : 'was closed'} after ${activeMs.toFixed(0)} ms with ${active.reader.ids.length} answers`,
    );
    await expectCriterion(watch, 'case 6');
    expect(idleClosed, 'the idle connection was still open after 5 s').not.toBeNull();
    expect(idleMs).toBeGreaterThanOrEqual(450);
    expect(idleMs).toBeLessThan(1500);
    expect(activeMs).toBeGreaterThan(1500);
    expect(active.reader.ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(activeOpen).toBe(true);

    await until(
      async () => logLines(broker, `closing connection from 127.0.0.1:${idle.localPort}:`).length,
      (n) => n > 0,
      5_000,
    );
    expect(logLines(broker, `closing connection from 127.0.0.1:${idle.localPort}:`)).toEqual([expect.stringContaining('idle for 500 ms (connections.max.idle.ms)')]);
    expect(activeCloseLines).toEqual([]);
  });

  // Admin requests whose size is bounded only by the element cap: partitions are made in memory
  // (files appear with the first write), many items are worked through in 5 ms slices, and the
  // broker-wide --max-partitions refuses the rest with POLICY_VIOLATION.
  it('7. 99,000 partitions in one CreateTopics, grown to max.partitions, then deleted', { timeout: 60_000 }, async () => {
    const broker = await startBroker();
    // the second client asks about one topic: an answer listing 100,000 partitions is big on any broker
    const watch = await CaseWatch.start(broker, { probeTopics: ['warm-up'] });
    const conn = await WireConnection.connect('127.0.0.1', broker.port, { timeoutMs: 30_000 });
    openConns.push(conn);
    const create = (name: string, numPartitions: number) =>
      conn.request(CreateTopics, 4, { topics: [{ name, numPartitions, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 30_000, validateOnly: false });

    const t0 = performance.now();
    expect((await create('wide', 99_000)).topics[0]).toMatchObject({ name: 'wide', errorCode: 0 });
    const createMs = performance.now() - t0;
    // __consumer_offsets (50) + warm-up (1) + wide (99,000): 949 more fit under the default 100,000
    const grow = await conn.request(CreatePartitions, 1, { topics: [{ name: 'wide', count: 99_949, assignments: null }], timeoutMs: 30_000, validateOnly: false });
    expect(grow.results[0]).toMatchObject({ errorCode: 0 });
    const refused = (await create('one-more', 1)).topics[0];
    expect(refused).toMatchObject({ errorCode: 44, errorMessage: expect.stringMatching(/holds 100000 partitions; 1 more would pass its limit of 100000 \(--max-partitions\)/) });
    const refusedGrow = await conn.request(CreatePartitions, 1, { topics: [{ name: 'warm-up', count: 2, assignments: null }], timeoutMs: 30_000, validateOnly: false });
    expect(refusedGrow.results[0].errorCode).toBe(44);
    const md = await conn.request(Metadata, 1, { topics: [{ name: 'wide' }], allowAutoTopicCreation: false });
    expect(md.topics[0].partitions).toHaveLength(99_949);
    // the last partition takes records like any other
    const last = await conn.request(Produce, 7, {
      transactionalId: null,
      acks: 1,
      timeoutMs: 10_000,
      topicData: [{ name: 'wide', partitionData: [{ index: 99_948, records: [await encodeRecordBatch([{ value: 'x' }])] }] }],
    });
    expect(last.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0 });
    const mid = watch.mark('case 7', 'with 100,000 partitions');

    const t1 = performance.now();
    const del = await conn.request(DeleteTopics, 3, { topicNames: ['wide'], timeoutMs: 30_000 });
    const deleteMs = performance.now() - t1;
    expect(del.responses).toMatchObject([{ name: 'wide', errorCode: 0 }]);
    expect(fs.existsSync(`${broker.dataDir}/wide-99948`)).toBe(false);
    expect((await create('one-more', 1)).topics[0].errorCode).toBe(0);
    summary.push(`  case 7: 99,000 partitions created in ${createMs.toFixed(0)} ms, the topic of 99,949 deleted in ${deleteMs.toFixed(0)} ms; RSS growth with them ${(mid.growth / MB).toFixed(1)} MB`);
    // every answer to the second client within 1 s; memory: the partitions' own cost (about
    // 640 B each in the heap) is allowed on top of the usual 64 MB
    const r = await watch.finish('case 7');
    expect(r.probeErrors).toEqual([]);
    expect(r.maxLatency, 'slowest answer to the second client (ms)').toBeLessThan(LATENCY_LIMIT_MS);
    expect(r.growth / MB, 'broker RSS growth (MB)').toBeLessThan(GROWTH_LIMIT / MB + 128);
    expect(logLines(broker, /--max-partitions/)).toEqual([expect.stringContaining('refused 1 new partition(s): the broker has 100000 of its --max-partitions 100000')]);
  });

  it('8. DeleteTopics naming 100,000 topics that do not exist', { timeout: 30_000 }, async () => {
    const broker = await startBroker();
    const watch = await CaseWatch.start(broker);
    const conn = await WireConnection.connect('127.0.0.1', broker.port, { timeoutMs: 30_000 });
    openConns.push(conn);
    const topicNames = Array.from({ length: DEFAULTS.maxRequestElements }, (_, i) => `missing-${i}`);
    topicNames[50_000] = 'warm-up'; // one that exists, in the middle
    const t0 = performance.now();
    const res = await conn.request(DeleteTopics, 3, { topicNames, timeoutMs: 30_000 });
    const ms = performance.now() - t0;
    summary.push(`  case 8: answered in ${ms.toFixed(0)} ms`);
    expect(res.responses).toHaveLength(topicNames.length);
    expect(res.responses[0]).toMatchObject({ name: 'missing-0', errorCode: 3 });
    expect(res.responses[50_000]).toMatchObject({ name: 'warm-up', errorCode: 0 });
    expect(res.responses.filter((r) => r.errorCode === 3)).toHaveLength(topicNames.length - 1);
    await expectCriterion(watch, 'case 8');
  });

  it('9. CreateTopics of 3,000 topics, then DeleteTopics of them, in one request each', { timeout: 60_000 }, async () => {
    const broker = await startBroker();
    const watch = await CaseWatch.start(broker);
    const conn = await WireConnection.connect('127.0.0.1', broker.port, { timeoutMs: 60_000 });
    openConns.push(conn);
    const names = Array.from({ length: 3000 }, (_, i) => `many-${i}`);
    // each topic's metadata file is written and fsynced: seconds of disk work in all, in 5 ms slices
    const t0 = performance.now();
    const created = await conn.request(CreateTopics, 4, {
      topics: names.map((name) => ({ name, numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] })),
      timeoutMs: 60_000,
      validateOnly: false,
    });
    const createMs = performance.now() - t0;
    expect(created.topics.filter((t) => t.errorCode === 0)).toHaveLength(3000);
    const t1 = performance.now();
    const deleted = await conn.request(DeleteTopics, 3, { topicNames: names, timeoutMs: 60_000 });
    const deleteMs = performance.now() - t1;
    expect(deleted.responses.filter((t) => t.errorCode === 0)).toHaveLength(3000);
    summary.push(`  case 9: 3,000 topics created in ${createMs.toFixed(0)} ms and deleted in ${deleteMs.toFixed(0)} ms`);
    await expectCriterion(watch, 'case 9');
  });
});
