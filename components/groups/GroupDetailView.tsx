'use client';
// /groups/[group]: the group's state and lag status (with the reason in words), its lag
// over time, its members and what each was assigned, and every partition's committed
// offset against the log. The last answer stays on screen while the next one loads or fails.
import { useCan } from '@/lib/queries/auth';
import { ScopedLink } from '../ui/ScopedLink';
import { ApiError } from '@/lib/queries/fetch-json';
import { formatCount } from '@/lib/format';
import { useState } from 'react';
import { useGroup, useGroupHistory } from '@/lib/queries/groups';
import { LagChart } from '../charts/lazy';
import { Card } from '../ui/Card';
import { ErrorText } from '../ui/Messages';
import { UpdatedAgo } from '../ui/UpdatedAgo';
import { StateBadge, StatusBadge, TypeBadge, UnavailableMark, unavailableText } from './badges';
import { GroupNotFound } from './GroupNotFound';
import { GroupDangerZone } from './GroupDangerZone';
import { GroupOffsetsTable, type ResetShortcut } from './GroupOffsetsTable';
import { PastResets } from './PastResets';
import { EMPTY_DRAFT, type ResetDraft } from './reset-draft';
import { ResetPanel } from './ResetPanel';
import { MembersTable } from './MembersTable';

export function GroupDetailView({ groupId }: { groupId: string }) {
  const group = useGroup(groupId);
  const history = useGroupHistory(groupId);
  const can = useCan();
  const canWrite = can('resetOffsets');
  const [draft, setDraft] = useState<ResetDraft>(EMPTY_DRAFT);
  const [previewRequest, setPreviewRequest] = useState(0);
  const previewNow = (d: ResetDraft) => {
    setDraft(d);
    setPreviewRequest((n) => n + 1);
    document.getElementById('reset')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const shortcut = (topic: string, partition: number, kind: ResetShortcut) => {
    const row = group.data?.offsets.find((o) => o.topic === topic && o.partition === partition);
    const d: ResetDraft = { ...EMPTY_DRAFT, scope: 'partitions', topic, partitions: String(partition), strategy: kind, offset: kind === 'to-offset' ? String(row?.committedOffset ?? row?.logEndOffset ?? 0) : '' };
    if (kind === 'to-offset') {
      // "set to…": the offset field gets the current value to edit; the preview waits for it
      setDraft(d);
      document.getElementById('reset')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      return;
    }
    previewNow(d);
  };

  if (group.error instanceof ApiError && group.error.status === 404) return <GroupNotFound groupId={groupId} />;
  // Placeholder data from another group is not this group's data.
  const d = group.data?.groupId === groupId ? group.data : undefined;
  if (!d) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold break-all">{groupId}</h1>
        {group.isError ? <ErrorText>This group could not be loaded: {group.error.message}</ErrorText> : <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>}
      </div>
    );
  }

  const topicNames = [...new Set([...d.offsets.map((o) => o.topic), ...d.members.flatMap((m) => m.assignments.map((a) => a.topic))])].sort();
  const topics = new Set(d.offsets.map((o) => o.topic)).size;
  const protocol = [d.protocolType, d.protocol].filter((s) => s !== '').join(' · ');
  const h = history.data && !history.isPlaceholderData ? history.data : undefined;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold break-all">{d.groupId}</h1>
          <span data-testid="group-state" className="inline-flex items-center gap-1">
            <StateBadge state={d.state} />
            <UnavailableMark unavailable={d.unavailable} />
          </span>
          <span data-testid="group-type">
            <TypeBadge type={d.type} />
          </span>
          <UpdatedAgo at={group.dataUpdatedAt} failed={group.isError} />
          {/* the lab speaks the classic protocol: a group of another type with members refuses it */}
          {(d.type === 'classic' || d.members.length === 0) && (
            <ScopedLink
              href={`/lab?group=${encodeURIComponent(d.groupId)}${d.offsets[0] ? `&topic=${encodeURIComponent(d.offsets[0].topic)}` : ''}`}
              className="ml-auto text-sm text-indigo-700 underline hover:text-indigo-500 dark:text-indigo-400"
            >
              Open in the lab
            </ScopedLink>
          )}
        </div>
        <p className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
          {d.consumer ? (
            <span data-testid="group-epochs">
              <span title="The broker-side assignor (group.consumer.assignors, or the one the members ask for)">assignor {d.consumer.assignor || '—'}</span> ·{' '}
              <span title="Bumped by every change of membership or subscription">group epoch {d.consumer.groupEpoch}</span> ·{' '}
              <span title="The group epoch the target assignment was computed for">assignment epoch {d.consumer.assignmentEpoch}</span>
            </span>
          ) : (
            <span title="protocol type · assignment strategy">protocol {protocol || '—'}</span>
          )}{' '}
          · {formatCount(d.members.length)} member
          {d.members.length === 1 ? '' : 's'} · {formatCount(topics)} topic{topics === 1 ? '' : 's'} · total lag{' '}
          <span data-testid="group-lag" className="font-medium text-zinc-900 dark:text-zinc-100">
            {formatCount(d.totalLag)}
          </span>
        </p>
        {d.unavailable && (
          <p data-testid="group-unavailable" role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
            {unavailableText(d.unavailable, Date.now())} Other groups are unaffected; this one is read again on every refresh.
          </p>
        )}
        <div className="text-sm">
          <span className="sr-only">Status: </span>
          <span data-testid="group-status" className="inline-flex flex-wrap items-baseline gap-2">
            <StatusBadge status={d.status} reason={d.statusReason} />
            {d.statusReason && <span className="text-zinc-700 dark:text-zinc-300">{d.statusReason}</span>}
          </span>
        </div>
      </div>

      <Card id="lag" title="Lag over time" actions={h ? <UpdatedAgo at={history.dataUpdatedAt} failed={history.isError} /> : undefined}>
        {h ? (
          <LagChart points={h.points} intervalMs={h.intervalMs} />
        ) : history.isError ? (
          <ErrorText>The lag history could not be loaded: {history.error.message}</ErrorText>
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
        )}
      </Card>

      <Card id="members" title={`Members (${formatCount(d.members.length)})`}>
        <MembersTable members={d.members} />
      </Card>

      <Card id="offsets" title="Partitions">
        <GroupOffsetsTable offsets={d.offsets} members={d.members} commitTimes={{ approximate: d.commitTimesApproximate, resolutionMs: d.commitTimeResolutionMs, reason: d.commitTimesReason }} onShortcut={canWrite ? shortcut : undefined} />
      </Card>

      {canWrite && (
        <Card id="reset" title="Reset offsets">
          <ResetPanel groupId={d.groupId} groupTopics={topicNames} draft={draft} setDraft={setDraft} previewRequest={previewRequest} />
        </Card>
      )}

      <Card id="resets" title="Past resets">
        <PastResets groupId={d.groupId} canWrite={canWrite} onUndo={(csv) => previewNow({ ...EMPTY_DRAFT, strategy: 'from-file', csv })} />
      </Card>

      {(can('deleteGroupOffsets') || can('deleteGroup')) && (
        <Card id="danger" title="Delete" tone="danger">
          <GroupDangerZone groupId={d.groupId} state={d.state} topics={topicNames} canDeleteOffsets={can('deleteGroupOffsets')} canDeleteGroup={can('deleteGroup')} />
        </Card>
      )}
    </div>
  );
}
