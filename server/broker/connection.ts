// One client connection: frames requests (int32 size + message), answers them strictly in
// the order they came (clients pipeline), and closes the connection — only this one — on a
// frame that is too large or cannot be parsed. Flow control: the socket is not read while
// this connection's waiting requests or unsent answers pass their bounds (a client that
// pipelines behind a parked fetch, or never reads, costs a bounded amount of memory), and
// a connection silent for connections.max.idle.ms is closed.
import type net from 'node:net';
import { readRequestHeader, responseHeaderHasTags } from '../protocol/header';
import { isFlexible } from '../protocol/codec';
import { Reader, Writer } from '../protocol/primitives';
import { ErrorCode } from '../protocol/errors';
import type { BrokerConfig } from './config';
import { advertised, handlers } from './handlers/index';
import { usesSasl, type Listener } from './security/listeners';
import type { BrokerSecurity } from './server';
import type { Topology } from './state/topology';
import { NO_RESPONSE, type ConnectionInfo } from './handlers/types';
import type { ClusterState } from './state/cluster';
import type { FramePool } from './frame-pool';

const API_VERSIONS = 18;
const PRODUCE = 0;
/** What a client may send on a SASL listener before it has authenticated. */
const BEFORE_AUTH = new Set([API_VERSIONS, 17, 36]);

function plainHost(addr: string | undefined): string {
  if (!addr) return '127.0.0.1';
  return addr.startsWith('::ffff:') ? addr.slice(7) : addr;
}

/** The advertised ranges with the configured caps applied (config.apiVersionCaps). */
function capped<T extends { apiKey: number; maxVersion: number }>(list: readonly T[], caps: Record<number, number> | undefined): readonly T[] {
  if (!caps) return list;
  return list.map((a) => (caps[a.apiKey] === undefined ? a : { ...a, maxVersion: Math.min(a.maxVersion, caps[a.apiKey]) }));
}

