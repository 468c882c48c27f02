// A plain Kafka protocol connection built on our own codecs: for what kafkajs lacks
// (group-less partition reads, log-dir sizes, admin offset commits) and for tests that
// need to send exact requests. Requests are pipelined (at most `maxInFlight` on the wire,
// the rest queued); answers are matched by correlation id. A request's timeout counts from
// when it is written, and a timed-out request fails alone while other answers keep
// arriving: the connection is dropped only when nothing at all has arrived since that
// request went out, which is how a dead peer looks. (A request alone on its connection
// that times out is indistinguishable from a dead peer, so callers give a long poll a
// timeout longer than its max wait.)
import net from 'node:net';
import tls from 'node:tls';
import { SaslAuthenticate } from '../../protocol/36-sasl-authenticate';
import { SaslHandshake } from '../../protocol/17-sasl-handshake';
import { ApiVersions } from '../../protocol/18-api-versions';
import { isFlexible, type ApiSpec, type Infer } from '../../protocol/codec';
import { ErrorCode, errorName } from '../../protocol/errors';
import { ScramClient, ScramError } from '../../protocol/sasl-scram';
import { responseHeaderHasTags, writeRequestHeader } from '../../protocol/header';
import { Reader, Writer } from '../../protocol/primitives';

export interface TlsOptions {
  /** PEM of the CA(s) to trust; the system's when absent. */
  ca?: string;
  /** Client certificate and key (PEM), for clusters that ask for one. */
  cert?: string;
  key?: string;
  /** Check the broker's certificate and host name (default true). */
  verify?: boolean;
}

export interface SaslOptions {
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
}

export interface ConnectOptions {
  clientId?: string;
  timeoutMs?: number;
  /** Requests on the wire at once; more wait their turn (default unbounded). */
  maxInFlight?: number;
  tls?: TlsOptions;
  sasl?: SaslOptions;
}

/** The broker refused the credentials: retrying will not help. Never carries the password. */
export class SaslAuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SaslAuthenticationError';
  }
}

/** A request that got no answer in time; the connection may still be fine. */
export class RequestTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestTimeoutError';
  }
}

interface Pending {
  resolve(frame: Buffer): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout | null;
}

interface Queued {
  body: Buffer;
  correlationId: number;
  timeoutMs: number;
  resolve(frame: Buffer): void;
  reject(e: Error): void;
}

