// The dashboard's HTTP server: Next.js behind our front door (request-guard.ts), so the
// Host allowlist, the cross-site refusal, the login and the security headers hold for every route,
// including ones Next serves itself. scripts/start.ts runs it; it prints
// `dashboard ready on http://H:P` once it serves.
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { authService, type AuthService } from '../auth/service';
import { exposureRefusal } from './exposure';
import { hostPolicyFromEnv, isWildcardAddress, PolicyConfigError } from './host-policy';
import { createRequestGuard } from './request-guard';

const root = path.resolve(import.meta.dirname, '../..');

function fail(msg: string): never {
  console.error(`offsetscope: ${msg}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const host = process.env.HOST?.trim() || '127.0.0.1';
  const port = Number(process.env.PORT || 3000);
  let auth: AuthService | null;
  try {
    auth = authService();
  } catch (e) {
    fail((e as Error).message);
  }
  const refusal = exposureRefusal(process.env, auth !== null);
  if (refusal) fail(refusal);
  let policy;
  try {
    policy = hostPolicyFromEnv();
  } catch (e) {
    if (e instanceof PolicyConfigError) fail(e.message);
    throw e;
  }

  const app = next({ dev: false, dir: root, hostname: host, port });
  await app.prepare();
  const server = http.createServer(createRequestGuard(policy, app.getRequestHandler(), auth));
  server.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EADDRINUSE') fail(`port ${port} on ${host} is already in use; set PORT to another port`);
    fail(`the dashboard cannot listen on ${host}:${port}: ${e.message}`);
  });
  server.listen(port, host, () => {
    const shown = isWildcardAddress(host) ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    console.log(`dashboard ready on http://${shown}:${port}`);
  });
  const stop = () => {
    auth?.sessions.flush(); // a logout just before the stop must stay a logout
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`offsetscope: the dashboard failed to start: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
