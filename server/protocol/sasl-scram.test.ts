import { describe, expect, it } from 'vitest';
import { ScramClient, ScramError, ScramServer, scramCredential, type ScramMechanism } from './sasl-scram';

const server = (m: ScramMechanism, users: Record<string, string>) => {
  const creds = new Map(Object.entries(users).map(([u, p]) => [u, scramCredential(m, p)]));
  return new ScramServer(m, (u) => creds.get(u));
};

describe.each(['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const)('%s', (m) => {
  it('client and server agree on the right password, and the client checks the server', () => {
    const s = server(m, { 'al,i=ce': 'pässword' });
    const c = new ScramClient(m, 'al,i=ce', 'pässword');
    const first = s.respond(c.first());
    expect(first.done).toBe(false);
    const last = s.respond(c.final(first.token));
    expect(last.done).toBe(true);
    expect(s.user).toBe('al,i=ce'); // =2C / =3D escaping both ways
    expect(() => c.verify(last.token)).not.toThrow();
    expect(() => c.verify(Buffer.from('v=AAAA'))).toThrow(ScramError);
  });

  it('a wrong password or an unknown user fails at the proof', () => {
    for (const [user, pw] of [
      ['alice', 'wrong'],
      ['mallory', 'secret'],
    ]) {
      const s = server(m, { alice: 'secret' });
      const c = new ScramClient(m, user, pw);
      const first = s.respond(c.first());
      expect(() => s.respond(c.final(first.token))).toThrow(/bad proof|unknown user/);
    }
  });

  it("accepts librdkafka's client-final nonce (its own nonce once more in front)", () => {
    const s = server(m, { alice: 'secret' });
    const c = new ScramClient(m, 'alice', 'secret');
    const clientFirst = c.first().toString();
    const cnonce = /r=([^,]+)/.exec(clientFirst)![1];
    const serverFirst = s.respond(Buffer.from(clientFirst)).token;
    const final = c.final(serverFirst).toString();
    // librdkafka 2.0 sends r=<cnonce><server r>; the proof is over that text
    const combined = /r=([^,]+)/.exec(serverFirst.toString())![1];
    const quirky = final.replace(`r=${combined}`, `r=${cnonce}${combined}`);
    expect(() => s.respond(Buffer.from(quirky))).toThrow(/bad proof/); // the proof no longer fits the text, but the nonce passed
  });
});
