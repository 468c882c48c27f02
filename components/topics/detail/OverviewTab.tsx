'use client';
// Overview tab: what the topic holds and keeps (partitions with their offset bars and each
// group's committed marker, size, retention), and the changes that lose data kept together
// at the bottom, apart from everything else.
import { formatBytes, formatCount, formatDuration } from '@/lib/format';
import { useCan } from '@/lib/queries/auth';
import { Card } from '../../ui/Card';
import { AddPartitions } from '../AddPartitions';
import { DeleteRecords } from '../DeleteRecords';
import { DeleteTopic } from '../DeleteTopic';
import { PartitionsTable } from '../PartitionsTable';
import { useTopicDetail } from './TopicLayout';

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-4 py-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{value}</dd>
      {hint && <dd className="text-xs text-zinc-600 dark:text-zinc-400">{hint}</dd>}
    </div>
  );
}

/** retention.ms / retention.bytes as a person reads them (-1: no limit). */
function retention(configs: { name: string; value: string | null }[]): { time: string; size: string } {
  const get = (n: string) => configs.find((c) => c.name === n)?.value ?? null;
  const ms = get('retention.ms');
  const bytes = get('retention.bytes');
  return {
    time: ms === null ? 'unknown' : Number(ms) < 0 ? 'forever' : formatDuration(Number(ms)),
    size: bytes === null ? 'unknown' : Number(bytes) < 0 ? 'no size limit' : `at most ${formatBytes(Number(bytes))} a partition`,
  };
}

export function OverviewTab() {
  const d = useTopicDetail();
  const can = useCan();
  let messages = 0;
  let bytes: number | null = 0;
  for (const p of d.partitions) {
    messages += p.messages ?? 0;
    bytes = bytes === null || p.bytes === null ? null : bytes + p.bytes;
  }
  const kept = retention(d.configs);
  const cleanup = d.configs.find((c) => c.name === 'cleanup.policy')?.value ?? 'delete';
  const dangerous = can('alterTopic') || can('deleteRecords') || can('deleteTopic');
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Partitions" value={formatCount(d.partitions.length)} />
        <Stat label="Messages" value={formatCount(messages)} hint="log end − log start, all partitions" />
        <Stat label="Size on disk" value={formatBytes(bytes)} />
        <Stat label="Retention" value={kept.time} hint={`${kept.size}; cleanup ${cleanup}`} />
      </dl>

      <Card id="partitions" title="Partitions">
        <PartitionsTable partitions={d.partitions} groups={d.groups} />
      </Card>

      {dangerous && (
        <section aria-labelledby="danger-zone-title" className="space-y-3 rounded-lg border-2 border-dashed border-red-300 p-4 dark:border-red-900">
          <h2 id="danger-zone-title" className="text-sm font-semibold text-red-800 dark:text-red-300">
            Danger zone: these change or delete data for every reader
          </h2>
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
        </section>
      )}
    </div>
  );
}
