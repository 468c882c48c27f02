import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadClusterConfig } from './cluster-config';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-config-test-'));
const write = (name: string, content: unknown) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
};
afterEach(() => {
  delete process.env.TEST_KAFKA_PW;
});

describe('loadClusterConfig', () => {
  it('resolves secrets inline, from the environment and from files; the first cluster is the default unless one is marked', () => {
    write('pw.txt', 'from-a-file\n');
    write('ca.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    process.env.TEST_KAFKA_PW = 'from-the-env';
    const f = write('ok.json', {
      clusters: [
        { id: 'a', bootstrap: 'a1:9092,a2', sasl: { mechanism: 'plain', username: 'u', password: 'inline' } },
        { id: 'b', name: 'Bee', bootstrap: ['b1:9093'], default: true, sasl: { mechanism: 'scram-sha-256', username: 'u', passwordEnv: 'TEST_KAFKA_PW' }, tls: true },
        { id: 'c', bootstrap: 'c1:9093', sasl: { mechanism: 'scram-sha-512', username: 'u', passwordFile: 'pw.txt' }, tls: { caFile: 'ca.pem', verify: false }, readOnly: true },
      ],
    });
    const cs = loadClusterConfig(f);
    expect(cs.map((c) => [c.id, c.name, c.bootstrap, c.isDefault, c.readOnly])).toEqual([
      ['a', 'a', ['a1:9092', 'a2:9092'], false, false],
      ['b', 'Bee', ['b1:9093'], true, false],
      ['c', 'c', ['c1:9093'], false, true],
    ]);
    expect(cs.map((c) => c.sasl?.password)).toEqual(['inline', 'from-the-env', 'from-a-file']);
    expect(cs[1].tls).toEqual({ verify: true });
    expect(cs[2].tls).toMatchObject({ verify: false, ca: expect.stringContaining('BEGIN CERTIFICATE') });
    expect(loadClusterConfig(write('one.json', { clusters: [{ id: 'x', bootstrap: 'h' }] }))[0].isDefault).toBe(true);
  });

  it.each([
    ['not JSON', '{"clusters": [', /not valid JSON/],
    ['no clusters', { clusters: [] }, /clusters/],
    ['a bad id', { clusters: [{ id: 'Prod Cluster', bootstrap: 'h' }] }, /ids are lowercase/],
    ['a duplicate id', { clusters: [{ id: 'a', bootstrap: 'h' }, { id: 'a', bootstrap: 'h' }] }, /'a' is used twice/],
    ['two defaults', { clusters: [{ id: 'a', bootstrap: 'h', default: true }, { id: 'b', bootstrap: 'h', default: true }] }, /only one cluster may be the default/],
    ['an unset variable', { clusters: [{ id: 'a', bootstrap: 'h', sasl: { mechanism: 'plain', username: 'u', passwordEnv: 'NOT_SET_ANYWHERE' } }] }, /NOT_SET_ANYWHERE is not set/],
    ['a missing file', { clusters: [{ id: 'a', bootstrap: 'h', sasl: { mechanism: 'plain', username: 'u', passwordFile: 'nope.txt' } }] }, /cannot read nope.txt/],
    ['two password sources', { clusters: [{ id: 'a', bootstrap: 'h', sasl: { mechanism: 'plain', username: 'u', password: 'hunter2', passwordEnv: 'X' } }] }, /not several/],
    ['an unknown mechanism', { clusters: [{ id: 'a', bootstrap: 'h', sasl: { mechanism: 'gssapi', username: 'u', password: 'hunter2' } }] }, /mechanism/],
  ])('refuses %s with a message naming the place, never the secret', (_what, content, message) => {
    const f = write(`bad-${Math.random()}.json`, content);
    let err: Error | null = null;
    try {
      loadClusterConfig(f);
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toMatch(message);
    expect(err?.message).not.toContain('hunter2');
  });
});
