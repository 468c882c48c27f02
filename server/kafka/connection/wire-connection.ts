// A plain Kafka protocol connection built on our own codecs: for what kafkajs lacks
// (group-less partition reads, log-dir sizes, admin offset commits) and for tests that
// need to send exact requests. Requests are pipelined; answers are matched by correlation id.
import net from 'node:net';
import tls from 'node:tls';
import { SaslAuthenticate } from '../../protocol/36-sasl-authenticate';
import { SaslHandshake } from '../../protocol/17-sasl-handshake';
import type { ApiSpec } from '../../protocol/codec';
import { errorName } from '../../protocol/errors';
import { ScramClient, ScramError } from '../../protocol/sasl-scram';
import { writeRequestHeader } from '../../protocol/header';
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

interface Pending {
  resolve(frame: Buffer): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

export class WireConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private chunks: Buffer[] = [];
  private buffered = 0;
  private closedError: Error | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly clientId: string,
    private readonly timeoutMs: number,
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
    const conn = new WireConnection(socket, opts.clientId ?? 'offsetscope', timeoutMs);
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

  private failAll(e: Error): void {
    this.closedError ??= e;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(e);
    }
    this.pending.clear();
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
      const id = frame.readInt32BE(0);
      const p = this.pending.get(id);
      if (p) {
        this.pending.delete(id);
        clearTimeout(p.timer);
        p.resolve(frame);
      }
    }
  }

  /** Sends raw bytes as one frame body and waits for the answer frame (after the size). */
  sendRaw(body: Buffer, correlationId: number, timeoutMs = this.timeoutMs): Promise<Buffer> {
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId);
        reject(new Error(`request ${correlationId} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(correlationId, { resolve, reject, timer });
      const size = Buffer.allocUnsafe(4);
      size.writeInt32BE(body.length);
      this.socket.cork();
      this.socket.write(size);
      this.socket.write(body);
      this.socket.uncork();
    });
  }

  async request<Req, Res>(api: ApiSpec<Req, Res>, version: number, req: Req, timeoutMs?: number): Promise<Res> {
    const correlationId = this.nextId++;
    const w = new Writer();
    writeRequestHeader(w, { apiKey: api.key, apiVersion: version, correlationId, clientId: this.clientId });
    api.request.write(w, req, version);
    const frame = await this.sendRaw(w.toBuffer(), correlationId, timeoutMs);
    return api.response.read(new Reader(frame, 4), version);
  }

  close(): void {
    this.socket.destroy();
  }
}
