// The dashboard's connection to its cluster, shared by every route handler. Next.js
// bundles route handlers and instrumentation separately, so the instance lives on
// globalThis: one per process, not one per bundle. The cluster is the default one of
// OFFSETSCOPE_CONFIG's file, else KAFKA_BROKERS, else the embedded broker.
import { ClusterClient } from './connection/cluster-client';
import { brokerList, loadClusterConfig } from './cluster-config';

export interface DashboardCluster {
  id: string;
  name: string;
  mode: 'embedded' | 'external';
  bootstrap: string;
  readOnly: boolean;
  /** Whether it is reached with TLS / SASL (shown; the settings themselves never are). */
  tls: boolean;
  saslMechanism: string | null;
  client: ClusterClient;
}

const KEY = Symbol.for('offsetscope.clusters');
type Holder = { [KEY]?: DashboardCluster[] };

function load(): DashboardCluster[] {
  const envReadOnly = process.env.READ_ONLY === '1' || process.env.READ_ONLY === 'true';
  const file = process.env.OFFSETSCOPE_CONFIG?.trim();
  if (file) {
    // the default cluster first: it answers the unprefixed routes
    return loadClusterConfig(file)
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault))
      .map((c) => ({
        id: c.id,
        name: c.name,
        mode: 'external' as const,
        bootstrap: c.bootstrap.join(','),
        readOnly: envReadOnly || c.readOnly,
        tls: c.tls !== undefined,
        saslMechanism: c.sasl?.mechanism ?? null,
        client: new ClusterClient(c.bootstrap, { clientId: 'offsetscope-dashboard', tls: c.tls, sasl: c.sasl }),
      }));
  }
  const bootstrap = process.env.KAFKA_BROKERS?.trim() || '127.0.0.1:9092';
  const mode = process.env.OFFSETSCOPE_MODE === 'external' ? 'external' : process.env.OFFSETSCOPE_MODE === 'embedded' ? 'embedded' : process.env.KAFKA_BROKERS ? 'external' : 'embedded';
  return [
    {
      id: 'default',
      name: mode === 'embedded' ? 'embedded' : bootstrap,
      mode,
      bootstrap,
      readOnly: envReadOnly,
      tls: false,
      saslMechanism: null,
      client: new ClusterClient(brokerList(bootstrap), { clientId: 'offsetscope-dashboard' }),
    },
  ];
}

/** Every cluster this dashboard serves, the default one first. */
export function dashboardClusters(): DashboardCluster[] {
  const g = globalThis as Holder;
  return (g[KEY] ??= load());
}

/** The default cluster: the one the unprefixed routes and pages serve. */
export function dashboardCluster(): DashboardCluster {
  return dashboardClusters()[0];
}

export function clusterById(id: string): DashboardCluster | undefined {
  return dashboardClusters().find((c) => c.id === id);
}
