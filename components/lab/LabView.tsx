'use client';
// /lab: start consumer members of a group in the dashboard's server, poll and commit by
// hand, kill or stop them, and watch the assignment, committed offsets and lag move. The
// members belong to this page: they leave their group when it closes, or after the idle
// timeout if it goes silent.
import { useCan, useMe } from '@/lib/queries/auth';
import { useState } from 'react';
import { LAB_SESSION_TIMEOUT_DEFAULT_MS, type LabMember } from '@/lib/contract/lab';
import { ASSIGNORS, type AssignorName } from '@/lib/groups/assignors';
import { useCluster } from '@/lib/queries/cluster';
import { fetchJson } from '@/lib/queries/fetch-json';
import { useGroup } from '@/lib/queries/groups';
import { useLabMembers, useLabSession, useStartLabMember } from '@/lib/queries/lab';
import { useTopic, useTopics } from '@/lib/queries/topics';
import { StateBadge } from '../groups/badges';
import { Button } from '../ui/Button';
import { SelectField } from '../ui/SelectField';
import { Card } from '../ui/Card';
import { cx } from '../ui/cx';
import { inputClass, labelClass, parseWhole } from '../ui/fields';
import { ErrorText, FieldHint } from '../ui/Messages';
import { MemberCard } from './MemberCard';
import { OffsetModelView, type LabPartitionRow } from './OffsetModelView';

const ended = (m: LabMember) => m.state === 'killed' || m.state === 'left' || m.state === 'failed';

function Board({ topic, groupId, members }: { topic: string; groupId: string; members: LabMember[] }) {
  const t = useTopic(topic);
  const g = useGroup(groupId);
  const group = g.data?.groupId === groupId ? g.data : undefined;
  const td = t.data?.name === topic ? t.data : undefined;
  if (t.isError) return <ErrorText>Topic {topic} could not be loaded: {t.error.message}</ErrorText>;
  if (!td) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>;

  const labOwner = new Map<number, LabMember>();
  for (const m of members) if (!ended(m)) for (const p of m.partitions) labOwner.set(p.partition, m);
  const clientOf = new Map(group?.members.map((m) => [m.memberId, m.clientId]) ?? []);
  const rows: LabPartitionRow[] = td.partitions.map((p) => {
    const o = group?.offsets.find((x) => x.topic === topic && x.partition === p.partition);
    const lab = labOwner.get(p.partition);
    const other = o?.owner ? (clientOf.get(o.owner) ?? o.owner) : null;
    return {
      partition: p.partition,
      logStart: p.logStartOffset,
      logEnd: p.logEndOffset,
      committed: o?.committedOffset ?? null,
      position: lab?.partitions.find((x) => x.partition === p.partition)?.position ?? null,
      owner: lab?.clientId ?? other,
    };
  });
  const others = group?.members.filter((m) => !members.some((x) => x.memberId === m.memberId)) ?? [];

  return (
    <Card
      id="lab-partitions"
      title={`Partitions of ${topic} for group ${groupId}`}
      actions={
        <span className="flex items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
          group state {group ? <StateBadge state={group.state} /> : 'not created yet'}
        </span>
      }
    >
      <OffsetModelView rows={rows} groupId={groupId} />
      {others.length > 0 && (
        <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">
          Other members in the group (not from this page): {others.map((m) => `${m.clientId} (${m.host})`).join(', ')}. A killed member stays listed until the coordinator&apos;s session timeout evicts it.
        </p>
      )}
    </Card>
  );
}

