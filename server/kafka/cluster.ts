// The dashboard's connection to its cluster, shared by every route handler. Next.js
// bundles route handlers and instrumentation separately, so the instance lives on
// globalThis: one per process, not one per bundle. The cluster is the default one of
// OFFSETSCOPE_CONFIG's file, else KAFKA_BROKERS, else the embedded broker.
import { ClusterClient } from './cluster-client';
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

const KEY = Symbol.for('offsetscope.cluster');
type Holder = { [KEY]?: DashboardCluster };

export function dashboardCluster(): DashboardCluster {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    const envReadOnly = process.env.READ_ONLY === '1' || process.env.READ_ONLY === 'true';
    const file = process.env.OFFSETSCOPE_CONFIG?.trim();
    if (file) {
      const c = loadClusterConfig(file).find((x) => x.isDefault)!;
      g[KEY] = {
        id: c.id,
        name: c.name,
        mode: 'external',
        bootstrap: c.bootstrap.join(','),
        readOnly: envReadOnly || c.readOnly,
        tls: c.tls !== undefined,
        saslMechanism: c.sasl?.mechanism ?? null,
        client: new ClusterClient(c.bootstrap, { clientId: 'offsetscope-dashboard', tls: c.tls, sasl: c.sasl }),
      };
      return g[KEY]!;
    }
    const bootstrap = process.env.KAFKA_BROKERS?.trim() || '127.0.0.1:9092';
    g[KEY] = {
      id: 'default',
      name: process.env.KAFKA_BROKERS ? bootstrap : 'embedded',
      tls: false,
      saslMechanism: null,
      mode: process.env.OFFSETSCOPE_MODE === 'external' ? 'external' : process.env.OFFSETSCOPE_MODE === 'embedded' ? 'embedded' : process.env.KAFKA_BROKERS ? 'external' : 'embedded',
      bootstrap,
      readOnly: envReadOnly,
      client: new ClusterClient(brokerList(bootstrap), { clientId: 'offsetscope-dashboard' }),
    };
  }
  return g[KEY]!;
}
