// What every handler file exports: the API it serves, the versions it advertises (the
// ApiVersions answer is built from these, so it cannot drift from the code), and the
// function that turns a decoded request into a response.
import type { ApiSpec } from '../../protocol/codec';
import type { BrokerConfig } from '../config';
import type { Listener } from '../security/listeners';
import type { Mechanism, SaslExchange, SaslUsers } from '../security/sasl';
import type { ClusterState } from '../state/cluster';
import type { Topology } from '../state/topology';

export interface ConnectionInfo {
  /** The node this connection reached (one of several with --nodes). */
  nodeId: number;
  /** Which of the node's listeners, to advertise the other nodes on the same kind. */
  listenerIndex: number;
  /** The address the client reached us on: what Metadata advertises back. */
  localHost: string;
  localPort: number;
  /** host:port of the client, for logs. */
  remote: string;
  /** The client's address alone (what Kafka reports as a member's client host, with a leading '/'). */
  remoteHost: string;
  closed: boolean;
  security: ConnectionSecurity;
  /** What the client called its software in ApiVersions v3 (null before, or with an older version). */
  clientSoftware: { name: string; version: string } | null;
}

export interface ConnectionSecurity {
  listener: Listener;
  /** Whether the listener demands SASL and the client has not passed it yet. */
  authenticated: boolean;
  exchange: SaslExchange | null;
  users: SaslUsers;
  mechanisms: Mechanism[];
  /** Set by a handler whose answer must be the last on this connection (failed authentication). */
  closeAfterReply: boolean;
}

export interface HandlerContext {
  state: ClusterState;
  config: BrokerConfig;
  topology: Topology;
  conn: ConnectionInfo;
  version: number;
  clientId: string | null;
  advertised: readonly { apiKey: number; minVersion: number; maxVersion: number }[];
}

/** Returned by a handler when the protocol says nothing is sent back (Produce with acks=0). */
export const NO_RESPONSE = Symbol('no response');

export interface Handler<Req = unknown, Res = unknown> {
  api: ApiSpec<Req, Res>;
  minVersion: number;
  maxVersion: number;
  handle(req: Req, ctx: HandlerContext): Res | typeof NO_RESPONSE | Promise<Res | typeof NO_RESPONSE>;
}

export function handler<Req, Res>(h: Handler<Req, Res>): Handler<Req, Res> {
  return h;
}

/** The host and port to advertise for a node (this one by default), on the listener the client used. */
export function advertisedAddress(ctx: HandlerContext, nodeId = ctx.conn.nodeId): { host: string; port: number } {
  const host = ctx.config.advertisedHost ?? ctx.conn.localHost;
  if (nodeId === ctx.conn.nodeId) return { host, port: ctx.conn.localPort };
  return { host, port: ctx.topology.address(nodeId, ctx.conn.listenerIndex).port };
}

/** Whether this node leads the partition: per-partition requests go to the leader only. */
export function leads(ctx: HandlerContext, topic: string, partition: number): boolean {
  return ctx.topology.leaderOf(topic, partition) === ctx.conn.nodeId;
}

/** Whether this node coordinates the group: group requests go to the coordinator only. */
export function coordinates(ctx: HandlerContext, groupId: string): boolean {
  return ctx.topology.coordinatorOf(groupId) === ctx.conn.nodeId;
}
