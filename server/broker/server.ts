// The embedded broker: a TCP listener in front of the cluster state. startBroker() is what
// `npm run broker`, `npm start` and every integration test use.
import net from 'node:net';
import { DEFAULTS, type BrokerConfig } from './config';
import { Connection } from './connection';
import { ClusterState } from './state/cluster';

export interface Broker {
  host: string;
  port: number;
  config: BrokerConfig;
  state: ClusterState;
  close(): Promise<void>;
}

export async function startBroker(
  overrides: Partial<BrokerConfig> = {},
  log: (msg: string) => void = (m) => console.error(`[broker] ${m}`),
): Promise<Broker> {
  const config: BrokerConfig = { ...DEFAULTS, ...overrides };
  const state = new ClusterState(config, log);
  state.load();
  await state.loadGroups();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new Connection(socket, state, config);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as net.AddressInfo;
  config.port = addr.port;
  let closing: Promise<void> | null = null;
  return {
    host: config.host,
    port: addr.port,
    config,
    state,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }).then(() => state.close());
      return closing;
    },
  };
}
