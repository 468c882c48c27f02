'use client';
// Shown while the cluster (or the offsetscope server itself) does not answer: the numbers
// on screen stay, and the banner says how old they are. It goes away by itself with the
// next good answer, since useCluster keeps polling.
import { useEffect, useState } from 'react';
import { formatAgo } from '@/lib/format';
import { useCluster } from '@/lib/queries/cluster';
import { useNow } from '../ui/useNow';

export function StaleBanner() {
  const cluster = useCluster();
  const c = cluster.data;
  const serverDown = cluster.isError;
  const clusterDown = !serverDown && c !== undefined && !c.reachable;

  // When we last heard the cluster answer: that is how old the numbers on screen are.
  const [lastGoodAt, setLastGoodAt] = useState<number | null>(null);
  useEffect(() => {
    if (!cluster.isError && c?.reachable) setLastGoodAt(cluster.dataUpdatedAt);
  }, [c, cluster.isError, cluster.dataUpdatedAt]);

  const now = useNow();
  if (!serverDown && !clusterDown) return null;

  const what = serverDown ? 'The offsetscope server is unreachable' : `The Kafka cluster${c ? ` at ${c.bootstrap}` : ''} is unreachable`;
  const why = serverDown ? cluster.error?.message : c?.problem;
  const ago = lastGoodAt !== null && now !== null ? formatAgo(lastGoodAt, now) : null;
  const age =
    ago !== null
      ? `The numbers shown are the last known ones, from ${ago === 'just now' ? 'a moment ago' : ago}.`
      : 'The numbers shown are the last known ones (none have arrived since this page was opened).';

  return (
    <div role="alert" className="border-b border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
      <div className="mx-auto max-w-7xl px-4 py-2 text-sm sm:px-6">
        <strong className="font-semibold">{what}</strong>
        {why ? <span> ({why})</span> : null}. {age} They refresh by themselves when it answers again.
      </div>
    </div>
  );
}
