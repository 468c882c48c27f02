// The dashboard on a network (server/http/request-guard.ts): a name that is not ours gets
// 421 on every kind of route and changes nothing (DNS rebinding), a browser's cross-site
// change gets 403 while curl-style scripts keep working, every answer carries the security
// headers, the reset audit records the socket's address (X-Forwarded-* only from a trusted
// proxy), and a dashboard that would serve the network without a login does not start.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLauncher, startDashboard, type Dashboard } from '../helpers/dashboard';
import { run } from '../helpers/exec';

let dash: Dashboard;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with exactly these headers (fetch may not set Host), optionally from another loopback address. */
function request(method: string, urlPath: string, headers: Record<string, string> = {}, body?: unknown, localAddress?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: dash.port,
        method,
        path: urlPath,
        localAddress,
        headers: { host: `127.0.0.1:${dash.port}`, ...(data ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
        // an event stream never ends: its status and headers are the answer
        if (res.headers['content-type']?.startsWith('text/event-stream')) {
          resolve({ status: res.statusCode!, headers: res.headers, body: '' });
          req.destroy();
        }
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function kcatTopics(): Promise<string[]> {
  const r = await run('kcat', ['-b', dash.brokerAddress, '-L', '-J']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout).topics as { topic: string }[]).map((t) => t.topic);
}

const rebound = () => ({ host: `attacker.example:${dash.port}` });

beforeAll(async () => {
  // 127.0.0.2 plays the reverse proxy; the tests' own requests come from 127.0.0.1, which is not trusted
  dash = await startDashboard({ env: { OFFSETSCOPE_TRUSTED_PROXIES: '127.0.0.2' } });
  const r = await request('POST', '/api/topics', {}, { name: 'kept', partitions: 1, replicationFactor: 1 });
  expect(r.status).toBe(201);
}, 300_000);
afterAll(async () => {
  await dash?.stop();
});

describe('a Host that is not ours gets 421 and nothing runs', () => {
  it.each([
    ['the overview page', 'GET', '/', 'html'],
    ['a topic page', 'GET', '/topics/kept', 'html'],
    ['a cluster-prefixed page', 'GET', '/clusters/default/groups', 'html'],
    ['the API', 'GET', '/api/topics', 'json'],
    ['the cluster-prefixed API', 'GET', '/api/clusters/default/topics', 'json'],
    ['the cluster list', 'GET', '/api/clusters', 'json'],
    ['/metrics', 'GET', '/metrics', 'json'],
    ['the SSE tail', 'GET', '/api/topics/kept/tail', 'json'],
    ["Next's own assets", 'GET', '/_next/static/chunks/none.js', 'html'],
  ])('%s', async (_what, method, urlPath, kind) => {
    const ours = await request(method, urlPath);
    expect(ours.status, `${urlPath} with our own Host`).toBeLessThan(kind === 'html' && urlPath.startsWith('/_next') ? 500 : 300);
    const r = await request(method, urlPath, rebound());
    expect(r.status).toBe(421);
    if (kind === 'json') {
      expect(JSON.parse(r.body).error).toEqual({ code: 'MISDIRECTED_REQUEST', message: expect.stringMatching(/attacker\.example.*OFFSETSCOPE_ALLOWED_HOSTS/) });
    } else {
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.body).toMatch(/<h1>Not served under this name<\/h1>.*OFFSETSCOPE_ALLOWED_HOSTS/s);
    }
  });

  it('a rebound POST /api/topics with a matching Origin creates no topic; a rebound DELETE deletes none', async () => {
    const post = await request('POST', '/api/topics', { ...rebound(), origin: `http://attacker.example:${dash.port}` }, { name: 'rebound', partitions: 1, replicationFactor: 1 });
    expect(post.status).toBe(421);
    const del = await request('DELETE', '/api/topics/kept', { ...rebound(), origin: `http://attacker.example:${dash.port}` });
    expect(del.status).toBe(421);
    const topics = await kcatTopics();
    expect(topics).not.toContain('rebound');
    expect(topics).toContain('kept');
  });

  it('X-Forwarded-Host is believed only from a trusted proxy', async () => {
    // from 127.0.0.1 (untrusted) the header is ignored: Host decides
    expect((await request('GET', '/api/topics', { 'x-forwarded-host': 'attacker.example' })).status).toBe(200);
    expect((await request('GET', '/api/topics', { ...rebound(), 'x-forwarded-host': 'localhost' })).status).toBe(421);
    // from the proxy (127.0.0.2) it is the name the browser used
    expect((await request('GET', '/api/topics', { 'x-forwarded-host': 'attacker.example' }, undefined, '127.0.0.2')).status).toBe(421);
    expect((await request('GET', '/api/topics', { ...rebound(), 'x-forwarded-host': 'localhost' }, undefined, '127.0.0.2')).status).toBe(200);
  });
});

describe('cross-site changes get 403; scripts without Origin work', () => {
  const topic = (name: string) => ({ name, partitions: 1, replicationFactor: 1 });
  it.each([
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['our name on another port', { origin: 'http://127.0.0.1:1' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ])('%s', async (_what, headers) => {
    const r = await request('POST', '/api/topics', headers, topic('cross'));
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.code).toBe('FORBIDDEN_ORIGIN');
    const d = await request('DELETE', '/api/topics/kept', headers);
    expect(d.status).toBe(403);
    const topics = await kcatTopics();
    expect(topics).not.toContain('cross');
    expect(topics).toContain('kept');
  });

  it('the same request without Origin (curl) and from our own origin works', async () => {
    expect((await request('POST', '/api/topics', {}, topic('from-curl'))).status).toBe(201);
    expect((await request('POST', '/api/topics', { origin: `http://127.0.0.1:${dash.port}`, 'sec-fetch-site': 'same-origin' }, topic('from-page'))).status).toBe(201);
    expect(await kcatTopics()).toEqual(expect.arrayContaining(['from-curl', 'from-page']));
  });
});

describe('security headers', () => {
  it.each([['/'], ['/api/topics'], ['/metrics'], ['/api/nothing-here']])('on %s', async (urlPath) => {
    for (const headers of [{}, rebound()]) {
      const r = await request('GET', urlPath, headers);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('same-origin');
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    }
  });

  it("a page's CSP nonce is fresh per answer and is the one its inline scripts carry", async () => {
    const [a, b] = [await request('GET', '/'), await request('GET', '/')];
    const nonceOf = (r: Answer) => /'nonce-([^']+)'/.exec(String(r.headers['content-security-policy']))![1];
    expect(nonceOf(a)).not.toBe(nonceOf(b));
    const inline = [...a.body.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain(`nonce="${nonceOf(a)}"`);
  });

  it("a client's own Content-Security-Policy request header cannot choose the nonce", async () => {
    const r = await request('GET', '/', { 'content-security-policy': "script-src 'nonce-chosenbyme'" });
    expect(r.body).not.toContain('chosenbyme');
  });
});

describe('the reset audit records who asked', () => {
  const reset = { scope: { topics: ['kept'] }, strategy: 'to-earliest', dryRun: false };
  const lastAudit = async () => JSON.parse((await request('GET', '/api/groups/audited/resets')).body).resets[0].requestedBy;

  it("the socket's address; a forged X-Forwarded-For from an untrusted address is ignored", async () => {
    expect((await request('POST', '/api/groups/audited/reset', { 'x-forwarded-for': '6.6.6.6', 'user-agent': 'forger' }, reset)).status).toBe(200);
    expect(await lastAudit()).toEqual({ address: '127.0.0.1', userAgent: 'forger' });
  });

  it("behind a trusted proxy, X-Forwarded-For's client (not what the client itself claimed before it)", async () => {
    const r = await request('POST', '/api/groups/audited/reset', { 'x-forwarded-for': '6.6.6.6, 198.51.100.7', 'user-agent': 'via-proxy' }, reset, '127.0.0.2');
    expect(r.status).toBe(200);
    expect(await lastAudit()).toEqual({ address: '198.51.100.7', userAgent: 'via-proxy' });
  });
});

describe('secure by default', () => {
  it('HOST=0.0.0.0 without a login exits non-zero, naming OFFSETSCOPE_AUTH=none; a bad allowlist names its variable', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-exposed-'));
    const exposed = await runLauncher({ HOST: '0.0.0.0', PORT: '0', BROKER_PORT: '0', DATA_DIR: dataDir, OFFSETSCOPE_AUTH: '' });
    expect(exposed.code).not.toBe(0);
    expect(exposed.output).toMatch(/refusing to serve on 0\.0\.0\.0.*OFFSETSCOPE_AUTH=none/);
    expect(fs.readdirSync(dataDir)).toEqual([]); // nothing started
    const bad = await runLauncher({ PORT: '0', BROKER_PORT: '0', DATA_DIR: dataDir, OFFSETSCOPE_ALLOWED_HOSTS: 'http://x.example' });
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(/OFFSETSCOPE_ALLOWED_HOSTS: 'http:\/\/x\.example' is not a host name/);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('with OFFSETSCOPE_AUTH=none it starts, every page shows the banner, and the broker listens on 127.0.0.1 only', async () => {
    const open = await startDashboard({ env: { HOST: '0.0.0.0', OFFSETSCOPE_AUTH: 'none' } });
    try {
      const listening = listeningAddresses();
      expect(listening.get(open.port)).toEqual(['0.0.0.0']);
      expect(listening.get(open.brokerPort)).toEqual(['127.0.0.1']);
      for (const page of ['/', '/topics', '/groups', '/lab']) {
        const html = await (await fetch(open.url + page)).text();
        expect(html).toContain('data-testid="exposure-banner"');
        expect(html).toMatch(/No login: this dashboard is open to the network\..*anyone who reaches that address can/s);
      }
      // the address it binds is not a name it answers to unless OFFSETSCOPE_ALLOWED_HOSTS says so
      const other = nonLoopbackIPv4();
      if (other) {
        const r = await fetch(`http://${other}:${open.port}/api/topics`);
        expect(r.status).toBe(421);
        await expect(fetch(`http://${other}:${open.brokerPort}/`)).rejects.toThrow();
      }
    } finally {
      await open.stop();
    }
    // and on loopback there is no banner
    const html = await (await fetch(dash.url + '/')).text();
    expect(html).not.toContain('exposure-banner');
  }, 300_000);
});

/** Listening TCP sockets by port → their local IPv4 addresses, from the kernel's own table. */
function listeningAddresses(): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || f[3] !== '0A') continue; // 0A = LISTEN
    const [hexAddr, hexPort] = f[1].split(':');
    const addr = [3, 2, 1, 0].map((i) => parseInt(hexAddr.slice(i * 2, i * 2 + 2), 16)).join('.');
    const port = parseInt(hexPort, 16);
    out.set(port, [...(out.get(port) ?? []), addr]);
  }
  return out;
}

function nonLoopbackIPv4(): string | null {
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return null;
}
