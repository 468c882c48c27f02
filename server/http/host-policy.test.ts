// The front door's decisions, one row per request a person could check by hand with curl.
import { describe, expect, it } from 'vitest';
import { exposureFromEnv, exposureRefusal } from './exposure';
import { checkCrossSite, checkHost, clientAddress, hostPolicyFromEnv, parseHostHeader, PolicyConfigError } from './host-policy';

const local = hostPolicyFromEnv({});

describe('the Host allowlist', () => {
  it.each([
    ['127.0.0.1:3000', true],
    ['localhost:3000', true],
    ['LOCALHOST', true],
    ['localhost.:3000', true],
    ['[::1]:3000', true],
    ['attacker.example:3000', false],
    ['127.0.0.1.nip.io:3000', false],
    ['localhost.attacker.example', false],
    ['127.0.0.2:3000', false],
    ['localhost:3000/x', false],
    ['user@localhost:3000', false],
    ['localhost:99999', false],
    ['', false],
  ])('default policy, Host %j → served %s', (host, served) => {
    expect(checkHost(local, host ? { host } : {}, '127.0.0.1') === null).toBe(served);
  });

  it('a refusal is 421 MISDIRECTED_REQUEST naming the host and the setting', () => {
    expect(checkHost(local, { host: 'attacker.example:3000' }, '127.0.0.1')).toEqual({
      status: 421,
      code: 'MISDIRECTED_REQUEST',
      message: expect.stringMatching(/'attacker\.example:3000'.*localhost, 127\.0\.0\.1, \[::1\].*OFFSETSCOPE_ALLOWED_HOSTS/),
    });
  });

  it('HOST joins the default list when it is a specific address, never when it is 0.0.0.0 or ::', () => {
    expect(hostPolicyFromEnv({ HOST: '10.1.2.3' }).allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]', '10.1.2.3']);
    expect(hostPolicyFromEnv({ HOST: 'fd00::7' }).allowedHosts).toContain('[fd00::7]');
    expect(hostPolicyFromEnv({ HOST: '0.0.0.0' }).allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(hostPolicyFromEnv({ HOST: '::' }).allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
  });

  it('OFFSETSCOPE_ALLOWED_HOSTS replaces the default: exact names, .suffix for a domain, * for any', () => {
    const p = hostPolicyFromEnv({ OFFSETSCOPE_ALLOWED_HOSTS: 'kafka-ui.example.com, .internal.example, ::1' });
    expect(p.allowedHosts).toEqual(['kafka-ui.example.com', '.internal.example', '[::1]']);
    expect(checkHost(p, { host: 'kafka-ui.example.com' }, null)).toBeNull();
    expect(checkHost(p, { host: 'a.b.internal.example:8080' }, null)).toBeNull();
    expect(checkHost(p, { host: 'internal.example' }, null)).toBeNull();
    expect(checkHost(p, { host: 'evilinternal.example' }, null)?.status).toBe(421);
    expect(checkHost(p, { host: 'localhost:3000' }, null)?.status).toBe(421);
    expect(checkHost(hostPolicyFromEnv({ OFFSETSCOPE_ALLOWED_HOSTS: '*' }), { host: 'anything.example' }, null)).toBeNull();
  });

  it.each([['http://kafka.example.com'], ['kafka.example.com:3000'], ['a b'], [' , ']])('OFFSETSCOPE_ALLOWED_HOSTS=%j is an error naming the variable', (v) => {
    expect(() => hostPolicyFromEnv({ OFFSETSCOPE_ALLOWED_HOSTS: v })).toThrow(PolicyConfigError);
    expect(() => hostPolicyFromEnv({ OFFSETSCOPE_ALLOWED_HOSTS: v })).toThrow(/OFFSETSCOPE_ALLOWED_HOSTS/);
  });

  it('parses Host values as name and port', () => {
    expect(parseHostHeader('Example.COM:8080')).toEqual({ name: 'example.com', port: 8080 });
    expect(parseHostHeader('[::1]')).toEqual({ name: '[::1]', port: null });
    expect(parseHostHeader('[zz::1]:80')).toBeNull();
  });
});

describe('trusted proxies', () => {
  const behind = hostPolicyFromEnv({ OFFSETSCOPE_ALLOWED_HOSTS: 'kafka.example.com', OFFSETSCOPE_TRUSTED_PROXIES: '10.0.0.5, 192.168.0.0/16, ::1' });

  it('X-Forwarded-Host counts only from a trusted proxy', () => {
    const h = { host: '127.0.0.1:3000', 'x-forwarded-host': 'kafka.example.com' };
    expect(checkHost(behind, h, '10.0.0.5')).toBeNull();
    expect(checkHost(behind, h, '::ffff:192.168.4.4')).toBeNull();
    expect(checkHost(behind, h, '10.0.0.6')?.status).toBe(421); // Host 127.0.0.1 is not on this list, and the header is not believed
    expect(checkHost(local, { host: 'attacker.example', 'x-forwarded-host': 'localhost' }, '127.0.0.1')?.status).toBe(421);
  });

  it.each([
    ['from an untrusted socket the socket is the client, whatever X-Forwarded-For says', '203.0.113.9', '1.2.3.4', '203.0.113.9'],
    ['no header, no proxy', '127.0.0.1', undefined, '127.0.0.1'],
    ['a trusted proxy vouches for the hop before it', '10.0.0.5', '198.51.100.7', '198.51.100.7'],
    ['a chain of trusted proxies is walked right to left', '10.0.0.5', '198.51.100.7, 192.168.1.1', '198.51.100.7'],
    ['a forged left part stays behind the first untrusted hop', '10.0.0.5', '6.6.6.6, 198.51.100.7', '198.51.100.7'],
    ['garbage stops the walk at the last believable hop', '10.0.0.5', 'not-an-ip', '10.0.0.5'],
    ['an IPv4-mapped socket address is shown plainly', '::ffff:203.0.113.9', '1.2.3.4', '203.0.113.9'],
  ])('%s', (_what, socket, xff, expected) => {
    expect(clientAddress(behind, xff === undefined ? {} : { 'x-forwarded-for': xff }, socket)).toBe(expected);
  });

  it.each([['10.0.0.0/33'], ['not-an-ip'], ['10.0.0.1/8/2']])('OFFSETSCOPE_TRUSTED_PROXIES=%j is an error naming the variable', (v) => {
    expect(() => hostPolicyFromEnv({ OFFSETSCOPE_TRUSTED_PROXIES: v })).toThrow(/OFFSETSCOPE_TRUSTED_PROXIES/);
  });
});

describe('cross-site changes', () => {
  const host = { host: '127.0.0.1:3000' };
  it.each([
    ['POST without Origin (curl, scripts)', 'POST', {}, null],
    ['GET from anywhere is not a change', 'GET', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }, null],
    ['POST from our own origin', 'POST', { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }, null],
    ['DELETE from another site', 'DELETE', { origin: 'http://evil.example' }, 403],
    ['POST from our name on another port (another local app)', 'POST', { origin: 'http://127.0.0.1:5173' }, 403],
    ['POST from another allowed name than the one asked', 'POST', { origin: 'http://localhost:3000' }, 403],
    ['PATCH saying cross-site without Origin', 'PATCH', { 'sec-fetch-site': 'cross-site' }, 403],
    ['POST from an opaque origin', 'POST', { origin: 'null' }, 403],
    ['POST from a file: page', 'POST', { origin: 'file://' }, 403],
  ])('%s', (_what, method, headers, status) => {
    expect(checkCrossSite(local, method, { ...host, ...headers }, '127.0.0.1')?.status ?? null).toBe(status);
  });

  it('behind a trusted proxy the Origin is compared with the forwarded host', () => {
    const behind = hostPolicyFromEnv({ OFFSETSCOPE_ALLOWED_HOSTS: 'kafka.example.com', OFFSETSCOPE_TRUSTED_PROXIES: '10.0.0.5' });
    const h = { host: '10.0.0.9:3000', 'x-forwarded-host': 'kafka.example.com', origin: 'https://kafka.example.com' };
    expect(checkCrossSite(behind, 'POST', h, '10.0.0.5')).toBeNull();
    expect(checkCrossSite(behind, 'POST', { ...h, origin: 'https://evil.example' }, '10.0.0.5')?.status).toBe(403);
  });
});

describe('exposure', () => {
  it.each([
    [{}, false],
    [{ HOST: '127.0.0.1' }, false],
    [{ HOST: 'localhost' }, false],
    [{ HOST: '::1' }, false],
    [{ HOST: '0.0.0.0' }, true],
    [{ HOST: '::' }, true],
    [{ HOST: '192.168.1.20' }, true],
  ])('HOST %j exposed: %s', (env, exposed) => {
    expect(exposureFromEnv(env).exposed).toBe(exposed);
    expect(exposureRefusal(env) !== null).toBe(exposed);
  });

  it('serving the network needs OFFSETSCOPE_AUTH=none, named in the refusal', () => {
    expect(exposureRefusal({ HOST: '0.0.0.0' })).toMatch(/refusing to serve on 0\.0\.0\.0.*OFFSETSCOPE_AUTH=none/);
    expect(exposureRefusal({ HOST: '0.0.0.0', OFFSETSCOPE_AUTH: 'none' })).toBeNull();
    expect(exposureRefusal({ OFFSETSCOPE_AUTH: 'oidc' })).toMatch(/OFFSETSCOPE_AUTH=oidc is not known/);
  });

  it('a configured login is enough to serve the network; with OFFSETSCOPE_AUTH=none as well it is an error', () => {
    expect(exposureRefusal({ HOST: '0.0.0.0' }, true)).toBeNull();
    expect(exposureRefusal({ HOST: '0.0.0.0', OFFSETSCOPE_AUTH: 'none' }, true)).toMatch(/remove one of them/);
    expect(exposureRefusal({ HOST: '0.0.0.0' })).toMatch(/set up a login/);
  });
});
