// Every cluster this dashboard process serves. Next.js bundles route handlers and
// instrumentation separately, so the list lives on globalThis: one per process, not one
// per bundle. It is the only per-process state of server/kafka; everything about a
// cluster is owned by its Cluster object. The clusters are OFFSETSCOPE_CONFIG's file, else
// KAFKA_BROKERS, else the embedded broker.
import { Cluster } from './cluster';
import { brokerList, loadClusterConfig } from './cluster-config';
import { LabAdmission } from './lab/lab';

const KEY = Symbol.for('offsetscope.clusters');
type Holder = { [KEY]?: Cluster[] };

function load(): Cluster[] {
  const envReadOnly = process.env.READ_ONLY === '1' || process.env.READ_ONLY === 'true';
  // lab members are bounded per process, whichever cluster they join
  const admission = new LabAdmission();
  const file = process.env.OFFSETSCOPE_CONFIG?.trim();
  const configured = file ? loadClusterConfig(file) : [];
  if (configured.length > 0) {
    // the default cluster first: it answers the unprefixed routes
    return configured
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault))
      .map((c, i) => new Cluster({ ...c, isDefault: i === 0, mode: 'external', readOnly: envReadOnly || c.readOnly }, admission));
  }
  const bootstrap = process.env.KAFKA_BROKERS?.trim() || '127.0.0.1:9092';
  const mode = process.env.OFFSETSCOPE_MODE === 'external' ? 'external' : process.env.OFFSETSCOPE_MODE === 'embedded' ? 'embedded' : process.env.KAFKA_BROKERS ? 'external' : 'embedded';
  const c = new Cluster({ id: 'default', name: mode === 'embedded' ? 'embedded' : bootstrap, mode, bootstrap: brokerList(bootstrap), isDefault: true, readOnly: envReadOnly }, admission);
  return [c];
}

/** Every cluster this dashboard serves, the default one first. */
export function dashboardClusters(): Cluster[] {
  const g = globalThis as Holder;
  return (g[KEY] ??= load());
}

/** The default cluster: the one the unprefixed routes and pages serve. */
export function dashboardCluster(): Cluster {
  return dashboardClusters()[0];
}

export function clusterById(id: string): Cluster | undefined {
  return dashboardClusters().find((c) => c.id === id);
}

/** A cluster object for one bootstrap address outside the registry (tests, benchmarks, scripts). */
export function standaloneCluster(bootstrap: string, id = 'direct'): Cluster {
  return new Cluster({ id, name: bootstrap, mode: 'external', bootstrap: brokerList(bootstrap), isDefault: false, readOnly: false }, new LabAdmission());
}
