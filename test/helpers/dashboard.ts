// Starts the dashboard the way `npm start` does (scripts/start.ts: production build,
// embedded broker unless KAFKA_BROKERS is set) on ephemeral ports and a temp data dir.
// Shared by the API tests (vitest) and the end-to-end tests (Playwright).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Proc {
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function launch(args: string[], env: Record<string, string>, ready: RegExp, timeoutMs: number): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
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
  opts: { env?: Record<string, string>; kafkaBrokers?: string; args?: string[]; dataDir?: string; brokerPort?: number; keepData?: boolean } = {},
): Promise<Dashboard> {
  const [port, brokerPort] = [await freePort(), opts.brokerPort ?? (await freePort())];
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
export async function startBrokerProcess(opts: { port?: number; dataDir?: string; args?: string[] } = {}): Promise<Proc & { port: number; dataDir: string; address: string }> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-broker-'));
  const proc = await launch(['server/broker/main.ts', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir, ...(opts.args ?? [])], {}, /broker listening on/, 30_000);
  return { ...proc, port, dataDir, address: `127.0.0.1:${port}` };
}
