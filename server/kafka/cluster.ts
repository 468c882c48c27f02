// One Kafka cluster as the dashboard serves it, and the one owner of everything the
// dashboard keeps about it: the connections and their routing (client, coordinators), the
// topic and group snapshots, the lag sampler with its history and commit log, the totals
// history of the overview chart, the lab's members and the demo producer. Route handlers
// ask it (`cluster.groups.detail(id)`); nothing else holds per-cluster state, so a change
// on one cluster invalidates that cluster's caches only.
import { ClusterClient } from './connection/cluster-client';
import type { ClusterSettings } from './cluster-config';
import { clusterDataDir } from './data-dir';
import { Demo } from './actions/demo';
import { Lab, type LabAdmission } from './lab/lab';
import { Coordinators } from './routing/coordinators';
import { LagSampler } from './sampling/lag-sampler';
import { TotalsHistory } from './sampling/totals-history';
import { GroupsService } from './services/groups';
import { TopicsService } from './services/topics';

export interface ClusterInfo {
  id: string;
  name: string;
  mode: 'embedded' | 'external';
  /** As configured, for display. */
  bootstrap: string;
  readOnly: boolean;
  /** Whether it is reached with TLS / SASL (shown; the settings themselves never are). */
  tls: boolean;
  saslMechanism: string | null;
  /** The default cluster answers the unprefixed routes and keeps the dashboard's old data folders. */
  isDefault: boolean;
}

export class Cluster implements ClusterInfo {
  readonly id: string;
  readonly name: string;
  readonly mode: 'embedded' | 'external';
  readonly bootstrap: string;
  readonly readOnly: boolean;
  readonly tls: boolean;
  readonly saslMechanism: string | null;
  readonly isDefault: boolean;

  readonly client: ClusterClient;
  readonly coordinators: Coordinators;
  readonly topics: TopicsService;
  readonly groups: GroupsService;
  readonly totals: TotalsHistory;
  readonly lab: Lab;
  readonly demo: Demo;
  private lagSampler: LagSampler | null = null;

  constructor(settings: ClusterSettings & { mode: 'embedded' | 'external' }, admission: LabAdmission) {
    this.id = settings.id;
    this.name = settings.name;
    this.mode = settings.mode;
    this.bootstrap = settings.bootstrap.join(',');
    this.readOnly = settings.readOnly;
    this.tls = settings.tls !== undefined;
    this.saslMechanism = settings.sasl?.mechanism ?? null;
    this.isDefault = settings.isDefault;
    this.client = new ClusterClient(settings.bootstrap, { clientId: 'offsetscope-dashboard', tls: settings.tls, sasl: settings.sasl });
    this.coordinators = new Coordinators(this.client);
    this.topics = new TopicsService(this);
    this.groups = new GroupsService(this);
    this.totals = new TotalsHistory(this);
    this.lab = new Lab(this, admission);
    this.demo = new Demo(this);
  }

  /** The lag sampler, started on first use (or by `start`). */
  get sampler(): LagSampler {
    if (!this.lagSampler) {
      this.lagSampler = new LagSampler(this);
      this.lagSampler.start();
    }
    return this.lagSampler;
  }

  /** A folder of this cluster's under the data dir, for what must survive a restart. */
  dataDir(what: string): string {
    return clusterDataDir(this.id, this.isDefault, what);
  }

  /** Begins sampling at server start, so history begins with the server, not the first visit. */
  start(): void {
    this.totals.start();
    void this.sampler;
  }

  /** After a change made through the dashboard: this cluster's next reads are fresh. */
  invalidate(): void {
    this.topics.invalidate();
    this.groups.invalidate();
  }

  info(): ClusterInfo {
    const { id, name, mode, bootstrap, readOnly, tls, saslMechanism, isDefault } = this;
    return { id, name, mode, bootstrap, readOnly, tls, saslMechanism, isDefault };
  }

  close(): void {
    this.lagSampler?.stop();
    this.demo.stop();
    void this.lab.close();
    this.client.close();
  }
}
