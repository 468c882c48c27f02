// The embedded broker: one TCP (or TLS) listener per configured listener and node in front
// of the cluster state; control() takes nodes down and up and moves leaders (the stdin
// commands). startBroker() is what `npm run broker`, `npm start` and every integration
// test use.
import net from 'node:net';
import tls from 'node:tls';
import { DEFAULTS, type BrokerConfig } from './config';
import { Connection } from './connection';
import { FramePool } from './frame-pool';
import { applyCommand } from './control/apply';
import type { ControlCommand } from './control/commands';
import { NodeListeners, type ServerFactory } from './node-listeners';
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
  /**
   * Applies a stdin command (control/commands.ts): `down K`, `up K`, `rotate`. Commands run
   * one after another; a command that cannot apply rejects with the reason and changes nothing.
   */
  control(cmd: ControlCommand): Promise<void>;
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
  // frames up to 16 MiB are pooled (a produce of librdkafka's default batch.size is 1 MB)
  const framePool = new FramePool(config.framePoolBytes, Math.min(16 << 20, config.framePoolBytes));
  let lastRefusalLog = 0;
  const makeServer = (nodeId: number): ServerFactory => (l, index, track) => {
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
      track(socket); // the node drops it when it goes down
      new Connection(socket, state, config, l, sec, topology, nodeId, index, framePool);
    };
    const server = usesTls(l) ? tls.createServer({ cert: material!.cert, key: material!.key }, accept) : net.createServer(accept);
    if (usesTls(l)) server.on('tlsClientError', () => {}); // a client that fails the handshake is its own problem
    return server;
  };
  const nodeListeners = new Map<number, NodeListeners>();
  const nodes: { nodeId: number; listeners: Listener[] }[] = [];
  try {
    for (const [n, nodeId] of topology.nodeIds.entries()) {
      // Node n listens on each configured port + n (or a free port each, for port 0).
      const specs = listeners.map((spec) => ({ ...spec, port: spec.port === 0 ? 0 : spec.port + n }));
      const node = new NodeListeners(nodeId, specs, makeServer(nodeId));
      nodeListeners.set(nodeId, node);
      const bound = await node.listen();
      topology.setListeners(nodeId, bound);
      nodes.push({ nodeId, listeners: bound });
    }
  } catch (e) {
    await Promise.all([...nodeListeners.values()].map((n) => n.close()));
    state.close();
    throw e;
  }
  const bound = nodes[0].listeners;
  config.port = bound[0].port;
  let closing: Promise<void> | null = null;
  const closeNodes = () => {
    const done = Promise.all([...nodeListeners.values()].map((n) => n.close()));
    for (const s of sockets) s.destroy(); // server.close waits for open connections otherwise
    return done;
  };
  // stdin commands run one at a time: `up 1` sent right after `down 1` must find it down
  let controls = Promise.resolve();
  return {
    host: bound[0].host,
    port: bound[0].port,
    listeners: bound,
    nodes,
    caFile: material?.caFile ?? null,
    config,
    state,
    close() {
      closing ??= closeNodes().then(() => state.close());
      return closing;
    },
    crash() {
      closing ??= closeNodes().then(() => state.abandon());
      return closing;
    },
    control(cmd) {
      const run = controls.then(() => {
        if (closing) throw new Error('the broker is stopping');
        return applyCommand(cmd, { topology, nodes: nodeListeners, log });
      });
      controls = run.catch(() => {});
      return run;
    },
  };
}
