// Which requests the dashboard serves at all, and which may change a cluster. Pure
// decisions over a request's headers and its socket's address, so the front door
// (server/http/request-guard.ts) and the mutation guard (api.ts) ask the same questions.
//
// Why a Host allowlist: with DNS rebinding a page a developer merely visits resolves its
// own name to 127.0.0.1, and its requests then carry *its* name as Host and Origin.
// Comparing Origin with Host proves nothing; only names we know to be ours do.
import net from 'node:net';

export interface HostPolicy {
  /** Host names (no ports) served: exact names, `.example.com` for it and its subdomains, or `*` for any. */
  allowedHosts: string[];
  /** Addresses whose X-Forwarded-Host / X-Forwarded-For are believed (a reverse proxy in front). */
  trustedProxies: net.BlockList;
  /** Whether any trusted proxy is configured (BlockList cannot say it is empty). */
  hasTrustedProxies: boolean;
}

export class PolicyConfigError extends Error {}

/** The variables read (process.env, or a test's own). */
export type Env = Record<string, string | undefined>;

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
export function normalizeAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return mapped ? mapped[1] : a;
}

/** 0.0.0.0, ::, and an empty HOST mean every address: not a name anyone connects to. */
export function isWildcardAddress(host: string): boolean {
  const h = host.trim().replace(/^\[|\]$/g, '').toLowerCase();
  return h === '' || h === '0.0.0.0' || h === '::' || h === '0:0:0:0:0:0:0:0';
}

export function isLoopbackHost(host: string): boolean {
  const h = normalizeAddress(host.trim().replace(/^\[|\]$/g, ''))!;
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}

/** A host name as the allowlist holds it: lower case, no trailing dot, IPv6 in brackets. */
export function canonicalHostName(name: string): string {
  let n = name.trim().toLowerCase().replace(/\.$/, '');
  if (!n.startsWith('[') && net.isIPv6(n)) n = `[${n}]`;
  return n;
}

/**
 * The name and port of a Host (or X-Forwarded-Host) value; null when it is not a plain
 * `name[:port]` (a forged header with a path, spaces or user info is never "ours").
 */
export function parseHostHeader(value: string | null | undefined): { name: string; port: number | null } | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/.exec(v);
  if (!m) return null;
  const name = m[1].replace(/\.$/, '');
  if (name.startsWith('[') && !net.isIPv6(name.slice(1, -1))) return null;
  const port = m[2] === undefined ? null : Number(m[2]);
  if (port !== null && port > 65535) return null;
  return { name, port };
}

function parseAllowedHosts(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(',')) {
    const entry = part.trim();
    if (!entry) continue;
    if (entry === '*') {
      out.push('*');
      continue;
    }
    const suffix = entry.startsWith('.');
    const parsed = parseHostHeader(suffix ? entry.slice(1) : entry) ?? parseHostHeader(canonicalHostName(entry));
    if (!parsed || parsed.port !== null) {
      throw new PolicyConfigError(
        `OFFSETSCOPE_ALLOWED_HOSTS: '${entry}' is not a host name; give names without scheme or port, comma-separated (e.g. localhost,kafka-ui.example.com,.internal.example.com)`,
      );
    }
    out.push(suffix ? `.${parsed.name}` : parsed.name);
  }
  if (out.length === 0) throw new PolicyConfigError('OFFSETSCOPE_ALLOWED_HOSTS is set but names no host; leave it unset for the default (localhost, 127.0.0.1, [::1] and HOST)');
  return out;
}

function parseTrustedProxies(raw: string): { list: net.BlockList; any: boolean } {
  const list = new net.BlockList();
  let any = false;
  for (const part of raw.split(',')) {
    const entry = part.trim();
    if (!entry) continue;
    const [addr, bits, extra] = entry.split('/');
    const address = normalizeAddress(addr.replace(/^\[|\]$/g, ''))!;
    const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : null;
    const prefix = bits === undefined ? null : Number(bits);
    const maxBits = family === 'ipv4' ? 32 : 128;
    if (!family || extra !== undefined || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxBits))) {
      throw new PolicyConfigError(`OFFSETSCOPE_TRUSTED_PROXIES: '${entry}' is not an IP address or CIDR range (e.g. 10.0.0.5,10.1.0.0/16,::1)`);
    }
    if (prefix === null) list.addAddress(address, family);
    else list.addSubnet(address, prefix, family);
    any = true;
  }
  return { list, any };
}

/** The policy from the environment; a malformed setting throws, naming the variable. */
export function hostPolicyFromEnv(env: Env = process.env): HostPolicy {
  const configured = env.OFFSETSCOPE_ALLOWED_HOSTS?.trim();
  let allowedHosts: string[];
  if (configured) {
    allowedHosts = parseAllowedHosts(configured);
  } else {
    allowedHosts = [...LOOPBACK_NAMES];
    const bind = env.HOST?.trim() ?? '';
    // a specific address is a name people use to reach us; 0.0.0.0 is not
    if (bind && !isWildcardAddress(bind)) {
      const own = canonicalHostName(bind);
      if (!allowedHosts.includes(own)) allowedHosts.push(own);
    }
  }
  const proxies = parseTrustedProxies(env.OFFSETSCOPE_TRUSTED_PROXIES ?? '');
  return { allowedHosts, trustedProxies: proxies.list, hasTrustedProxies: proxies.any };
}

