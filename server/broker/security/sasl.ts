// SASL on the broker: the users (from --sasl-users / --sasl-users-file), the mechanisms
// (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) and one exchange per connection, driven by the
// SaslHandshake and SaslAuthenticate handlers. Passwords are kept only as SCRAM
// credentials and a hash for PLAIN; none is ever logged.
import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { ScramError, ScramServer, scramCredential, type ScramCredential, type ScramMechanism } from '../../protocol/sasl-scram';

export const MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type Mechanism = (typeof MECHANISMS)[number];

interface User {
  plain: Buffer; // sha256 of the password, compared in constant time
  scram: Record<ScramMechanism, ScramCredential>;
}

const sha = (s: string) => createHash('sha256').update(s).digest();

export class SaslUsers {
  private readonly users = new Map<string, User>();

  /** `name:password` entries: a comma list (flag) and/or one per line (file); the first ':' splits. */
  static parse(list: string, file: string): SaslUsers {
    const u = new SaslUsers();
    const entries = [...(list ? list.split(',') : []), ...(file ? fs.readFileSync(file, 'utf8').split(/\r?\n/) : [])];
    for (const raw of entries) {
      const e = raw.trim();
      if (!e || e.startsWith('#')) continue;
      const i = e.indexOf(':');
      if (i <= 0) throw new Error(`a SASL user is name:password (got an entry without ':'${file ? ` in ${file}` : ''})`);
      u.add(e.slice(0, i), e.slice(i + 1));
    }
    return u;
  }

  add(name: string, password: string): void {
    this.users.set(name, {
      plain: sha(password),
      scram: { 'SCRAM-SHA-256': scramCredential('SCRAM-SHA-256', password), 'SCRAM-SHA-512': scramCredential('SCRAM-SHA-512', password) },
    });
  }

  get size(): number {
    return this.users.size;
  }

  checkPlain(name: string, password: string): boolean {
    const u = this.users.get(name);
    const given = sha(password);
    // compare even for an unknown user, so timing does not tell who exists
    return timingSafeEqual(given, u?.plain ?? sha(`\u0000${password}`)) && u !== undefined;
  }

  scram(m: ScramMechanism, name: string): ScramCredential | undefined {
    return this.users.get(name)?.scram[m];
  }
}

export class AuthenticationFailed extends Error {
  constructor(
    message: string,
    /** Why, for the broker's log (never a password). */
    readonly reason = message,
  ) {
    super(message);
  }
}

/** One connection's SASL exchange. */
export class SaslExchange {
  private scram: ScramServer | null = null;
  principal: string | null = null;

  constructor(
    readonly mechanism: Mechanism,
    private readonly users: SaslUsers,
  ) {
    if (mechanism !== 'PLAIN') this.scram = new ScramServer(mechanism, (n) => users.scram(mechanism, n));
  }

  /** The answer token, and whether the client is now authenticated. Throws AuthenticationFailed. */
  step(token: Buffer): { token: Buffer; done: boolean } {
    if (this.mechanism === 'PLAIN') {
      // authzid NUL authcid NUL password
      const parts = token.toString('utf8').split('\u0000');
      if (parts.length !== 3) throw new AuthenticationFailed('Authentication failed: malformed PLAIN token');
      const [authz, user, password] = parts;
      if ((authz && authz !== user) || !this.users.checkPlain(user, password)) throw new AuthenticationFailed('Authentication failed: Invalid username or password');
      this.principal = user;
      return { token: Buffer.alloc(0), done: true };
    }
    try {
      const r = this.scram!.respond(token);
      if (r.done) this.principal = this.scram!.user;
      return r;
    } catch (e) {
      if (e instanceof ScramError) throw new AuthenticationFailed(`Authentication failed during authentication due to invalid credentials with SASL mechanism ${this.mechanism}`, e.message);
      throw e;
    }
  }
}
