// The dashboard's view of one Kafka cluster (embedded or external) through our own codecs:
// one connection per broker, reused across requests and re-opened when a broker comes
// back; every request version negotiated from the broker's ApiVersions answer; short
// timeouts so an unreachable cluster is reported within seconds, never a hang. Bootstrap
// brokers are dialled in parallel (the first to answer serves), and each broker's health
// (up, or down since when and why) is kept for the screens and /metrics.
import type { ApiSpec } from '../../protocol/codec';
import { errorName } from '../../protocol/errors';
import { OFFSETSCOPE_VERSION } from '../../version';
import { Metadata } from '../../protocol/03-metadata';
import { ClusterUnreachableError, isClusterUnreachable } from '../errors';
import { RequestTimeoutError, SaslAuthenticationError, WireConnection, type SaslOptions, type TlsOptions } from './wire-connection';

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

/** Requests on one shared broker connection at once; the rest queue (a broker answers in order anyway). */
const MAX_IN_FLIGHT = 5;

export interface BrokerHealth {
  nodeId: number;
  address: string;
  up: boolean;
  /** When it was last seen to change (ms), or when first seen. */
  since: number;
  /** Why it is down. */
  problem: string | null;
}

/** How we name ourselves in ApiVersions v3 (a broker may log it or use it in client metrics). */
const SOFTWARE = { name: 'offsetscope', version: OFFSETSCOPE_VERSION };

/**
 * The highest version both our client and a broker's advertised range cover; null when
 * none. Our client goes up to the API's clientMaxVersion where it has one (a version its
 * call sites cannot fill in, e.g. Fetch by topic id), else to what the codec covers.
 */
function commonVersion(api: { minVersion: number; maxVersion: number; clientMaxVersion?: number }, range: { min: number; max: number }): number | null {
  const v = Math.min(api.clientMaxVersion ?? api.maxVersion, range.max);
  return v >= Math.max(api.minVersion, range.min) ? v : null;
}

