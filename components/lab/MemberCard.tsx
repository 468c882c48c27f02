'use client';
// One lab member: its state in the group, the partitions it owns with its position and
// the committed offset of each, and the buttons that drive it. A killed member shows how
// long until the coordinator's session timeout evicts it and its partitions move.
import { useState } from 'react';
import type { LabMember } from '@/lib/contract/lab';
import { LAB_POLL_MAX } from '@/lib/contract/lab';
import type { Message } from '@/lib/contract/messages';
import { formatCount } from '@/lib/format';
import { displayValue } from '@/lib/messages/render';
import { useLabAction } from '@/lib/queries/lab';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { cx } from '../ui/cx';
import { inputClass, labelClass, parseWhole } from '../ui/fields';
import { ErrorText, StatusText } from '../ui/Messages';
import { useNow } from '../ui/useNow';

type Tone = Parameters<typeof Badge>[0]['tone'];
const STATE_TONE: Record<LabMember['state'], Tone> = { joining: 'info', rebalancing: 'info', stable: 'success', killed: 'danger', left: 'neutral', failed: 'danger' };
const STATE_TEXT: Record<LabMember['state'], string> = {
  joining: 'joining the group…',
  rebalancing: 'rebalancing: waiting for every member to rejoin',
  stable: 'stable',
  killed: 'killed (no LeaveGroup sent)',
  left: 'left the group',
  failed: 'failed',
};

const time = (ms: number) => new Date(ms).toLocaleTimeString('en-GB');

function Countdown({ member, stillListed }: { member: LabMember; stillListed: boolean }) {
  const now = useNow();
  if (member.expiresAt === null || now === null) return null;
  const left = member.expiresAt - now;
  return (
    <p data-testid="eviction" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
      {!stillListed
        ? 'The coordinator has evicted it: its partitions went to the other members.'
        : left > 0
          ? `The coordinator evicts it in ${(left / 1000).toFixed(0)} s (session timeout ${member.sessionTimeoutMs / 1000} s since its last heartbeat at ${time(member.lastHeartbeatAt ?? member.startedAt)}); until then its partitions are read by nobody.`
          : 'The session timeout has run out; the coordinator is rebalancing the others.'}
    </p>
  );
}

function PolledRecords({ records }: { records: Message[] }) {
  if (records.length === 0) return <p className="text-xs text-zinc-500 dark:text-zinc-400">The last poll returned no records: the member is at the end of its partitions.</p>;
  return (
    <ol data-testid="polled" className="max-h-48 overflow-auto rounded border border-zinc-200 font-mono text-xs dark:border-zinc-800">
      {records.map((m) => (
        <li key={`${m.partition}-${m.offset}`} data-testid={`polled-${m.partition}-${m.offset}`} className="flex gap-2 border-b border-zinc-100 px-2 py-0.5 last:border-0 dark:border-zinc-800">
          <span className="text-zinc-500 dark:text-zinc-400 tabular-nums">
            p{m.partition}@{m.offset}
          </span>
          <span className="truncate">{m.key !== null && `${displayValue(m.key, m.keyEncoding, 'auto').text} → `}{displayValue(m.value, m.valueEncoding, 'auto').text}</span>
        </li>
      ))}
    </ol>
  );
}

