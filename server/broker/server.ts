// The embedded broker: one TCP (or TLS) listener per configured listener in front of the
// cluster state. startBroker() is what `npm run broker`, `npm start` and every
// integration test use.
import net from 'node:net';
import tls from 'node:tls';
import { DEFAULTS, type BrokerConfig } from './config';
import { Connection } from './connection';
import { parseListeners, usesSasl, usesTls, type Listener } from './security/listeners';
import { MECHANISMS, SaslUsers, type Mechanism } from './security/sasl';
import { tlsMaterial } from './security/tls';
import { ClusterState } from './state/cluster';
import { Topology } from './state/topology';
import { OFFSETS_TOPIC } from '../protocol/consumer-offsets';

export interface Broker {
  /** The first listener's address. */
  host: string;
  port: number;
  /** The first node's listeners with the ports they got (port 0 asks for a free one). */
  listeners: Listener[];
  /** Every node (one unless --nodes) with its listeners. */
  nodes: { nodeId: number; listeners: Listener[] }[];
  /** The CA clients verify SSL listeners with, when the broker made its own certificate. */
  caFile: string | null;
  config: BrokerConfig;
  state: ClusterState;
  close(): Promise<void>;
  /** Stops as kill -9 would (no flush, checkpoint or clean-shutdown marker): for recovery tests. */
  crash(): Promise<void>;
}

export interface BrokerSecurity {
  users: SaslUsers;
  mechanisms: Mechanism[];
}

function security(config: BrokerConfig, listeners: Listener[]): BrokerSecurity {
  const mechanisms = config.saslEnabledMechanisms
    .split(',')
    .map((m) => m.trim().toUpperCase())
    .filter(Boolean) as Mechanism[];
  for (const m of mechanisms) if (!MECHANISMS.includes(m)) throw new Error(`unknown SASL mechanism ${m} (known: ${MECHANISMS.join(', ')})`);
  const users = SaslUsers.parse(config.saslUsers, config.saslUsersFile);
  if (listeners.some(usesSasl) && users.size === 0) throw new Error('a SASL listener needs users: --sasl-user name:password or --sasl-users-file FILE');
  return { users, mechanisms };
}

export async function startBroker(
  overrides: Partial<BrokerConfig> = {},
  log: (msg: string) => void = (m) => console.error(`[broker] ${m}`),
): Promise<Broker> {
  const config: BrokerConfig = { ...DEFAULTS, ...overrides };
  const listeners = parseListeners(config.listeners, config.host, config.port);
  const sec = security(config, listeners);
  const material = listeners.some(usesTls)
    ? await tlsMaterial({ certFile: config.sslCertFile, keyFile: config.sslKeyFile, dataDir: config.dataDir, hosts: listeners.map((l) => l.host) }, log)
    : null;
  const state = new ClusterState(config, log);
  state.load();
  await state.loadGroups();
  const topology = new Topology(config.nodeId, config.nodes, () => state.topics.get(OFFSETS_TOPIC)?.partitions.length ?? config.offsetsTopicNumPartitions);
  const sockets = new Set<net.Socket>();
  let lastRefusalLog = 0;
  const servers: net.Server[] = [];
  const nodes: { nodeId: number; listeners: Listener[] }[] = [];
  try {
    for (const [n, nodeId] of topology.nodeIds.entries()) {
      const bound: Listener[] = [];
      for (const [index, spec] of listeners.entries()) {
        // Node n listens on each configured port + n (or a free port each, for port 0).
        const l = { ...spec, port: spec.port === 0 ? 0 : spec.port + n };
        const accept = (socket: net.Socket) => {
          if (sockets.size >= config.maxConnections) {
            // only the newcomer is turned away; every open connection keeps being served
            const now = Date.now();
            if (now - lastRefusalLog > 10_000) {
              lastRefusalLog = now;
              log(`refusing a connection from ${socket.remoteAddress}: ${sockets.size} are open (max.connections ${config.maxConnections})`);
            }
            socket.destroy();
            return;
          }
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          new Connection(socket, state, config, l, sec, topology, nodeId, index);
        };
        const server = usesTls(l) ? tls.createServer({ cert: material!.cert, key: material!.key }, accept) : net.createServer(accept);
        if (usesTls(l)) server.on('tlsClientError', () => {}); // a client that fails the handshake is its own problem
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(l.port, l.host, () => {
            server.off('error', reject);
            resolve();
          });
        });
        servers.push(server);
        bound.push({ ...l, port: (server.address() as net.AddressInfo).port });
      }
      topology.setListeners(nodeId, bound);
      nodes.push({ nodeId, listeners: bound });
    }
  } catch (e) {
    for (const s of servers) s.close();
    state.close();
    throw e;
  }
  const bound = nodes[0].listeners;
  config.port = bound[0].port;
  let closing: Promise<void> | null = null;
  return {
    host: bound[0].host,
    port: bound[0].port,
    listeners: bound,
    nodes,
    caFile: material?.caFile ?? null,
    config,
    state,
    close() {
      closing ??= Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))).then(() => state.close());
      for (const s of sockets) s.destroy(); // server.close waits for open connections otherwise
      return closing;
    },
    crash() {
      closing ??= Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))).then(() => state.abandon());
      for (const s of sockets) s.destroy();
      return closing;
    },
  };
}