export class ClusterClient {
  private readonly links = new Map<string, Promise<Link>>();
  /** The links that have opened (and not closed since), for requests any broker can answer. */
  private readonly ready = new Map<string, Link>();
  /** ApiVersions answers, kept after a link closes. */
  private readonly known = new Map<string, Map<number, { min: number; max: number }>>();
  private nodes = new Map<number, BrokerInfo>();
  /** Every broker some metadata listed, kept when a later answer leaves it out (it died). */
  private readonly everSeen = new Map<number, BrokerInfo>();
  /** When each broker of everSeen was first missing from the metadata (cleared when it is back). */
  private readonly missingSince = new Map<number, number>();
  private readonly health = new Map<string, { up: boolean; since: number; problem: string | null }>();
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
      l.then(
        (x) => {
          this.mark(address, true, null);
          this.ready.set(address, x);
          // closed by the peer while idle: the next request opens a fresh one
          x.conn.onClose(() => {
            if (this.links.get(address) === l) this.links.delete(address);
            if (this.ready.get(address) === x) this.ready.delete(address);
          });
        },
        (e: Error) => {
          this.mark(address, false, e.message);
          if (this.links.get(address) === l) this.links.delete(address);
        },
      );
    }
    return l;
  }

  private mark(address: string, up: boolean, problem: string | null): void {
    const h = this.health.get(address);
    if (!h || h.up !== up) this.health.set(address, { up, since: Date.now(), problem });
    else h.problem = problem;
  }

  /** Each broker ever listed in metadata: whether it answers, and since when. */
  brokerHealth(): BrokerHealth[] {
    return [...this.everSeen.values()]
      .sort((a, b) => a.nodeId - b.nodeId)
      .map((b) => {
        const address = `${b.host}:${b.port}`;
        const h = this.health.get(address);
        if (!this.nodes.has(b.nodeId)) {
          const since = Math.min(this.missingSince.get(b.nodeId) ?? Date.now(), h && !h.up ? h.since : Infinity);
          return { nodeId: b.nodeId, address, up: false, since, problem: h && !h.up && h.problem ? h.problem : 'not in the cluster metadata any more' };
        }
        return { nodeId: b.nodeId, address, up: h ? h.up : true, since: h?.since ?? Date.now(), problem: h?.up === false ? h.problem : null };
      });
  }

  /** The health of one broker, by node id (null if never seen). */
  brokerState(nodeId: number): BrokerHealth | null {
    return this.brokerHealth().find((b) => b.nodeId === nodeId) ?? null;
  }

  private async openLink(address: string, clientId = this.clientId): Promise<Link> {
    const i = address.lastIndexOf(':');
    const host = address.slice(0, i);
    const port = Number(address.slice(i + 1));
    let conn: WireConnection;
    try {
      conn = await WireConnection.connect(host, port, { clientId, timeoutMs: this.connectTimeoutMs, tls: this.tls, sasl: this.sasl, maxInFlight: MAX_IN_FLIGHT });
    } catch (e) {
      if (e instanceof SaslAuthenticationError) throw new ClusterUnreachableError(`broker ${address} refused the credentials: ${e.message}`);
      throw new ClusterUnreachableError(`cannot reach broker ${address}: ${(e as Error).message}`);
    }
    try {
      const res = await conn.apiVersions(SOFTWARE, this.requestTimeoutMs);
      if (res.errorCode !== 0) throw new Error(errorName(res.errorCode));
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
    if (!b) throw new ClusterUnreachableError(`broker ${nodeId} is not in the cluster metadata${this.everSeen.has(nodeId) ? ' (it left it: down?)' : ''}`);
    return `${b.host}:${b.port}`;
  }

  /** The highest version both our client and the broker support. */
  private pick(link: Link, api: ApiSpec<unknown, unknown>): number {
    const range = link.versions.get(api.key);
    if (!range) throw new ClusterUnreachableError(`the broker does not support ${api.name}`);
    const v = commonVersion(api, range);
    if (v === null) {
      throw new ClusterUnreachableError(`no common ${api.name} version (broker ${range.min}–${range.max}, offsetscope ${api.minVersion}–${api.clientMaxVersion ?? api.maxVersion})`);
    }
    return v;
  }

  /** The version `api` would be sent in to this broker, once its ApiVersions answer is known (null before, or when there is none in common). */
  versionFor<Req, Res>(nodeId: number, api: ApiSpec<Req, Res>): number | null {
    const b = this.nodes.get(nodeId);
    const range = b ? this.known.get(`${b.host}:${b.port}`)?.get(api.key) : undefined;
    return range ? commonVersion(api, range) : null;
  }

  private async send<Req, Res>(address: string, api: ApiSpec<Req, Res>, build: (version: number) => Req, link?: Link): Promise<Res> {
    link ??= await this.link(address);
    const version = this.pick(link, api as ApiSpec<unknown, unknown>);
    try {
      return await link.conn.request(api, version, build(version), this.requestTimeoutMs);
    } catch (e) {
      // A timed-out request fails alone (the connection decides whether its peer is gone);
      // any other failure means the connection is: the next call opens a fresh one.
      if (!(e instanceof RequestTimeoutError)) {
        link.conn.close();
        this.links.delete(address);
        this.ready.delete(address);
        this.mark(address, false, (e as Error).message);
      }
      throw new ClusterUnreachableError(`${api.name} to ${this.describe(address)} failed: ${(e as Error).message}`);
    }
  }

  /** "broker 2 (host:port)" when the address is a known node, else the address. */
  private describe(address: string): string {
    for (const b of this.everSeen.values()) if (`${b.host}:${b.port}` === address) return `broker ${b.nodeId} (${address})`;
    return address;
  }

  /**
   * A connection to any broker: one already open if there is one, else every candidate
   * (bootstrap list and known nodes) dialled at once and the first to answer kept, so a
   * list of dead brokers costs one connect timeout, not one each.
   */
  private async anyLink(): Promise<{ address: string; link: Link }> {
    for (const [address, link] of this.ready) if (!link.conn.closed) return { address, link };
    const candidates = [...new Set([...this.bootstrap, ...[...this.nodes.values()].map((b) => `${b.host}:${b.port}`)])];
    try {
      return await Promise.any(candidates.map(async (address) => ({ address, link: await this.link(address) })));
    } catch (e) {
      const reasons = e instanceof AggregateError ? e.errors.map((x: Error) => x.message) : [(e as Error).message];
      throw new ClusterUnreachableError(reasons.length === 1 ? reasons[0] : `no broker answered: ${reasons.join('; ')}`);
    }
  }

  /** Whether the broker `any()` would ask serves a version of `api` we can send: from its ApiVersions answer, no request. */
  async anyServes<Req, Res>(api: ApiSpec<Req, Res>): Promise<boolean> {
    const { link } = await this.anyLink();
    const range = link.versions.get(api.key);
    return range !== undefined && commonVersion(api, range) !== null;
  }

  /** Sends to any reachable broker; once more on another if the connection fails midway. */
  async any<Req, Res>(api: ApiSpec<Req, Res>, build: (version: number) => Req): Promise<Res> {
    const first = await this.anyLink();
    try {
      return await this.send(first.address, api, build, first.link);
    } catch (e) {
      if (!isClusterUnreachable(e) || !first.link.conn.closed) throw e;
      const again = await this.anyLink();
      return this.send(again.address, api, build, again.link);
    }
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
    for (const b of this.nodes.values()) this.everSeen.set(b.nodeId, b);
    const now = Date.now();
    for (const [id, b] of this.everSeen) {
      if (this.nodes.has(id)) {
        // back in the metadata after it had left it (a broker restarted): up until a request to it fails again
        if (this.missingSince.delete(id)) this.health.delete(`${b.host}:${b.port}`);
      } else if (!this.missingSince.has(id)) this.missingSince.set(id, now);
    }
    return {
      clusterId: res.clusterId,
      controllerId: res.controllerId,
      brokers: res.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
      // a name is null (v12+) only for a topic asked for by id, which the dashboard never does
      topics: res.topics.flatMap(({ name, ...t }) => (name === null ? [] : [{ name, ...t }])).map((t) => ({
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
    this.ready.clear();
  }
}
