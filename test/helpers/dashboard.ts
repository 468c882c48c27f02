// Starts the dashboard the way `npm start` does (scripts/start.ts: production build,
// embedded broker unless KAFKA_BROKERS is set) on ephemeral ports and a temp data dir.
// Shared by the API tests (vitest) and the end-to-end tests (Playwright).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}

/**
 * n distinct free ports: all held open until each is known, so two calls in a row cannot be
 * handed the same port (that once gave the dashboard the broker's port).
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = net.createServer();
      servers.push(s);
      ports.push(
        await new Promise<number>((resolve, reject) => {
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve((s.address() as net.AddressInfo).port));
        }),
      );
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

export interface Proc {
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** `stdin: 'pipe'` for a process the test writes to (the broker's control commands); others get none. */
function launch(args: string[], env: Record<string, string>, ready: RegExp, timeoutMs: number, stdin: 'ignore' | 'pipe' = 'ignore'): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: [stdin, 'pipe', 'pipe'],
    detached: true, // its own process group: stop() ends the launcher and everything it started
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const proc: Proc = {
    child,
    output: () => out,
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const t = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        try {
          process.kill(-child.pid!, signal);
        } catch {
          resolve();
        }
      });
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void proc.stop('SIGKILL');
      reject(new Error(`not ready within ${timeoutMs / 1000} s:\n${out}`));
    }, timeoutMs);
    const check = () => {
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(proc);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${out}`));
    });
  });
}

export interface Dashboard {
  url: string;
  port: number;
  /** The embedded broker's address (when the dashboard started one). */
  brokerAddress: string;
  brokerPort: number;
  dataDir: string;
  proc: Proc;
  stop(): Promise<void>;
}

export async function startDashboard(
  opts: { env?: Record<string, string>; kafkaBrokers?: string; args?: string[]; dataDir?: string; brokerPort?: number; port?: number; keepData?: boolean } = {},
): Promise<Dashboard> {
  const [free, spare] = await freePorts(2);
  // a test that must know the address first (an OpenID provider's redirect URI) picks the port
  const port = opts.port ?? free;
  const brokerPort = opts.brokerPort ?? spare;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-dash-'));
  const env: Record<string, string> = { HOST: '127.0.0.1', PORT: String(port), BROKER_PORT: String(brokerPort), DATA_DIR: dataDir, ...opts.env };
  env.KAFKA_BROKERS = opts.kafkaBrokers ?? ''; // empty: the launcher starts the embedded broker
  const proc = await launch(['scripts/start.ts', ...(opts.args ?? [])], env, /dashboard ready on http:\/\/\S+/, 240_000);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    brokerAddress: `127.0.0.1:${brokerPort}`,
    brokerPort,
    dataDir,
    proc,
    async stop() {
      await proc.stop();
      if (!opts.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `npm start`'s launcher run to its end (for starts that must fail): its exit code and everything it printed. */
export function runLauncher(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env: { ...process.env, KAFKA_BROKERS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(t);
      resolve({ code, output });
    });
  });
}

/** `npm run broker` as its own process, for tests that stop and restart the cluster. */
/** `args` are further broker flags (e.g. `['--log-segment-bytes', '16384']`). */
export interface BrokerProc extends Proc {
  port: number;
  dataDir: string;
  address: string;
  /**
   * Sends one stdin command (`down 1`, `up 1`, `rotate`) and resolves on its `control: ok`
   * line; rejects with the broker's `control: error …` line, or after 10 s.
   */
  command(line: string): Promise<void>;
  /** `host:port` of every listener from the `broker listening on` lines, in node order (one a node by default). */
  listeners(): string[];
}

export async function startBrokerProcess(opts: { port?: number; dataDir?: string; args?: string[] } = {}): Promise<BrokerProc> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-broker-'));
  const args = opts.args ?? [];
  // ready once every node's every listener has printed its line, not just the first
  const lines = listenerCount(args);
  const ready = new RegExp(`(?:broker listening on [^\\n]*\\n[^]*?){${lines}}`);
  const proc = await launch(['server/broker/main.ts', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir, ...args], {}, ready, 30_000, 'pipe');
  const listening = [...proc.output().matchAll(/^broker listening on (\S+)/gm)].map((m) => m[1]);
  const first = listening[0] ?? `127.0.0.1:${port}`; // port 0 asks for a free one: report the one it got
  return {
    ...proc,
    port: Number(first.slice(first.lastIndexOf(':') + 1)),
    dataDir,
    address: first,
    command: commander(proc.child),
    listeners: () => [...listening],
  };
}

/** How many `broker listening on` lines the flags make: nodes × listeners. */
function listenerCount(args: string[]): number {
  const values = (flag: string) =>
    args.flatMap((a, i) => (a === `--${flag}` ? [args[i + 1] ?? ''] : a.startsWith(`--${flag}=`) ? [a.slice(flag.length + 3)] : []));
  const nodes = Number(values('nodes').at(-1) ?? 1);
  const listeners = values('listener').flatMap((v) => v.split(',')).filter((v) => v.trim()).length || 1;
  return nodes * listeners;
}

/**
 * The broker answers every stdin line with exactly one `control: …` line, in order, so the
 * n-th answer belongs to the n-th command sent: a queue pairs them. A command that timed
 * out keeps its place, so its late answer is not taken for the next one's.
 */
function commander(child: ChildProcess): (line: string) => Promise<void> {
  const waiting: { settle: (answer: string | null) => void }[] = [];
  let partial = '';
  child.stdin!.on('error', () => {}); // EPIPE from a broker that died: its exit settles what waits
  child.stdout!.on('data', (d: Buffer) => {
    partial += d.toString('utf8');
    const complete = partial.split('\n');
    partial = complete.pop()!;
    for (const line of complete) if (line.startsWith('control: ')) waiting.shift()?.settle(line);
  });
  child.once('exit', () => {
    for (const w of waiting.splice(0)) w.settle(null);
  });
  return (line) =>
    new Promise<void>((resolve, reject) => {
      if (/[\r\n]/.test(line)) return reject(new Error('one command at a time: no line breaks'));
      if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`the broker has exited; not sent: ${line}`));
      let done = false;
      const timer = setTimeout(() => {
        done = true;
        reject(new Error(`no answer to '${line}' within 10 s`));
      }, 10_000);
      waiting.push({
        settle(answer) {
          clearTimeout(timer);
          if (done) return;
          done = true;
          if (answer === null) reject(new Error(`the broker exited before answering '${line}'`));
          else if (answer.startsWith('control: ok')) resolve();
          else reject(new Error(answer));
        },
      });
      child.stdin!.write(`${line}\n`);
    });
}