export class WireConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private chunks: Buffer[] = [];
  private buffered = 0;
  private closedError: Error | null = null;
  private readonly queue: Queued[] = [];
  /** Bumped by every frame that arrives: tells a slow answer from a dead peer. */
  private framesIn = 0;

  private constructor(
    private readonly socket: net.Socket,
    private readonly clientId: string,
    private readonly timeoutMs: number,
    private readonly maxInFlight: number,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (d) => this.onData(d));
    socket.on('error', (e) => this.failAll(e));
    socket.on('close', () => this.failAll(new Error('connection closed by the broker')));
  }

  static async connect(host: string, port: number, opts: ConnectOptions = {}): Promise<WireConnection> {
    const timeoutMs = opts.timeoutMs ?? 5000;
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const t = opts.tls;
      const s = t
        ? tls.connect({ host, port, ca: t.ca, cert: t.cert, key: t.key, rejectUnauthorized: t.verify !== false, servername: net.isIP(host) ? undefined : host })
        : net.connect({ host, port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new Error(`connect to ${host}:${port} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      s.once(t ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once('error', (e) => {
        clearTimeout(timer);
        reject(t && /certificate|self.signed|altnames|SSL|TLS/i.test(e.message) ? new Error(`TLS: ${e.message}`) : e);
      });
    });
    const conn = new WireConnection(socket, opts.clientId ?? 'offsetscope', timeoutMs, opts.maxInFlight ?? Infinity);
    if (opts.sasl) {
      try {
        await conn.authenticate(opts.sasl);
      } catch (e) {
        conn.close();
        throw e;
      }
    }
    return conn;
  }

  /** SaslHandshake v1, then the mechanism's exchange in SaslAuthenticate v0 requests. */
  private async authenticate(sasl: SaslOptions): Promise<void> {
    const mechanism = sasl.mechanism.toUpperCase();
    const hs = await this.request(SaslHandshake, 1, { mechanism });
    if (hs.errorCode !== 0) {
      throw new SaslAuthenticationError(`the broker does not offer SASL ${mechanism} (${errorName(hs.errorCode)}; it offers ${hs.mechanisms.join(', ') || 'none'})`);
    }
    const step = async (token: Buffer) => {
      const res = await this.request(SaslAuthenticate, 0, { authBytes: token });
      if (res.errorCode !== 0) throw new SaslAuthenticationError(`SASL ${mechanism} authentication of user '${sasl.username}' failed: ${res.errorMessage ?? errorName(res.errorCode)}`);
      return res.authBytes;
    };
    if (sasl.mechanism === 'plain') {
      await step(Buffer.from(`\u0000${sasl.username}\u0000${sasl.password}`));
      return;
    }
    const scram = new ScramClient(mechanism as 'SCRAM-SHA-256' | 'SCRAM-SHA-512', sasl.username, sasl.password);
    try {
      const serverFirst = await step(scram.first());
      scram.verify(await step(scram.final(serverFirst)));
    } catch (e) {
      if (e instanceof ScramError) throw new SaslAuthenticationError(`SASL ${mechanism} with user '${sasl.username}': ${e.message}`);
      throw e;
    }
  }

  get closed(): boolean {
    return this.closedError !== null;
  }

  /** Calls `fn` once the connection has closed (at once if it already has). */
  onClose(fn: () => void): void {
    if (this.closedError) fn();
    else this.socket.once('close', fn);
  }

  /** Requests written and not yet answered, and requests waiting to be written. */
  get load(): { inFlight: number; queued: number } {
    return { inFlight: this.pending.size, queued: this.queue.length };
  }

  private failAll(e: Error): void {
    this.closedError ??= e;
    for (const p of this.pending.values()) {
      if (p.timer) clearTimeout(p.timer);
      p.reject(e);
    }
    this.pending.clear();
    for (const q of this.queue.splice(0)) q.reject(e);
  }

  private onData(d: Buffer): void {
    this.chunks.push(d);
    this.buffered += d.length;
    while (this.buffered >= 4) {
      if (this.chunks[0].length < 4) this.chunks = [Buffer.concat(this.chunks)];
      const size = this.chunks[0].readInt32BE(0);
      if (this.buffered < 4 + size) return; // join once the whole frame is here, not at every read
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
      const frame = all.subarray(4, 4 + size);
      const rest = all.subarray(4 + size);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      this.framesIn++;
      const id = frame.readInt32BE(0);
      const p = this.pending.get(id);
      if (p) {
        this.pending.delete(id);
        if (p.timer) clearTimeout(p.timer);
        p.resolve(frame);
      }
      this.pump();
    }
  }

  /** Writes queued requests while there is room on the wire. */
  private pump(): void {
    while (this.queue.length && this.pending.size < this.maxInFlight && !this.closedError) this.write(this.queue.shift()!);
  }

  private write(q: Queued): void {
    const p: Pending = { resolve: q.resolve, reject: q.reject, timer: null };
    this.pending.set(q.correlationId, p);
    const seenBefore = this.framesIn;
    p.timer = setTimeout(() => {
      if (this.pending.get(q.correlationId) !== p) return;
      this.pending.delete(q.correlationId);
      q.reject(new RequestTimeoutError(`request ${q.correlationId} got no answer within ${q.timeoutMs} ms`));
      // Nothing came back on this connection since the request went out: the peer is gone
      // (or stuck), and every other request on it would wait out its timeout too.
      if (this.framesIn === seenBefore) {
        this.failAll(new Error(`no answer on the connection for ${q.timeoutMs} ms`));
        this.socket.destroy();
      } else this.pump();
    }, q.timeoutMs);
    const size = Buffer.allocUnsafe(4);
    size.writeInt32BE(q.body.length);
    this.socket.cork();
    this.socket.write(size);
    this.socket.write(q.body);
    this.socket.uncork();
  }

  /** Sends raw bytes as one frame body and waits for the answer frame (after the size). */
  sendRaw(body: Buffer, correlationId: number, timeoutMs = this.timeoutMs): Promise<Buffer> {
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => {
      this.queue.push({ body, correlationId, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  async request<Req, Res>(api: ApiSpec<Req, Res>, version: number, req: Req, timeoutMs?: number): Promise<Res> {
    const correlationId = this.nextId++;
    const flexible = isFlexible(api, version);
    const w = new Writer();
    writeRequestHeader(w, { apiKey: api.key, apiVersion: version, correlationId, clientId: this.clientId }, flexible);
    w.flexible = flexible;
    api.request.write(w, req, version);
    const frame = await this.sendRaw(w.toBuffer(), correlationId, timeoutMs);
    const r = new Reader(frame, 4);
    if (api.key === ApiVersions.key && flexible && frame.length >= 6 && frame.readInt16BE(4) === ErrorCode.UNSUPPORTED_VERSION) {
      throw new UnsupportedApiVersions(ApiVersions.response.read(r, 0));
    }
    if (responseHeaderHasTags(api.key, flexible)) r.skipTags();
    r.flexible = flexible;
    return api.response.read(r, version);
  }

  /**
   * ApiVersions in the newest form we know (v3, naming our software), falling back as Kafka's
   * clients do: a broker that does not know v3 answers UNSUPPORTED_VERSION in v0 form with its
   * own ApiVersions range, and we ask again in the highest version of that range.
   */
  async apiVersions(software: { name: string; version: string }, timeoutMs?: number): Promise<Infer<(typeof ApiVersions)['response']>> {
    const first = await this.request(ApiVersions, ApiVersions.maxVersion, { clientSoftwareName: software.name, clientSoftwareVersion: software.version }, timeoutMs).catch((e: unknown) => {
      if (e instanceof UnsupportedApiVersions) return e;
      throw e;
    });
    if (!(first instanceof UnsupportedApiVersions)) return first;
    const theirs = first.answer.apiKeys.find((k) => k.apiKey === ApiVersions.key);
    const version = Math.min(theirs?.maxVersion ?? 0, ApiVersions.maxVersion - 1);
    return this.request(ApiVersions, Math.max(version, 0), { clientSoftwareName: software.name, clientSoftwareVersion: software.version }, timeoutMs);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A broker's "I do not know that ApiVersions version" answer, read in the v0 form it comes in. */
class UnsupportedApiVersions extends Error {
  constructor(readonly answer: Infer<(typeof ApiVersions)['response']>) {
    super('ApiVersions version not supported by the broker');
  }
}
