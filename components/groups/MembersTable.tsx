// The group's members now: member id, client id, host, and the partitions each one was
// assigned ("orders: 0, 1, 2", one line per topic). Members of a KIP-848 consumer group
// also show their instance id, member epoch, subscription and the target assignment the
// broker's assignor gave them (it differs from what they own while they reconcile).
import type { GroupMember } from '@/lib/contract/groups';
import { TableHead } from '../ui/TableHead';

const td = 'px-3 py-1.5 align-top';

export function MembersTable({ members }: { members: GroupMember[] }) {
  if (members.length === 0) {
    return (
      <p className="text-sm text-zinc-500 dark:text-zinc-400" data-testid="no-members">
        No active members
      </p>
    );
  }
  const rows = [...members].sort((a, b) => a.clientId.localeCompare(b.clientId) || a.memberId.localeCompare(b.memberId));
  const kip848 = members.some((m) => m.consumer !== null);
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[48rem] text-sm">
        <caption className="sr-only">Members and their assigned partitions</caption>
        <TableHead
          columns={[
            { label: 'Member id' },
            { label: 'Client id' },
            { label: 'Host' },
            kip848 && { label: 'Instance id' },
            kip848 && { label: 'Epoch', align: 'right', title: 'The group epoch this member has caught up with' },
            kip848 && { label: 'Subscription' },
            { label: kip848 ? 'Owned partitions' : 'Assigned partitions' },
            kip848 && { label: 'Target assignment', title: "What the broker's assignor gives the member; it moves there by revoking before it assigns" },
          ]}
        />
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map((m) => {
            const c = m.consumer;
            return (
              <tr key={m.memberId} data-testid={'member-' + m.memberId}>
                <th scope="row" className={`${td} max-w-[22rem] text-left font-mono text-xs font-normal break-all`}>
                  {m.memberId}
                </th>
                <td className={`${td} break-all`} data-testid="client-id">
                  {m.clientId || <span className="text-zinc-500 dark:text-zinc-400">—</span>}
                </td>
                <td className={`${td} font-mono text-xs break-all`} data-testid="host">
                  {m.host || <span className="text-zinc-500 dark:text-zinc-400">—</span>}
                </td>
                {kip848 && (
                  <>
                    <td className={`${td} break-all`} data-testid="instance-id">
                      {c?.instanceId ?? <span className="text-zinc-500 dark:text-zinc-400">—</span>}
                    </td>
                    <td className={`${td} text-right tabular-nums`} data-testid="member-epoch">
                      {c ? c.memberEpoch : '—'}
                    </td>
                    <td className={`${td} break-all`} data-testid="subscription">
                      {c ? subscription(c.subscribedTopicNames, c.subscribedTopicRegex) : '—'}
                    </td>
                  </>
                )}
                <td className={`${td} tabular-nums`} data-testid="assignments">
                  <Partitions of={m.assignments} />
                </td>
                {kip848 && (
                  <td className={`${td} tabular-nums`} data-testid="target-assignments">
                    <Partitions of={c?.targetAssignments ?? []} />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function subscription(names: string[], regex: string | null): string {
  const parts = [...names].sort();
  if (regex) parts.push(`/${regex}/`);
  return parts.length ? parts.join(', ') : 'nothing';
}

function Partitions({ of }: { of: GroupMember['assignments'] }) {
  const list = of.filter((a) => a.partitions.length > 0).sort((a, b) => a.topic.localeCompare(b.topic));
  if (list.length === 0) return <span className="text-zinc-500 dark:text-zinc-400">none</span>;
  return (
    <ul>
      {list.map((a) => (
        <li key={a.topic} className="break-all">
          {`${a.topic}: ${[...a.partitions].sort((x, y) => x - y).join(', ')}`}
        </li>
      ))}
    </ul>
  );
}
