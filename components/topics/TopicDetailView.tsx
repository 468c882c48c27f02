'use client';
// /topics/[topic]: partitions with their offsets, consumer groups, configs, and (unless
// read-only) the changes a person can make. The last answer stays on screen while the
// next one loads or fails.
import { useCan } from '@/lib/queries/auth';
import { ApiError } from '@/lib/queries/fetch-json';
import { formatBytes, formatCount } from '@/lib/format';
import { useTopic } from '@/lib/queries/topics';
import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';
import { ErrorText } from '../ui/Messages';
import { UpdatedAgo } from '../ui/UpdatedAgo';
import { MessageBrowser } from '../messages/MessageBrowser';
import { ProduceForm } from '../messages/ProduceForm';
import { AddPartitions } from './AddPartitions';
import { ConfigsTable } from './ConfigsTable';
import { DeleteRecords } from './DeleteRecords';
import { DeleteTopic } from './DeleteTopic';
import { GroupsList } from './GroupsList';
import { PartitionsTable } from './PartitionsTable';
import { TopicNotFound } from './TopicNotFound';

export function TopicDetailView({ name }: { name: string }) {
  const topic = useTopic(name);
  const can = useCan();

  if (topic.error instanceof ApiError && topic.error.status === 404) return <TopicNotFound name={name} />;
  // Placeholder data from another topic is not this topic's data.
  const d = topic.data?.name === name ? topic.data : undefined;
  if (!d) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold break-all">{name}</h1>
        {topic.isError ? <ErrorText>This topic could not be loaded: {topic.error.message}</ErrorText> : <p className="text-sm text-zinc-500">Loading…</p>}
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

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold break-all">{d.name}</h1>
          {d.internal && <Badge tone="info">internal</Badge>}
          <UpdatedAgo at={topic.dataUpdatedAt} failed={topic.isError} />
        </div>
        <p className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
          {formatCount(d.partitions.length)} partition{d.partitions.length === 1 ? '' : 's'} · {formatCount(messages)} messages (offset span) ·{' '}
          {formatBytes(bytes)}
          {degraded > 0 && (
            <span className="ml-2 font-medium text-amber-700 dark:text-amber-400">
              {formatCount(degraded)} partition{degraded === 1 ? '' : 's'} under-replicated or offline
            </span>
          )}
        </p>
      </div>

      <Card id="partitions" title="Partitions">
        <PartitionsTable partitions={d.partitions} groups={d.groups} />
      </Card>

      <Card id="messages" title="Messages">
        {can('readMessages') ? (
          <MessageBrowser topic={d.name} partitions={d.partitions.map((p) => p.partition)} />
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400" data-testid="messages-withheld">
            Message contents are withheld from your role.
          </p>
        )}
      </Card>

      {can('produce') && (
        <Card id="produce" title="Produce">
          <ProduceForm topic={d.name} partitions={d.partitions.map((p) => p.partition)} />
        </Card>
      )}

      <Card id="groups" title="Consumed by">
        <GroupsList detail={d} />
      </Card>

      <Card id="configs" title="Configs">
        <ConfigsTable topic={d.name} configs={d.configs} canWrite={can('alterTopic')} />
      </Card>

      {(can('alterTopic') || can('deleteRecords') || can('deleteTopic')) && (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card id="add-partitions" title="Add partitions">
            <AddPartitions topic={d.name} current={d.partitions.length} />
          </Card>
          <Card id="delete-records" title="Delete records">
            <DeleteRecords topic={d.name} partitions={d.partitions} />
          </Card>
          <Card id="delete-topic" title="Delete topic" tone="danger" className="lg:col-span-2">
            <DeleteTopic topic={d.name} groups={d.groups.length} />
          </Card>
        </div>
      )}
    </div>
  );
}
