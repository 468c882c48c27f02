'use client';
// A topic's pages: its name and totals above four tabs, each its own URL — Overview
// (/topics/{t}), Messages, Consumers and Configs. The topic is loaded once here and handed
// to the tabs (useTopicDetail); the last answer stays on screen while the next one loads.
import { createContext, useContext, type ReactNode } from 'react';
import type { TopicDetail } from '@/lib/contract/topics';
import { formatBytes, formatCount } from '@/lib/format';
import { ApiError } from '@/lib/queries/fetch-json';
import { useScope } from '@/lib/queries/scope';
import { useTopic } from '@/lib/queries/topics';
import { Badge } from '../../ui/Badge';
import { LinkTabs } from '../../ui/LinkTabs';
import { ErrorText } from '../../ui/Messages';
import { UpdatedAgo } from '../../ui/UpdatedAgo';
import { TopicNotFound } from '../TopicNotFound';

const TopicContext = createContext<TopicDetail | null>(null);

/** The topic of the page, for its tabs. */
export function useTopicDetail(): TopicDetail {
  const d = useContext(TopicContext);
  if (!d) throw new Error('useTopicDetail outside a topic page');
  return d;
}

export function TopicLayout({ name, children }: { name: string; children: ReactNode }) {
  const topic = useTopic(name);
  const { page } = useScope();
  if (topic.error instanceof ApiError && topic.error.status === 404) return <TopicNotFound name={name} />;
  // Placeholder data from another topic is not this topic's data.
  const d = topic.data?.name === name ? topic.data : undefined;
  if (!d) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold break-all">{name}</h1>
        {topic.isError ? <ErrorText>This topic could not be loaded: {topic.error.message}</ErrorText> : <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>}
      </div>
    );
  }

  let messages = 0;
  let bytes: number | null = 0;
  let degraded = 0;
  for (const p of d.partitions) {
    messages += p.messages ?? 0;
    bytes = bytes === null || p.bytes === null ? null : bytes + p.bytes;
    if (p.leader < 0 || p.isr.length < p.replicas.length || p.offlineReplicas.length > 0) degraded++;
  }
  const base = page(`/topics/${encodeURIComponent(name)}`);

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold break-all">{d.name}</h1>
          {d.internal && <Badge tone="info">internal</Badge>}
          <UpdatedAgo at={topic.dataUpdatedAt} failed={topic.isError} />
        </div>
        <p className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
          {formatCount(d.partitions.length)} partition{d.partitions.length === 1 ? '' : 's'} · {formatCount(messages)} messages (offset span) ·{' '}
          {formatBytes(bytes)} · {formatCount(d.groups.length)} group{d.groups.length === 1 ? '' : 's'}
          {degraded > 0 && (
            <span className="ml-2 font-medium text-amber-700 dark:text-amber-400">
              {formatCount(degraded)} partition{degraded === 1 ? '' : 's'} under-replicated or offline
            </span>
          )}
        </p>
      </div>
      <LinkTabs
        label={`Topic ${d.name}`}
        panelId="topic-tab"
        tabs={[
          { href: base, label: 'Overview' },
          { href: `${base}/messages`, label: 'Messages' },
          { href: `${base}/consumers`, label: `Consumers (${formatCount(d.groups.length)})` },
          { href: `${base}/configs`, label: 'Configs' },
        ]}
      >
        <TopicContext.Provider value={d}>{children}</TopicContext.Provider>
      </LinkTabs>
    </div>
  );
}
