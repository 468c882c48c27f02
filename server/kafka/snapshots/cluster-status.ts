// Whether the cluster answers, and who it is: what the header shows on every page.
import type { ClusterResponse } from '../../../lib/contract/cluster';
import type { Cluster } from '../cluster';

const STATUS_TIMEOUT_MS = 4000;

export async function clusterStatus(cluster: Cluster): Promise<ClusterResponse> {
  const { id, name, mode, bootstrap, readOnly, client, tls, saslMechanism } = cluster;
  const base = { id, name, mode, bootstrap, readOnly, security: { tls, saslMechanism }, checkedAt: Date.now() };
  try {
    const md = await Promise.race([
      client.metadata([]),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${STATUS_TIMEOUT_MS / 1000} s`)), STATUS_TIMEOUT_MS)),
    ]);
    return { ...base, reachable: true, problem: null, clusterId: md.clusterId, controllerId: md.controllerId, brokers: md.brokers, downBrokers: downBrokers(cluster) };
  } catch (e) {
    return { ...base, reachable: false, problem: (e as Error).message, clusterId: null, controllerId: null, brokers: [], downBrokers: downBrokers(cluster) };
  }
}

/** The brokers the client has seen that do not answer now (or left the metadata). */
function downBrokers(cluster: Cluster): ClusterResponse['downBrokers'] {
  return cluster.client
    .brokerHealth()
    .filter((b) => !b.up)
    .map(({ nodeId, address, since, problem }) => ({ nodeId, address, since, problem }));
}
