// Where the dashboard keeps what must survive a restart (lag history, the reset audit):
// under the data dir it shares with the embedded broker, in a folder of its own.
import path from 'node:path';

export function dashboardDataDir(...parts: string[]): string {
  const dataDir = process.env.OFFSETSCOPE_DATA_DIR || process.env.DATA_DIR || './data';
  // not a path inside the project: Turbopack must not trace it
  return path.join(path.resolve(/* turbopackIgnore: true */ dataDir), 'dashboard', ...parts);
}

/**
 * A cluster's own folder for `what`: the default cluster keeps the folder the dashboard
 * always had (so one-cluster setups never move their files), the others one each.
 */
export function clusterDataDir(clusterId: string, isDefault: boolean, what: string): string {
  return isDefault ? dashboardDataDir(what) : dashboardDataDir('clusters', clusterId, what);
}