export function LabView({ initialTopic, initialGroup }: { initialTopic: string; initialGroup: string }) {
  const session = useLabSession();
  const cluster = useCluster();
  const canWrite = useCan()('useLab');
  const me = useMe();
  const topics = useTopics({});
  const list = useLabMembers(session);
  const start = useStartLabMember(session);
  const members = list.data?.members ?? [];
  const running = members.filter((m) => !ended(m));

  const [topic, setTopic] = useState(initialTopic);
  const [groupId, setGroupId] = useState(initialGroup || 'lab-group');
  const [board, setBoard] = useState<{ topic: string; groupId: string } | null>(initialTopic ? { topic: initialTopic, groupId: initialGroup || 'lab-group' } : null);
  const [timeoutText, setTimeoutText] = useState(String(LAB_SESSION_TIMEOUT_DEFAULT_MS / 1000));
  const [reset, setReset] = useState<'earliest' | 'latest'>('earliest');
  const [assignor, setAssignor] = useState<AssignorName>('range');
  const [autoCommit, setAutoCommit] = useState(false);
  const g = useGroup(board?.groupId ?? (initialGroup || 'lab-group'));
  const groupMemberIds = g.data && g.data.groupId === board?.groupId ? new Set(g.data.members.map((m) => m.memberId)) : g.isError ? new Set<string>() : null;

  const locked = running.length > 0;
  const seconds = parseWhole(timeoutText);
  const timeoutOk = seconds !== null && seconds >= 1 && seconds <= 300;
  const canStart = canWrite && session !== null && topic.trim() !== '' && groupId.trim() !== '' && timeoutOk && !start.isPending;

  const startMember = () => {
    if (!canStart) return;
    const b = { topic: topic.trim(), groupId: groupId.trim() };
    setBoard(b);
    start.mutate({ ...b, sessionTimeoutMs: seconds * 1000, autoOffsetReset: reset, assignor, autoCommit });
  };
  const leaveAll = async () => {
    if (session) await fetchJson(`/api/lab/sessions/${session}`, null, { method: 'DELETE' }).catch(() => {});
    void list.refetch();
  };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Consumer lab</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Run consumer members of a group here, in the dashboard&apos;s server: each joins the group with the real protocol, gets partitions from the assignor, and
          fetches or commits only when you press the button. Kill one to see its partitions move when the session timeout runs out. The members leave their group when
          you close this page{list.data ? `, or after ${Math.round(list.data.idleTimeoutMs / 1000)} s without it` : ''}.
        </p>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400" data-testid="lab-protocol">
          The lab&apos;s members speak the <strong>classic</strong> group protocol (JoinGroup, SyncGroup, Heartbeat), where the members assign partitions among
          themselves. They cannot join a KIP-848 <code>consumer</code> group that has members (its broker assigns the partitions and refuses classic members);
          watch such a group on its group page instead.
        </p>
      </div>

      {!canWrite && cluster.data?.readOnly && <ErrorText>offsetscope runs read-only (READ_ONLY=1): the lab joins groups and commits offsets, so it is off.</ErrorText>}
      {!canWrite && me.data && cluster.data && !cluster.data.readOnly && <ErrorText>Your role may not use the lab on this cluster (it needs the operator role): the lab joins groups and commits offsets.</ErrorText>}

      <Card id="lab-setup" title="Start a member">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            startMember();
          }}
        >
          <div>
            <label htmlFor="lab-topic" className={labelClass}>
              Topic
            </label>
            <input id="lab-topic" list="lab-topics" value={topic} onChange={(e) => setTopic(e.target.value)} disabled={locked} className={cx(inputClass, 'w-56')} autoComplete="off" />
            <datalist id="lab-topics">
              {topics.data?.topics.filter((x) => !x.internal).map((x) => <option key={x.name} value={x.name} />)}
            </datalist>
          </div>
          <div>
            <label htmlFor="lab-group" className={labelClass}>
              Group
            </label>
            <input id="lab-group" value={groupId} onChange={(e) => setGroupId(e.target.value)} disabled={locked} className={cx(inputClass, 'w-48')} autoComplete="off" />
          </div>
          <div>
            <label htmlFor="lab-timeout" className={labelClass}>
              Session timeout (s)
            </label>
            <input id="lab-timeout" inputMode="numeric" value={timeoutText} onChange={(e) => setTimeoutText(e.target.value)} aria-invalid={!timeoutOk} className={cx(inputClass, 'w-20')} />
          </div>
          <SelectField
            id="lab-reset"
            label="Without a commit start at"
            value={reset}
            onChange={(v) => setReset(v as 'earliest' | 'latest')}
            choices={[
              { value: 'earliest', label: 'earliest' },
              { value: 'latest', label: 'latest' },
            ]}
          />
          <SelectField id="lab-assignor" label="Assignor" value={assignor} onChange={(v) => setAssignor(v as AssignorName)} choices={ASSIGNORS.map((a) => ({ value: a, label: a }))} />
          <label className="inline-flex items-center gap-1.5 pb-2 text-sm">
            <input type="checkbox" checked={autoCommit} onChange={(e) => setAutoCommit(e.target.checked)} />
            Auto-commit
          </label>
          <Button type="submit" variant="primary" disabled={!canStart}>
            Start member
          </Button>
          {running.length > 0 && (
            <Button onClick={() => void leaveAll()} title="Every member of this page leaves its group">
              Stop all
            </Button>
          )}
        </form>
        {locked && <FieldHint>The members of this page share one topic and group; stop them to pick others.</FieldHint>}
        {!timeoutOk && <FieldHint problem>The session timeout is a whole number of seconds, 1–300 (the broker may demand more: Kafka&apos;s minimum is 6 s).</FieldHint>}
        {start.isError && <ErrorText className="mt-2">{start.error.message}</ErrorText>}
      </Card>

      {members.length > 0 && (
        <div className="grid gap-4 md:grid-cols-2" aria-label="Lab members" role="group">
          {members.map((m) => (
            <MemberCard key={m.id} member={m} groupMemberIds={groupMemberIds} canWrite={canWrite} />
          ))}
        </div>
      )}

      {board && <Board topic={board.topic} groupId={board.groupId} members={members} />}
    </div>
  );
}
