// `npm start`: builds the dashboard if needed, starts the embedded broker (unless
// KAFKA_BROKERS names a cluster or OFFSETSCOPE_CONFIG a file with clusters) and the dashboard as two processes, forwards signals so
// both stop together, and restarts the broker on the same port and data dir if it dies.
// HOST is the dashboard's address only: the broker has no login on its PLAINTEXT
// listener, so it stays on 127.0.0.1 unless BROKER_HOST says otherwise.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { exposureRefusal } from '../server/http/exposure';
import { loadClusterConfig } from '../server/kafka/cluster-config';
import { authFromEnv } from '../server/auth/load';
import { hostPolicyFromEnv, isLoopbackHost, isWildcardAddress } from '../server/http/host-policy';

const root = path.resolve(import.meta.dirname, '..');
const HOST = process.env.HOST?.trim() || '127.0.0.1';
const BROKER_HOST = process.env.BROKER_HOST?.trim() || '127.0.0.1';
const PORT = Number(process.env.PORT || 3000);
const BROKER_PORT = Number(process.env.BROKER_PORT || 9092);
const DATA_DIR = path.resolve(process.env.DATA_DIR || path.join(root, 'data'));
const configFile = process.env.OFFSETSCOPE_CONFIG?.trim() || '';
const external = process.env.KAFKA_BROKERS?.trim() || '';
/** Whether OFFSETSCOPE_CONFIG names clusters (a file with only `auth` keeps the embedded broker or KAFKA_BROKERS). */
function configNamesClusters(file: string): boolean {
  try {
    return loadClusterConfig(file).length > 0;
  } catch (e) {
    fail((e as Error).message);
  }
}
const embedded = !external && !(configFile && configNamesClusters(configFile));
const demo = process.argv.includes('--demo');

function fail(msg: string): never {
  console.error(`offsetscope: ${msg}`);
  process.exit(1);
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function buildIfNeeded(): void {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sources = Math.max(...['app', 'components', 'lib', 'server', 'public'].map((d) => newestMtime(path.join(root, d))));
  if (built > sources) return;
  console.log('offsetscope: building the dashboard (once; later starts skip this)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) fail('the dashboard build failed (see above)');
}

let stopping = false;
let broker: ChildProcess | null = null;
let dashboard: ChildProcess | null = null;

function startBroker(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'server/broker/main.ts'), '--host', BROKER_HOST, '--port', String(BROKER_PORT), '--data-dir', DATA_DIR],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    broker = child;
    let ready = false;
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      process.stdout.write(chunk);
      if (!ready && chunk.includes('broker listening on')) {
        ready = true;
        resolve();
      }
    });
    child.on('exit', (code, signal) => {
      if (!ready) return reject(new Error(`the broker exited before it was ready (code ${code ?? signal})`));
      if (stopping) return;
      console.error(`offsetscope: the broker exited (${signal ?? `code ${code}`}); restarting it on ${BROKER_HOST}:${BROKER_PORT} with ${DATA_DIR}`);
      setTimeout(() => {
        if (!stopping) startBroker().catch((e) => console.error(`offsetscope: broker restart failed: ${(e as Error).message}`));
      }, 500);
    });
  });
}

function stopAll(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  for (const c of [dashboard, broker]) if (c && c.exitCode === null) c.kill(signal);
  const force = setTimeout(() => {
    for (const c of [dashboard, broker]) if (c && c.exitCode === null) c.kill('SIGKILL');
    process.exit(1);
  }, 10_000);
  force.unref();
}

async function main(): Promise<void> {
  // a dashboard that would serve the network without a login, or a malformed allowlist, stops here, before anything starts
  let login = false;
  try {
    login = authFromEnv() !== null;
  } catch (e) {
    fail((e as Error).message);
  }
  const refusal = exposureRefusal(process.env, login);
  if (refusal) fail(refusal);
  try {
    hostPolicyFromEnv();
  } catch (e) {
    fail((e as Error).message);
  }
  if (!(await portFree(HOST, PORT))) fail(`port ${PORT} on ${HOST} is already in use; set PORT to another port`);
  if (configFile) {
    try {
      const { loadClusterConfig } = await import('../server/kafka/cluster-config');
      loadClusterConfig(configFile); // a mistake in the file is reported here, before anything starts
    } catch (e) {
      fail((e as Error).message);
    }
  }
  if (embedded && !(await portFree(BROKER_HOST, BROKER_PORT))) {
    fail(`port ${BROKER_PORT} on ${BROKER_HOST} is already in use (embedded broker); set BROKER_PORT to another port, or KAFKA_BROKERS to use a running cluster`);
  }
  buildIfNeeded();
  process.on('SIGINT', () => stopAll('SIGINT'));
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  if (embedded) {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    await startBroker();
  }
  if (embedded && !isLoopbackHost(BROKER_HOST)) {
    console.warn(`offsetscope: the embedded broker listens on ${BROKER_HOST}:${BROKER_PORT}, where anyone who reaches it may produce, consume and delete (its PLAINTEXT listener has no login)`);
  }
  const brokerAddress = isWildcardAddress(BROKER_HOST) ? '127.0.0.1' : BROKER_HOST;
  // a config file with clusters names them itself; otherwise KAFKA_BROKERS or the embedded broker
  const brokers = !embedded && !external ? '' : external || `${brokerAddress.includes(':') ? `[${brokerAddress}]` : brokerAddress}:${BROKER_PORT}`;
  // the dashboard serves through our front door (server/http/main.ts), which prints `dashboard ready on …`
  dashboard = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/http/main.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      HOST,
      PORT: String(PORT),
      KAFKA_BROKERS: brokers,
      OFFSETSCOPE_MODE: embedded ? 'embedded' : 'external',
      OFFSETSCOPE_DEMO: demo ? '1' : '',
      OFFSETSCOPE_DATA_DIR: DATA_DIR, // the dashboard keeps its lag history under it too
    },
  });
  dashboard.on('exit', (code) => {
    if (!stopping) {
      console.error(`offsetscope: the dashboard exited (code ${code}); stopping`);
      stopAll('SIGTERM');
    }
    if (!broker || broker.exitCode !== null) process.exit(code ?? 0);
    broker.on('exit', () => process.exit(code ?? 0));
  });
}

main().catch((e) => {
  console.error(`offsetscope: ${(e as Error).message}`);
  stopAll('SIGTERM');
  process.exitCode = 1;
});
