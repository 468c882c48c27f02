// The server side of SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802 / RFC 7677) as Kafka runs
// it: client-first → server-first (nonce, salt, iterations) → client-final with the proof →
// server-final with the server's signature. Credentials are derived once per user.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export type ScramMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
const HASH: Record<ScramMechanism, { name: 'sha256' | 'sha512'; bytes: number }> = {
  'SCRAM-SHA-256': { name: 'sha256', bytes: 32 },
  'SCRAM-SHA-512': { name: 'sha512', bytes: 64 },
};
/** Kafka's minimum for SCRAM credentials. */
export const SCRAM_ITERATIONS = 4096;

export interface ScramCredential {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

const hmac = (m: ScramMechanism, key: Buffer, data: string | Buffer) => createHmac(HASH[m].name, key).update(data).digest();
const hash = (m: ScramMechanism, data: Buffer) => createHash(HASH[m].name).update(data).digest();

export function scramCredential(m: ScramMechanism, password: string, salt = randomBytes(16), iterations = SCRAM_ITERATIONS): ScramCredential {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, HASH[m].bytes, HASH[m].name);
  return { salt, iterations, storedKey: hash(m, hmac(m, salted, 'Client Key')), serverKey: hmac(m, salted, 'Server Key') };
}

/** Thrown for anything that must end the exchange with SASL_AUTHENTICATION_FAILED. */
export class ScramError extends Error {}

function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of s.split(',')) {
    const i = part.indexOf('=');
    if (i !== 1) throw new ScramError(`malformed SCRAM attribute '${part.slice(0, 20)}'`);
    out.set(part[0], part.slice(2));
  }
  return out;
}

/** `=2C` and `=3D` stand for ',' and '=' in SCRAM user names. */
function saslName(s: string): string {
  if (/=(?!2C|3D)/.test(s)) throw new ScramError('malformed user name');
  return s.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

export class ScramServer {
  private step = 0;
  private clientFirstBare = '';
  private serverFirst = '';
  private gs2Header = '';
  private nonce = '';
  private cnonce = '';
  private credential: ScramCredential | undefined;
  user = '';

  constructor(
    private readonly mechanism: ScramMechanism,
    private readonly lookup: (user: string) => ScramCredential | undefined,
  ) {}

  /** One token in, one token out; `done` once the client has proven the password. */
  respond(token: Buffer): { token: Buffer; done: boolean } {
    const text = token.toString('utf8');
    if (this.step === 0) {
      this.step = 1;
      const m = /^([ny]|p=[^,]*),(a=[^,]*)?,(.*)$/s.exec(text);
      if (!m) throw new ScramError('malformed client-first message');
      if (m[1].startsWith('p=')) throw new ScramError('channel binding is not supported');
      this.gs2Header = `${m[1]},${m[2] ?? ''},`;
      this.clientFirstBare = m[3];
      const attrs = attributes(this.clientFirstBare.split(',').slice(0, 2).join(','));
      const user = attrs.get('n');
      const cnonce = attrs.get('r');
      if (user === undefined || !cnonce) throw new ScramError('client-first message without user name or nonce');
      this.user = saslName(user);
      // An unknown user gets made-up values, so the answer does not tell who exists.
      this.credential = this.lookup(this.user);
      const salt = this.credential?.salt ?? randomBytes(16);
      this.cnonce = cnonce;
      this.nonce = cnonce + randomBytes(18).toString('base64url');
      this.serverFirst = `r=${this.nonce},s=${salt.toString('base64')},i=${this.credential?.iterations ?? SCRAM_ITERATIONS}`;
      return { token: Buffer.from(this.serverFirst), done: false };
    }
    if (this.step === 1) {
      this.step = 2;
      const at = text.lastIndexOf(',p=');
      if (at < 0) throw new ScramError('client-final message without proof');
      const withoutProof = text.slice(0, at);
      const attrs = attributes(withoutProof);
      if (attrs.get('c') !== Buffer.from(this.gs2Header).toString('base64')) throw new ScramError('channel binding does not match');
      // librdkafka (2.0 at least) puts its own nonce once more in front; Kafka accepts any
      // nonce that ends with the one it sent, and so do we.
      const r = attrs.get('r') ?? '';
      if (r !== this.nonce && r !== this.cnonce + this.nonce) throw new ScramError('nonce does not match');
      const proof = Buffer.from(text.slice(at + 3), 'base64');
      const c = this.credential;
      if (!c) throw new ScramError('unknown user');
      const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
      const signature = hmac(this.mechanism, c.storedKey, authMessage);
      if (proof.length !== signature.length) throw new ScramError('bad proof');
      const clientKey = Buffer.from(proof.map((b, i) => b ^ signature[i]));
      if (!timingSafeEqual(hash(this.mechanism, clientKey), c.storedKey)) throw new ScramError('bad proof');
      return { token: Buffer.from(`v=${hmac(this.mechanism, c.serverKey, authMessage).toString('base64')}`), done: true };
    }
    throw new ScramError('unexpected SCRAM message after the exchange ended');
  }
}
