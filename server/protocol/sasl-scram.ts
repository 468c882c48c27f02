// SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802 / RFC 7677) as Kafka runs them inside
// SaslAuthenticate: client-first → server-first (nonce, salt, iterations) → client-final
// with the proof → server-final with the server's signature. Both sides live here: the
// embedded broker runs ScramServer, the dashboard's cluster client runs ScramClient, and
// each tests the other (kcat, kafkajs and confluent-kafka keep both honest).
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

const escapeName = (s: string) => s.replace(/=/g, '=3D').replace(/,/g, '=2C');

/** The client side: two steps, and a check of the server's signature at the end. */
export class ScramClient {
  private readonly cnonce = randomBytes(24).toString('base64url');
  private readonly clientFirstBare: string;
  private serverSignature: Buffer | null = null;

  constructor(
    private readonly mechanism: ScramMechanism,
    user: string,
    private readonly password: string,
  ) {
    this.clientFirstBare = `n=${escapeName(user)},r=${this.cnonce}`;
  }

  first(): Buffer {
    return Buffer.from(`n,,${this.clientFirstBare}`);
  }

  /** The client-final message for the server-first message. */
  final(serverFirst: Buffer): Buffer {
    const text = serverFirst.toString('utf8');
    const attrs = attributes(text.split(',').slice(0, 3).join(','));
    const nonce = attrs.get('r') ?? '';
    const salt = Buffer.from(attrs.get('s') ?? '', 'base64');
    const iterations = Number(attrs.get('i'));
    if (!nonce.startsWith(this.cnonce) || nonce.length <= this.cnonce.length) throw new ScramError('the server nonce does not extend ours');
    if (!Number.isInteger(iterations) || iterations < 1 || salt.length === 0) throw new ScramError('malformed server-first message');
    const m = this.mechanism;
    const salted = pbkdf2Sync(this.password.normalize('NFKC'), salt, iterations, HASH[m].bytes, HASH[m].name);
    const clientKey = hmac(m, salted, 'Client Key');
    const withoutProof = `c=biws,r=${nonce}`;
    const authMessage = `${this.clientFirstBare},${text},${withoutProof}`;
    const signature = hmac(m, hash(m, clientKey), authMessage);
    const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]));
    this.serverSignature = hmac(m, hmac(m, salted, 'Server Key'), authMessage);
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`);
  }

  /** Checks the server-final message: the server knew the password too. */
  verify(serverFinal: Buffer): void {
    const v = /^v=([^,]*)/.exec(serverFinal.toString('utf8'));
    const given = v ? Buffer.from(v[1], 'base64') : Buffer.alloc(0);
    if (!this.serverSignature || given.length !== this.serverSignature.length || !timingSafeEqual(given, this.serverSignature)) {
      throw new ScramError('the server signature does not match: this is not the server that holds the credentials');
    }
  }
}
