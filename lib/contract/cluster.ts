import { z } from 'zod';

export const Broker = z.object({
  nodeId: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  rack: z.string().nullable(),
});
export type Broker = z.infer<typeof Broker>;

/** GET /api/cluster */
export const ClusterResponse = z.object({
  /** The cluster's id (its name in OFFSETSCOPE_CONFIG, else "default") and display name. */
  id: z.string(),
  name: z.string(),
  mode: z.enum(['embedded', 'external']),
  /** How the dashboard reaches it; the credentials themselves never leave the server. */
  security: z.object({ tls: z.boolean(), saslMechanism: z.string().nullable() }),
  bootstrap: z.string(),
  readOnly: z.boolean(),
  reachable: z.boolean(),
  /** Why the cluster is unreachable, when it is. */
  problem: z.string().nullable(),
  clusterId: z.string().nullable(),
  controllerId: z.number().int().nullable(),
  brokers: z.array(Broker),
  /** Brokers seen before that do not answer now or left the metadata (a broker that died), with since when and why. */
  downBrokers: z.array(z.object({ nodeId: z.number().int(), address: z.string(), since: z.number(), problem: z.string().nullable() })),
  /** When the server last heard from the cluster (epoch ms), reachable or not. */
  checkedAt: z.number(),
});
export type ClusterResponse = z.infer<typeof ClusterResponse>;

/** GET /api/clusters: every configured cluster, the default (unprefixed routes) first. */
export const ClustersResponse = z.object({
  clusters: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      mode: z.enum(['embedded', 'external']),
      bootstrap: z.string(),
      readOnly: z.boolean(),
      security: z.object({ tls: z.boolean(), saslMechanism: z.string().nullable() }),
      default: z.boolean(),
    }),
  ),
});
export type ClustersResponse = z.infer<typeof ClustersResponse>;

/** GET /api/cluster/history: totals sampled by the server since it started. */
export const HistoryResponse = z.object({
  intervalMs: z.number(),
  samples: z.array(z.object({ t: z.number(), messages: z.number(), bytes: z.number(), topics: z.number(), partitions: z.number() })),
});
export type HistoryResponse = z.infer<typeof HistoryResponse>;

/** POST /api/demo: creates the demo topics and starts a slow producer (embedded broker only, or when asked). */
export const DemoRequest = z.object({ confirmExternal: z.boolean().optional() }).strict();
export const DemoResponse = z.object({ topics: z.array(z.string()), producing: z.boolean() });
export type DemoResponse = z.infer<typeof DemoResponse>;
