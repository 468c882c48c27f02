// The dashboard's view of one Kafka cluster (embedded or external) through our own codecs:
// one connection per broker, reused across requests and re-opened when a broker comes
// back; every request version negotiated from the broker's ApiVersions answer; short
// timeouts so an unreachable cluster is reported within seconds, never a hang.
import type { ApiSpec } from '../../protocol/codec';
import { ApiVersions } from '../../protocol/18-api-versions';
import { Metadata } from '../../protocol/03-metadata';
import { ClusterUnreachableError, isClusterUnreachable } from '../errors';
import { SaslAuthenticationError, WireConnection, type SaslOptions, type TlsOptions } from './wire-connection';

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}
export interface PartitionMeta {
  partition: number;
  errorCode: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
}
export interface TopicMeta {
  name: string;
  errorCode: number;
  internal: boolean;
  partitions: PartitionMeta[];
}
export interface ClusterMetadata {
  clusterId: string | null;
  controllerId: number;
  brokers: BrokerInfo[];
  topics: TopicMeta[];
}

export interface ClusterClientOptions {
  clientId?: string;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  tls?: TlsOptions;
  sasl?: SaslOptions;
}

interface Link {
  conn: WireConnection;
  versions: Map<number, { min: number; max: number }>;
}

export class ClusterClient {
  private readonly links = new Map<string, Promise<Link>>();
  /** ApiVersions answers, kept after a link closes. */
  private readonly known = new Map<string, Map<number, { min: number; max: number }>>();
  private nodes = new Map<number, BrokerInfo>();
  private readonly connectTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly clientId: string;
  private readonly tls: TlsOptions | undefined;
  private readonly sasl: SaslOptions | undefined;

  constructor(
    readonly bootstrap: string[],
    opts: ClusterClientOptions = {},
  ) {
    if (bootstrap.length === 0) throw new Error('no bootstrap brokers given');
    this.clientId = opts.clientId ?? 'offsetscope';
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 2500;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 4000;
    this.tls = opts.tls;
    this.sasl = opts.sasl;
  }

  private link(address: string): Promise<Link> {
    let l = this.links.get(address);
    if (!l) {
      l = this.openLink(address);
      this.links.set(address, l);
      l.catch(() => this.links.delete(address));
    }
    return l;
  }

  private async openLink(address: string, clientId = this.clientId): Promise<Link> {
    const i = address.lastIndexOf(':');
    const host = address.slice(0, i);
    const port = Number(address.slice(i + 1));
    let conn: WireConnection;
    try {
      conn = await WireConnection.connect(host, port, { clientId, timeoutMs: this.connectTimeoutMs, tls: this.tls, sasl: this.sasl });
    } catch (e) {
      if (e instanceof SaslAuthenticationError) throw new ClusterUnreachableError(`broker ${address} refused the credentials: ${e.message}`);
      throw new ClusterUnreachableError(`cannot reach broker ${address}: ${(e as Error).message}`);
    }
    try {
      const res = await conn.request(ApiVersions, 0, {}, this.requestTimeoutMs);
      const versions = new Map(res.apiKeys.map((k) => [k.apiKey, { min: k.minVersion, max: k.maxVersion }]));
      this.known.set(address, versions);
      return { conn, versions };
    } catch (e) {
      conn.close();
      throw new ClusterUnreachableError(`broker ${address} did not answer ApiVersions: ${(e as Error).message}`);
    }
  }

  private addressOf(nodeId: number): string {
    const b = this.nodes.get(nodeId);
    if (!b) throw new ClusterUnreachableError(`broker ${nodeId} is not in the cluster metadata`);
    return `${b.host}:${b.port}`;
  }

  /** The highest version both our codec and the broker support. */
  private pick(link: Link, api: ApiSpec<unknown, unknown>): number {
    const range = link.versions.get(api.key);
    if (!range) throw new ClusterUnreachableError(`the broker does not support ${api.name}`);
    const v = Math.min(api.maxVersion, range.max);
    if (v < Math.max(api.minVersion, range.min)) {
      throw new ClusterUnreachableError(`no common ${api.name} version (broker ${range.min}–${range.max}, offsetscope ${api.minVersion}–${api.maxVersion})`);
    }
    return v;
  }

