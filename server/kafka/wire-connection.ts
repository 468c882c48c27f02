// A plain Kafka protocol connection built on our own codecs: for what kafkajs lacks
// (group-less partition reads, log-dir sizes, admin offset commits) and for tests that
// need to send exact requests. Requests are pipelined; answers are matched by correlation id.
import net from 'node:net';
import type { ApiSpec } from '../protocol/codec';
import { writeRequestHeader } from '../protocol/header';
import { Reader, Writer } from '../protocol/primitives';

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

  static connect(host: string, port: number, opts: { clientId?: string; timeoutMs?: number } = {}): Promise<WireConnection> {
    const timeoutMs = opts.timeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connect to ${host}:${port} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new WireConnection(socket, opts.clientId ?? 'offsetscope', timeoutMs));
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
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