export class Connection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private queue: Buffer[] = [];
  /** Queued frames copied into pooled buffers (the rest are views on socket reads). */
  private readonly pooled = new WeakSet<Buffer>();
  private queuedBytes = 0;
  private busy = false;
  private paused = false;
  private limitLogged = false;
  readonly info: ConnectionInfo;
  /** What ApiVersions answers: the handlers' ranges under the configured caps (worked out once). */
  private readonly advertised: readonly (typeof advertised)[number][];
  /** Our own ApiVersions range among them, named in the answer to a newer ApiVersions. */
  private readonly apiVersionsRange: (typeof advertised)[number] | undefined;

  constructor(
    private readonly socket: net.Socket,
    private readonly state: ClusterState,
    private readonly config: BrokerConfig,
    listener: Listener,
    sec: BrokerSecurity,
    private readonly topology: Topology,
    nodeId: number,
    listenerIndex: number,
    /** Buffers for frames that span socket reads, shared by the broker's connections. */
    private readonly framePool: FramePool,
  ) {
    this.advertised = capped(advertised, config.apiVersionCaps);
    this.apiVersionsRange = this.advertised.find((a) => a.apiKey === API_VERSIONS);
    this.info = {
      nodeId,
      listenerIndex,
      localHost: plainHost(socket.localAddress),
      localPort: socket.localPort ?? config.port,
      remote: `${plainHost(socket.remoteAddress)}:${socket.remotePort}`,
      remoteHost: plainHost(socket.remoteAddress),
      closed: false,
      clientSoftware: null,
      security: { listener, authenticated: !usesSasl(listener), exchange: null, users: sec.users, mechanisms: sec.mechanisms, closeAfterReply: false },
    };
    socket.setNoDelay(true);
    socket.setTimeout(config.connectionsMaxIdleMs);
    socket.on('timeout', () => this.drop(`idle for ${config.connectionsMaxIdleMs} ms (connections.max.idle.ms)`));
    socket.on('drain', () => this.updateFlow());
    socket.on('data', (d) => this.onData(d));
    socket.on('error', () => {}); // a reset by the peer is routine; 'close' follows
    socket.on('close', () => {
      this.info.closed = true;
      this.queue = [];
      this.queuedBytes = 0;
    });
  }

  /** Stops reading while waiting requests or unsent answers are over their bounds; reads again once both are under. */
  private updateFlow(): void {
    if (this.info.closed) return;
    // whole requests waiting; the frame still arriving is bounded by socket.request.max.bytes and must be let in whole
    const queued = this.queuedBytes;
    const unsent = this.socket.writableLength;
    const over = queued > this.config.queuedMaxRequestBytes || unsent > this.config.maxUnsentResponseBytes;
    if (over && !this.paused) {
      this.paused = true;
      this.socket.pause();
      if (!this.limitLogged) {
        this.limitLogged = true; // once per connection: a slow client hits it over and over
        this.state.log(
          `not reading from ${this.info.remote} until it catches up: ${queued} bytes of requests waiting (queued.max.request.bytes ${this.config.queuedMaxRequestBytes}), ${unsent} bytes of answers unsent (max-unsent-response-bytes ${this.config.maxUnsentResponseBytes})`,
        );
      }
    } else if (!over && this.paused) {
      this.paused = false;
      this.socket.resume();
    }
  }

  private drop(reason: string): void {
    this.state.log(`closing connection from ${this.info.remote}: ${reason}`);
    this.info.closed = true;
    this.queue = [];
    this.queuedBytes = 0;
    this.socket.destroy();
  }

  private onData(d: Buffer): void {
    if (this.info.closed) return;
    this.chunks.push(d);
    this.buffered += d.length;
    while (this.buffered >= 4) {
      while (this.chunks[0].length < 4) this.chunks.splice(0, 2, Buffer.concat([this.chunks[0], this.chunks[1]]));
      const size = this.chunks[0].readInt32BE(0);
      // before SASL authentication a frame may be only as large as the handshake needs (Kafka: 512 KB)
      const [max, setting] = this.info.security.authenticated ? [this.config.socketRequestMaxBytes, 'socket.request.max.bytes'] : [this.config.saslServerMaxReceiveSize, 'sasl.server.max.receive.size'];
      if (size < 8 || size > max) {
        this.drop(`frame size ${size} outside 8..${max} (${setting})`);
        return;
      }
      // Join the pieces only once the whole frame is here: a large produce arrives in many
      // reads, and joining at each would copy it over and over. A frame inside one read is
      // a view on it; one across reads is copied once, into a pooled buffer (frame-pool.ts).
      if (this.buffered < 4 + size) break;
      let frame: Buffer;
      if (this.chunks[0].length >= 4 + size) {
        frame = this.chunks[0].subarray(4, 4 + size);
        this.takeBytes(4 + size, null);
      } else {
        this.takeBytes(4, null);
        frame = this.framePool.take(size);
        this.pooled.add(frame);
        this.takeBytes(size, frame);
      }
      this.queue.push(frame);
      this.queuedBytes += size;
    }
    this.updateFlow();
    if (!this.busy) void this.pump();
  }

  /** Takes n bytes off the front of what was read, copied into `into` (or dropped when null). */
  private takeBytes(n: number, into: Buffer | null): void {
    this.buffered -= n;
    let at = 0;
    while (n > 0) {
      const c = this.chunks[0];
      const k = Math.min(n, c.length);
      if (into) c.copy(into, at, 0, k);
      at += k;
      n -= k;
      if (k === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
  }

  private async pump(): Promise<void> {
    this.busy = true;
    let turnStarted = performance.now();
    try {
      while (this.queue.length && !this.info.closed) {
        // a client that does not read its answers gets no more until it does
        if (this.socket.writableLength > this.config.maxUnsentResponseBytes) {
          await new Promise<void>((resolve) => {
            const done = () => {
              this.socket.off('drain', done);
              this.socket.off('close', done);
              resolve();
            };
            this.socket.on('drain', done);
            this.socket.on('close', done);
          });
          continue;
        }
        const frame = this.queue.shift()!;
        this.queuedBytes -= frame.length;
        await this.handle(frame);
        // a Produce keeps nothing of its frame once handled (its batches are written): the buffer can serve the next one
        if (this.pooled.has(frame) && frame.readInt16BE(0) === PRODUCE) this.framePool.give(frame);
        this.updateFlow();
        // let other connections have a turn every few milliseconds: a client pipelining
        // hundreds of requests must not hold up the rest
        if (this.queue.length && performance.now() - turnStarted > 5) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          turnStarted = performance.now();
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private send(correlationId: number, body: (w: Writer) => void): void {
    if (this.info.closed) return;
    const w = new Writer(512);
    w.clipLongStrings = true; // an echoed name that grew past 32767 bytes is cut, not fatal
    w.int32(0); // size, patched below
    w.int32(correlationId);
    body(w);
    const parts = w.parts();
    parts[0].writeInt32BE(w.length - 4, 0);
    this.socket.cork();
    for (const p of parts) this.socket.write(p);
    this.socket.uncork();
  }

  private async handle(frame: Buffer): Promise<void> {
    const apiKey = frame.readInt16BE(0);
    const version = frame.readInt16BE(2);
    const correlationId = frame.readInt32BE(4);
    const ownRange = this.apiVersionsRange;
    if (apiKey === API_VERSIONS && ownRange && version > ownRange.maxVersion) {
      // An ApiVersions newer than ours (Kafka's Java client sends v4): as Kafka does, a v0
      // body with UNSUPPORTED_VERSION and our own range, which any version can read, so the
      // client retries with the highest we serve.
      this.send(correlationId, (w) => {
        w.int16(ErrorCode.UNSUPPORTED_VERSION).int32(1).int16(API_VERSIONS).int16(ownRange.minVersion).int16(ownRange.maxVersion);
      });
      return;
    }
    const h = handlers.get(apiKey);
    if (!h) return this.drop(`unknown API key ${apiKey}`);
    if (!this.info.security.authenticated && !BEFORE_AUTH.has(apiKey)) {
      // As Kafka does: anything but the handshake before authentication ends the connection.
      return this.drop(`${h.api.name} request before SASL authentication`);
    }
    const maxVersion = Math.min(h.maxVersion, this.config.apiVersionCaps?.[apiKey] ?? Infinity);
    if (version < h.minVersion || version > maxVersion) {
      return this.drop(`${h.api.name} v${version} is not supported (v${h.minVersion}–${maxVersion})`);
    }
    const flexible = isFlexible(h.api, version);
    let seen = this.state.versionsSeen.get(apiKey);
    if (!seen) this.state.versionsSeen.set(apiKey, (seen = new Set()));
    seen.add(version);
    this.state.requestsServed.set(apiKey, (this.state.requestsServed.get(apiKey) ?? 0) + 1);
    let req: unknown;
    let clientId: string | null;
    try {
      const r = new Reader(frame);
      r.elementBudget = this.config.maxRequestElements; // 10 M empty names must not become 10 M objects
      clientId = readRequestHeader(r, flexible).clientId;
      r.flexible = flexible;
      req = h.api.request.read(r, version);
    } catch (e) {
      return this.drop(`malformed ${h.api.name} v${version} request: ${(e as Error).message}`);
    }
    let res: unknown;
    try {
      res = await h.handle(req, { state: this.state, config: this.config, topology: this.topology, conn: this.info, version, clientId, advertised: this.advertised });
    } catch (e) {
      this.state.log(`${h.api.name} v${version} failed: ${(e as Error).stack ?? e}`);
      return this.drop(`internal error in ${h.api.name}`);
    }
    if (res === NO_RESPONSE) return;
    try {
      this.send(correlationId, (w) => {
        if (responseHeaderHasTags(apiKey, flexible)) w.uvarint(0); // response header v1: no tagged fields
        w.flexible = flexible;
        h.api.response.write(w, res, version);
      });
    } catch (e) {
      this.state.log(`${h.api.name} v${version} response could not be encoded: ${(e as Error).stack ?? e}`);
      this.drop(`internal error encoding ${h.api.name}`);
    }
    if (this.info.security.closeAfterReply) {
      this.state.log(`closing connection from ${this.info.remote}: SASL authentication failed`);
      this.info.closed = true;
      this.queue = [];
      this.socket.end(); // after the answer has gone out
    }
  }
}
