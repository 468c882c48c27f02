// The dashboard's one connection to its cluster, shared by every route handler. Next.js
// bundles route handlers and instrumentation separately, so the instance lives on
// globalThis: one per process, not one per bundle.
import { ClusterClient } from './cluster-client';

export interface DashboardCluster {
  mode: 'embedded' | 'external';
  bootstrap: string;
  readOnly: boolean;
  client: ClusterClient;
}

const KEY = Symbol.for('offsetscope.cluster');
type Holder = { [KEY]?: DashboardCluster };

export function parseBrokerList(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (/:\d+$/.test(s) ? s : `${s}:9092`));
}

export function dashboardCluster(): DashboardCluster {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    const bootstrap = process.env.KAFKA_BROKERS?.trim() || '127.0.0.1:9092';
    g[KEY] = {
      mode: process.env.OFFSETSCOPE_MODE === 'external' ? 'external' : process.env.OFFSETSCOPE_MODE === 'embedded' ? 'embedded' : process.env.KAFKA_BROKERS ? 'external' : 'embedded',
      bootstrap,
      readOnly: process.env.READ_ONLY === '1' || process.env.READ_ONLY === 'true',
      client: new ClusterClient(parseBrokerList(bootstrap), { clientId: 'offsetscope-dashboard' }),
    };
  }
  return g[KEY]!;
}
