'use client';
// The overview: who the cluster is, totals over its topics, and messages over time.
import { useMemo } from 'react';
import { formatBytes, formatCount } from '@/lib/format';
import { useCluster, useHistory, useStartDemo } from '@/lib/queries/cluster';
import { useTopics } from '@/lib/queries/topics';
import { MessagesChart } from '../charts/lazy';
import { Card } from '../ui/Card';
import { ErrorText, StatusText } from '../ui/Messages';
import { UpdatedAgo } from '../ui/UpdatedAgo';
import { BrokersCard } from './BrokersCard';
import { EmptyState } from './EmptyState';
import { StatCard } from './StatCard';

export function Overview() {
  const cluster = useCluster();
  const topics = useTopics({});
  const history = useHistory();
  const demo = useStartDemo();
  const list = topics.data;

  const totals = useMemo(() => {
    if (!list) return null;
    let partitions = 0;
    let messages = 0;
    let bytes: number | null = 0;
    let underReplicated = 0;
    let offline = 0;
    for (const t of list.topics) {
      partitions += t.partitions;
      messages += t.messages;
      bytes = bytes === null || t.bytes === null ? null : bytes + t.bytes;
      underReplicated += t.underReplicated;
      offline += t.offline;
    }
    return { topics: list.topics.length, internal: list.total - list.topics.length, partitions, messages, bytes, underReplicated, offline };
  }, [list]);

  const c = cluster.data;
  const dash = '—';

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">Overview</h1>
        <UpdatedAgo at={topics.dataUpdatedAt} failed={topics.isError} />
      </div>

      {demo.isSuccess && (
        <StatusText>
          Demo started: {demo.data.topics.join(', ')}. A producer writes a few records every second while offsetscope runs.
        </StatusText>
      )}
      {demo.isError && <ErrorText>The demo could not start: {demo.error.message}</ErrorText>}
      {!list && topics.isError && <ErrorText>The topics could not be loaded: {topics.error.message}</ErrorText>}

      {c && totals && totals.topics === 0 && !demo.isSuccess && <EmptyState cluster={c} demo={demo} />}

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard
          testId="stat-topics"
          label="Topics"
          value={totals ? formatCount(totals.topics) : dash}
          sub={totals && totals.internal > 0 ? `+ ${formatCount(totals.internal)} internal` : 'not counting internal topics'}
        />
        <StatCard
          testId="stat-partitions"
          label="Partitions"
          value={totals ? formatCount(totals.partitions) : dash}
          sub={
            totals && (totals.underReplicated > 0 || totals.offline > 0) ? (
              <span className="text-amber-700 dark:text-amber-400">
                {formatCount(totals.underReplicated)} under-replicated, {formatCount(totals.offline)} offline
              </span>
            ) : (
              'all in sync'
            )
          }
        />
        <StatCard
          testId="stat-messages"
          label="messages (offset span)"
          value={totals ? formatCount(totals.messages) : dash}
          sub="log-end − log-start, summed over partitions"
        />
        <StatCard
          testId="stat-size"
          label="Total size"
          value={totals ? formatBytes(totals.bytes) : dash}
          sub={totals && totals.bytes === null ? 'the cluster does not report log sizes' : 'on disk (leader replicas)'}
        />
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <BrokersCard cluster={c} className="lg:col-span-1" />
        <Card
          id="history"
          title="Messages over time (all topics, internal included)"
          actions={<UpdatedAgo at={history.dataUpdatedAt} failed={history.isError} />}
          className="lg:col-span-2"
        >
          {history.data ? (
            <MessagesChart samples={history.data.samples} />
          ) : history.isError ? (
            <ErrorText>The history could not be loaded: {history.error.message}</ErrorText>
          ) : (
            <div style={{ height: 220 }} className="text-sm text-zinc-500 dark:text-zinc-400">
              Loading…
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
