import { ScopedLink } from '../ui/ScopedLink';
import type { ClusterResponse } from '@/lib/contract/cluster';
import type { useStartDemo } from '@/lib/queries/cluster';
import { focusRing } from '../ui/Button';
import { cx } from '../ui/cx';
import { StartDemoButton } from './StartDemo';

/** The cluster has no topics of its own yet: say what to do next. */
export function EmptyState({ cluster, demo }: { cluster: ClusterResponse; demo: ReturnType<typeof useStartDemo> }) {
  return (
    <section
      aria-labelledby="empty-title"
      className="rounded-lg border border-dashed border-zinc-300 bg-white p-6 dark:border-zinc-700 dark:bg-zinc-900"
      data-testid="empty-state"
    >
      <h2 id="empty-title" className="text-base font-semibold">
        This cluster has no topics yet
      </h2>
      {cluster.readOnly ? (
        <p className="mt-2 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
          offsetscope runs read-only here, so it cannot create topics. Create one with any Kafka client, for example{' '}
          <code className="font-mono">kcat -b {cluster.bootstrap} -t my-topic -P</code> (if the broker auto-creates topics), and it appears here within seconds.
        </p>
      ) : (
        <>
          <p className="mt-2 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
            Create a topic to start, or start the demo: it creates four topics (<code className="font-mono">test_topic</code>,{' '}
            <code className="font-mono">orders</code>, <code className="font-mono">payments</code>, <code className="font-mono">clickstream</code>) and
            keeps producing a few records every second so the numbers move. Any Kafka client works too:{' '}
            <code className="font-mono">kcat -b {cluster.bootstrap} -L</code>.
          </p>
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <StartDemoButton cluster={cluster} demo={demo} />
            <ScopedLink
              href="/topics?create=1"
              className={cx(
                'inline-flex items-center rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800',
                focusRing,
              )}
            >
              Create a topic
            </ScopedLink>
          </div>
        </>
      )}
    </section>
  );
}