export function isTrustedProxy(policy: HostPolicy, address: string | null): boolean {
  const a = normalizeAddress(address);
  if (!a || !policy.hasTrustedProxies) return false;
  if (net.isIPv4(a)) return policy.trustedProxies.check(a, 'ipv4');
  if (net.isIPv6(a)) return policy.trustedProxies.check(a, 'ipv6');
  return false;
}

export function hostNameAllowed(policy: HostPolicy, name: string): boolean {
  const n = canonicalHostName(name);
  return policy.allowedHosts.some((rule) => rule === '*' || rule === n || (rule.startsWith('.') && (n === rule.slice(1) || n.endsWith(rule))));
}

type HeaderValue = string | string[] | undefined;
/** Header lookup over either Node's IncomingHttpHeaders or a fetch Headers. */
export type HeaderSource = Record<string, HeaderValue> | Headers;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : (v ?? null);
}

/**
 * The Host the client asked for: X-Forwarded-Host's first value when the socket is a
 * trusted proxy (the name the browser used in front of it), else the Host header.
 */
export function requestedHost(policy: HostPolicy, headers: HeaderSource, socketAddress: string | null): string | null {
  const forwarded = header(headers, 'x-forwarded-host');
  if (forwarded && isTrustedProxy(policy, socketAddress)) return forwarded.split(',')[0].trim();
  return header(headers, 'host');
}

/**
 * The client's address for the record: the socket's, or — only when the socket is a
 * trusted proxy — the nearest X-Forwarded-For hop that is not itself a trusted proxy.
 */
export function clientAddress(policy: HostPolicy, headers: HeaderSource, socketAddress: string | null): string | null {
  let current = normalizeAddress(socketAddress);
  if (!isTrustedProxy(policy, current)) return current;
  const hops = (header(headers, 'x-forwarded-for') ?? '')
    .split(',')
    .map((h) => normalizeAddress(h.replace(/^\[|\]$/g, '')))
    .filter((h): h is string => !!h);
  // right to left: each hop was appended by the proxy after it, so only trusted hops vouch for the next
  for (let i = hops.length - 1; i >= 0 && isTrustedProxy(policy, current); i--) {
    if (net.isIP(hops[i]) === 0) break; // garbage stops the walk; keep the last hop we could believe
    current = hops[i];
  }
  return current;
}

export type Refusal = { status: 421 | 403; code: 'MISDIRECTED_REQUEST' | 'FORBIDDEN_ORIGIN'; message: string };

/** 421 unless the request names one of our hosts. */
export function checkHost(policy: HostPolicy, headers: HeaderSource, socketAddress: string | null): Refusal | null {
  const raw = requestedHost(policy, headers, socketAddress);
  const host = parseHostHeader(raw);
  if (host && hostNameAllowed(policy, host.name)) return null;
  const shown = raw ? `'${raw.slice(0, 100)}'` : 'no host name';
  return {
    status: 421,
    code: 'MISDIRECTED_REQUEST',
    message: `This offsetscope does not serve ${shown}. It answers only to ${policy.allowedHosts.join(', ')}; to reach it by another name, add that name to OFFSETSCOPE_ALLOWED_HOSTS.`,
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * 403 for a change a browser makes on another site's behalf: `Sec-Fetch-Site: cross-site`,
 * or an Origin that is not the host this request was sent to (name and port) or not one
 * of ours. Requests without Origin (curl, scripts) pass: browsers always send it on
 * POST, PATCH and DELETE.
 */
export function checkCrossSite(policy: HostPolicy, method: string, headers: HeaderSource, socketAddress: string | null): Refusal | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const refuse = (message: string): Refusal => ({ status: 403, code: 'FORBIDDEN_ORIGIN', message });
  if ((header(headers, 'sec-fetch-site') ?? '').trim().toLowerCase() === 'cross-site') {
    return refuse('Cross-site requests may not change this cluster.');
  }
  const origin = header(headers, 'origin');
  if (origin === null) return null;
  let url: URL | null = null;
  try {
    url = new URL(origin);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return refuse(`Requests from ${origin.slice(0, 100)} may not change this cluster.`);
  const target = parseHostHeader(requestedHost(policy, headers, socketAddress));
  const originName = canonicalHostName(url.hostname);
  const originPort = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const sameHost = target !== null && target.name === originName && (target.port === null || target.port === originPort);
  if (!sameHost || !hostNameAllowed(policy, originName)) return refuse(`Requests from ${url.origin} may not change this cluster.`);
  return null;
}
