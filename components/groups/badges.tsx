// The group screens' badges: a group's coordinator state (Stable, Empty, …), its type
// (classic, consumer, …) and the Burrow-style lag status of a group (OK / WARN / ERR) or a partition (OK / WARN / STALL /
// STOP / REWIND). The reason goes in the title; null status shows as "—". A group whose
// coordinator is down gets a mark naming the broker (its values are the last known ones).
import type { GROUP_STATUSES, GroupUnavailable, PARTITION_STATUSES } from '@/lib/contract/groups';
import { formatAgo } from '@/lib/format';
import { Badge } from '../ui/Badge';

type Tone = Parameters<typeof Badge>[0]['tone'];

const STATE_TONES: Record<string, Tone> = {
  Stable: 'success',
  Empty: 'neutral',
  PreparingRebalance: 'info',
  CompletingRebalance: 'info',
  Assigning: 'info',
  Reconciling: 'info',
  NotReady: 'warn',
  Dead: 'danger',
};

const STATE_TITLES: Record<string, string> = {
  Stable: 'Stable: members are consuming with a settled assignment',
  Empty: 'Empty: no member is connected; the committed offsets are kept',
  PreparingRebalance: 'PreparingRebalance: members are (re)joining the group',
  CompletingRebalance: 'CompletingRebalance: waiting for the leader to hand out the assignment',
  Assigning: 'Assigning: the broker is computing a new target assignment (KIP-848)',
  Reconciling: 'Reconciling: members are moving to their target assignment, revoking before they take partitions (KIP-848)',
  NotReady: 'NotReady: the streams group cannot be assigned yet (its topology or topics are missing)',
  Dead: 'Dead: the group has no members and no metadata left',
};

export function StateBadge({ state }: { state: string }) {
  return (
    <Badge tone={STATE_TONES[state] ?? 'neutral'} title={STATE_TITLES[state]}>
      {state}
    </Badge>
  );
}

const TYPE_TITLES: Record<string, string> = {
  classic: 'classic: the JoinGroup/SyncGroup protocol, rebalanced by its members',
  consumer: 'consumer: the KIP-848 protocol, assigned by the broker',
  share: 'share: a KIP-932 share group, records handed out one by one',
  streams: 'streams: a KIP-1071 Kafka Streams group, assigned by the broker',
};

/** The group's type as the cluster names it; anything but classic stands out. */
export function TypeBadge({ type }: { type: string }) {
  return (
    <Badge tone={type === 'classic' ? 'neutral' : 'info'} title={TYPE_TITLES[type] ?? `${type}: as the cluster names this group's type`}>
      {type}
    </Badge>
  );
}

type AnyStatus = (typeof GROUP_STATUSES)[number] | (typeof PARTITION_STATUSES)[number];

const STATUS_TONES: Record<AnyStatus, Tone> = {
  OK: 'success',
  WARN: 'warn',
  ERR: 'danger',
  STALL: 'danger',
  STOP: 'danger',
  REWIND: 'danger',
};

export function StatusBadge({ status, reason }: { status: AnyStatus | null; reason: string | null }) {
  if (status === null) {
    return (
      <span className="text-zinc-500 dark:text-zinc-400" title={reason ?? undefined}>
        —
      </span>
    );
  }
  return (
    <Badge tone={STATUS_TONES[status]} title={reason ?? undefined}>
      {status}
    </Badge>
  );
}

/** What the screens say of a group whose coordinator could not be asked: values are the last known ones. */
export function unavailableText(u: GroupUnavailable, now: number): string {
  const values = u.valuesAt === null ? 'No values were read before.' : `The values shown were read ${formatAgo(u.valuesAt, now)}.`;
  return `Coordinator ${u.broker === null ? 'unknown' : `broker ${u.broker}`} unavailable since ${formatAgo(u.since, now)}: ${u.message}. ${values}`;
}

/** A mark beside a group whose values are not fresh (its coordinator is down); the reason in the title. */
export function UnavailableMark({ unavailable }: { unavailable: GroupUnavailable | null }) {
  if (!unavailable) return null;
  return (
    <Badge tone="warn" title={unavailableText(unavailable, Date.now())}>
      {unavailable.broker === null ? 'coordinator down' : `broker ${unavailable.broker} down`}
    </Badge>
  );
}