  private async send<Req, Res>(address: string, api: ApiSpec<Req, Res>, build: (version: number) => Req): Promise<Res> {
    const link = await this.link(address);
    const version = this.pick(link, api as ApiSpec<unknown, unknown>);
    try {
      return await link.conn.request(api, version, build(version), this.requestTimeoutMs);
    } catch (e) {
      // A dead or stuck connection is dropped so the next call opens a fresh one.
      link.conn.close();
      this.links.delete(address);
      throw new ClusterUnreachableError(`${api.name} to ${address} failed: ${(e as Error).message}`);
    }
  }

  /** Sends to any reachable broker (bootstrap list first, then known nodes). */
  async any<Req, Res>(api: ApiSpec<Req, Res>, build: (version: number) => Req): Promise<Res> {
    const candidates = [...new Set([...this.links.keys(), ...this.bootstrap, ...[...this.nodes.values()].map((b) => `${b.host}:${b.port}`)])];
    let last: Error | null = null;
    for (const address of candidates) {
      try {
        return await this.send(address, api, build);
      } catch (e) {
        last = e as Error;
        if (!isClusterUnreachable(e)) throw e;
      }
    }
    throw last ?? new ClusterUnreachableError('no broker reachable');
  }

  /**
   * A connection of its own to one broker, for long-polling Fetches (live tail): a broker
   * answers each connection's requests in order, so a waiting Fetch on the shared
   * connection would hold up every other request. Lab members use one each, under their
   * own client id (what the group's member list shows). The caller closes it.
   */
  async dedicated(nodeId: number, clientId?: string): Promise<{ request<Req, Res>(api: ApiSpec<Req, Res>, build: (version: number) => Req, timeoutMs?: number): Promise<Res>; close(): void }> {
    const link = await this.openLink(this.addressOf(nodeId), clientId);
    return {
      request: (api, build, timeoutMs) => {
        const version = this.pick(link, api as ApiSpec<unknown, unknown>);
        return link.conn.request(api, version, build(version), timeoutMs ?? this.requestTimeoutMs);
      },
      close: () => link.conn.close(),
    };
  }

  async toNode<Req, Res>(nodeId: number, api: ApiSpec<Req, Res>, build: (version: number) => Req): Promise<Res> {
    return this.send(this.addressOf(nodeId), api, build);
  }

  /**
   * Whether a broker we have talked to advertises an API. Unknown brokers count as
   * supporting it; the request itself then says otherwise.
   */
  supports(nodeId: number, apiKey: number): boolean {
    const b = this.nodes.get(nodeId);
    const known = b ? this.known.get(`${b.host}:${b.port}`) : undefined;
    return known ? known.has(apiKey) : true;
  }

  async metadata(topics: string[] | null): Promise<ClusterMetadata> {
    const res = await this.any(Metadata, () => ({
      topics: topics === null ? null : topics.map((name) => ({ name })),
      allowAutoTopicCreation: false, // the dashboard never creates topics by looking at them
    }));
    this.nodes = new Map(res.brokers.map((b) => [b.nodeId, { nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack }]));
    return {
      clusterId: res.clusterId,
      controllerId: res.controllerId,
      brokers: res.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
      topics: res.topics.map((t) => ({
        name: t.name,
        errorCode: t.errorCode,
        internal: t.isInternal,
        partitions: t.partitions
          .map((p) => ({
            partition: p.partitionIndex,
            errorCode: p.errorCode,
            leader: p.leaderId,
            replicas: p.replicaNodes,
            isr: p.isrNodes,
            offlineReplicas: p.offlineReplicas,
          }))
          .sort((a, b) => a.partition - b.partition),
      })),
    };
  }

  close(): void {
    for (const l of this.links.values()) l.then((x) => x.conn.close()).catch(() => {});
    this.links.clear();
  }
}
