// One node's listeners and the connections they accepted. With --nodes N each node has its
// own, so `down K` can stop node K alone as when that broker process dies — its ports
// refuse, its clients' connections drop — and `up K` listens again on the same ports, where
// clients' bootstrap lists and cached metadata expect it.
import type net from 'node:net';
import type { Listener } from './security/listeners';

/** Makes the server for one listener; `track` is handed every connection it accepts. */
export type ServerFactory = (listener: Listener, index: number, track: (socket: net.Socket) => void) => net.Server;

export class NodeListeners {
  /** Connections of this node: raw TCP sockets from the start (a TLS handshake in progress too) and what was accepted. */
  private readonly sockets = new Set<net.Socket>();
  private servers: net.Server[] = [];
  /** The listeners as bound: a port 0 becomes the port it got, so `up` comes back on the same one. */
  private bound: Listener[] | null = null;

  constructor(
    readonly nodeId: number,
    private readonly specs: Listener[],
    private readonly createServer: ServerFactory,
  ) {}

  get listening(): boolean {
    return this.servers.length > 0;
  }

  get listeners(): Listener[] {
    return this.bound ?? this.specs;
  }

  /** Listens on every listener, or on none: a port that cannot be had closes the ones opened. */
  async listen(): Promise<Listener[]> {
    if (this.listening) return this.listeners;
    const track = (s: net.Socket) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    };
    const servers: net.Server[] = [];
    try {
      for (const [index, l] of this.listeners.entries()) {
        const server = this.createServer(l, index, track);
        server.on('connection', track);
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(l.port, l.host, () => {
            server.off('error', reject);
            resolve();
          });
        });
        servers.push(server);
      }
    } catch (e) {
      await Promise.all(servers.map(closeServer));
      throw e;
    }
    this.servers = servers;
    this.bound ??= this.specs.map((l, i) => ({ ...l, port: (servers[i].address() as net.AddressInfo).port }));
    return this.bound;
  }

  /** Stops accepting and destroys every connection; resolves once the ports are released. */
  close(): Promise<void> {
    const closing = Promise.all(this.servers.map(closeServer)).then(() => {});
    this.servers = [];
    // server.close waits for open connections; a dead broker's connections just end
    for (const s of this.sockets) s.destroy();
    return closing;
  }
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
