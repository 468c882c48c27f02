// The cluster's brokers from its metadata, and below them those seen before that do not
// answer now (a broker that died leaves the metadata): "down since …" with the reason.
import type { ClusterResponse } from '@/lib/contract/cluster';
import { formatAgo } from '@/lib/format';
import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';

export function BrokersCard({ cluster, className }: { cluster: ClusterResponse | undefined; className?: string }) {
  const brokers = [...(cluster?.brokers ?? [])].sort((a, b) => a.nodeId - b.nodeId);
  return (
    <Card id="brokers" title={`Brokers${cluster ? ` (${brokers.length})` : ''}`} className={className}>
      {!cluster ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
      ) : brokers.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{cluster.reachable ? 'The cluster lists no brokers.' : 'No broker answers right now.'}</p>
      ) : (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {brokers.map((b) => (
            <li key={b.nodeId} data-testid={`broker-${b.nodeId}`} className="flex items-center gap-3 py-2 text-sm">
              <span className="w-14 text-zinc-500 tabular-nums dark:text-zinc-400">id {b.nodeId}</span>
              <code className="font-mono">
                {b.host}:{b.port}
              </code>
              {b.rack && <span className="text-xs text-zinc-500 dark:text-zinc-400">rack {b.rack}</span>}
              {b.nodeId === cluster.controllerId && (
                <Badge tone="info" className="ml-auto">
                  controller
                </Badge>
              )}
            </li>
          ))}
        </ul>
      )}
      {cluster && cluster.downBrokers.length > 0 && (
        <ul className="mt-2 divide-y divide-zinc-100 border-t border-zinc-100 dark:divide-zinc-800 dark:border-zinc-800">
          {cluster.downBrokers.map((b) => (
            <li key={b.nodeId} data-testid={`broker-down-${b.nodeId}`} className="flex items-center gap-3 py-2 text-sm" title={b.problem ?? undefined}>
              <span className="w-14 text-zinc-500 tabular-nums dark:text-zinc-400">id {b.nodeId}</span>
              <code className="font-mono text-zinc-500 dark:text-zinc-400">{b.address}</code>
              <Badge tone="danger" className="ml-auto">
                down since {formatAgo(b.since, cluster.checkedAt)}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      {cluster?.clusterId && <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">cluster id <code className="font-mono">{cluster.clusterId}</code></p>}
    </Card>
  );
}