export function MemberCard({ member, groupMemberIds, canWrite }: { member: LabMember; groupMemberIds: Set<string> | null; canWrite: boolean }) {
  const action = useLabAction(member);
  const [pollText, setPollText] = useState('5');
  const [polled, setPolled] = useState<Message[] | null>(null);
  const max = parseWhole(pollText);
  const pollOk = max !== null && max >= 1 && max <= LAB_POLL_MAX;
  const stable = member.state === 'stable';
  const ended = member.state === 'killed' || member.state === 'left' || member.state === 'failed';
  const headingId = `member-${member.id}`;
  const listed = groupMemberIds === null || groupMemberIds.has(member.memberId);
  const pending = member.partitions.reduce((s, p) => s + p.uncommitted, 0);

  const poll = () => {
    if (!pollOk) return;
    action.mutate({ action: 'poll', max }, { onSuccess: (r) => setPolled(r.records ?? []) });
  };

  return (
    <section aria-labelledby={headingId} className={cx('space-y-3 rounded-lg border p-4', ended ? 'border-zinc-200 bg-zinc-50 opacity-80 dark:border-zinc-800 dark:bg-zinc-950' : 'border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900')}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="font-mono text-sm font-semibold">
          {member.clientId}
        </h3>
        <Badge tone={STATE_TONE[member.state]}>
          <span data-testid="member-state">{member.state}</span>
        </Badge>
        {member.leader && !ended && (
          <Badge tone="info" title="The leader runs the assignor and hands out the partitions in SyncGroup">
            leader
          </Badge>
        )}
        <span className="text-xs text-zinc-500 dark:text-zinc-400 tabular-nums">generation {member.generationId < 0 ? '—' : member.generationId}</span>
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {STATE_TEXT[member.state]} · member id <code className="break-all">{member.memberId || '—'}</code>
      </p>
      {member.error && <ErrorText>{member.error}</ErrorText>}
      {member.state === 'killed' && <Countdown member={member} stillListed={listed} />}

      {!ended && (
        <table className="w-full text-sm tabular-nums">
          <caption className="sr-only">Partitions of {member.clientId}</caption>
          <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="font-medium">partition</th>
              <th className="font-medium" title="The next offset this member will fetch">position</th>
              <th className="font-medium" title="The group's committed offset: where a new owner would start">committed</th>
              <th className="font-medium" title="Polled, not committed: delivered again if this member dies now">uncommitted</th>
            </tr>
          </thead>
          <tbody>
            {member.partitions.length === 0 && (
              <tr>
                <td colSpan={4} className="py-1 text-xs text-zinc-500 dark:text-zinc-400">
                  {stable ? 'No partitions: the group has more members than the topic has partitions.' : 'Partitions arrive when the rebalance completes.'}
                </td>
              </tr>
            )}
            {member.partitions.map((p) => (
              <tr key={p.partition} data-testid={`member-partition-${p.partition}`}>
                <td>{p.partition}</td>
                <td data-testid="position">{p.position ?? '—'}</td>
                <td data-testid="committed">{p.committed ?? '—'}</td>
                <td data-testid="uncommitted" className={p.uncommitted > 0 ? 'font-medium text-amber-700 dark:text-amber-400' : undefined}>
                  {formatCount(p.uncommitted)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {canWrite && !ended && (
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor={`poll-${member.id}`} className={labelClass}>
              Records to poll
            </label>
            <input
              id={`poll-${member.id}`}
              inputMode="numeric"
              value={pollText}
              onChange={(e) => setPollText(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && poll()}
              aria-invalid={!pollOk}
              className={cx(inputClass, 'w-20')}
            />
          </div>
          <Button variant="primary" onClick={poll} disabled={!stable || !pollOk || action.isPending}>
            Poll
          </Button>
          <Button onClick={() => action.mutate({ action: 'commit' })} disabled={!stable || action.isPending} title="Commits each partition's position (offset of the last polled record + 1)">
            Commit
          </Button>
          <label className="inline-flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={member.autoCommit} onChange={(e) => action.mutate({ action: 'auto-commit', enabled: e.target.checked })} disabled={action.isPending} />
            Auto-commit every {member.autoCommitIntervalMs / 1000} s
          </label>
          <span className="ml-auto flex gap-2">
            <Button variant="danger" onClick={() => action.mutate({ action: 'kill' })} title="Stop heartbeating without LeaveGroup, like a crashed process">
              Kill
            </Button>
            <Button onClick={() => action.mutate({ action: 'leave' })} title="LeaveGroup: a clean shutdown, partitions move at once">
              Leave
            </Button>
          </span>
        </div>
      )}
      {canWrite && ended && (
        <Button size="sm" variant="ghost" onClick={() => action.mutate({ action: 'remove' })}>
          Remove from the list
        </Button>
      )}
      {action.isError && <ErrorText>{action.error.message}</ErrorText>}
      {!ended && pending > 0 && <p className="text-xs text-amber-700 dark:text-amber-400">{formatCount(pending)} polled records are not committed yet.</p>}
      {member.lastCommit && !member.lastCommit.error && member.lastCommit.offsets.length > 0 && (
        <StatusText className="text-xs">
          <span data-testid="last-commit">
            {member.lastCommit.auto ? 'Auto-committed' : 'Committed'} at {time(member.lastCommit.at)}:{' '}
            {member.lastCommit.offsets.map((o) => `partition ${o.partition} → ${o.offset}`).join(', ')}
          </span>
        </StatusText>
      )}
      {polled && !ended && (
        <div className="space-y-1">
          <p className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Last poll: {formatCount(polled.length)} records</p>
          <PolledRecords records={polled} />
        </div>
      )}
    </section>
  );
}
