// The broker in its own process (`server/broker/main.ts` on an ephemeral port), for benches
// whose figures must not include the broker's work on the same thread.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export interface BrokerProcess {
  port: number;
  stop(): Promise<void>;
}

/** Resolves once the broker listens. */
export async function startBrokerProcess(dataDir: string): Promise<BrokerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/broker/main.ts', '--port', '0', '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /broker listening on [^:]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`broker exited with ${code}: ${err}`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A port nothing listens on now (for processes that take their port as an argument). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as import('node:net').AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** Spawns `cmd` in the project folder; resolves with the port its stdout names once `readyText` (with the port as group 1) appears. */
export function startProcess(cmd: string, args: string[], readyText: RegExp): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.setEncoding('utf8');
    let out = '';
    child.stdout!.on('data', (d: string) => {
      out += d;
      const m = readyText.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`${cmd} exited with ${code} before it was ready`)));
  });
}
