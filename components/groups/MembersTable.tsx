// The group's members now: member id, client id, host, and the partitions each one was
// assigned ("orders: 0, 1, 2", one line per topic).
import type { GroupMember } from '@/lib/contract/groups';

const th = 'px-3 py-2 text-left font-medium';
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
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[48rem] text-sm">
        <caption className="sr-only">Members and their assigned partitions</caption>
        <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-300">
          <tr>
            <th scope="col" className={th}>
              Member id
            </th>
            <th scope="col" className={th}>
              Client id
            </th>
            <th scope="col" className={th}>
              Host
            </th>
            <th scope="col" className={th}>
              Assigned partitions
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map((m) => {
            const assignments = [...m.assignments].filter((a) => a.partitions.length > 0).sort((a, b) => a.topic.localeCompare(b.topic));
            return (
              <tr key={m.memberId} data-testid={'member-' + m.memberId}>
                <th scope="row" className={`${td} max-w-[22rem] text-left font-mono text-xs font-normal break-all`}>
                  {m.memberId}
                </th>
                <td className={`${td} break-all`} data-testid="client-id">
                  {m.clientId || <span className="text-zinc-400 dark:text-zinc-500">—</span>}
                </td>
                <td className={`${td} font-mono text-xs break-all`} data-testid="host">
                  {m.host || <span className="text-zinc-400 dark:text-zinc-500">—</span>}
                </td>
                <td className={`${td} tabular-nums`} data-testid="assignments">
                  {assignments.length === 0 ? (
                    <span className="text-zinc-400 dark:text-zinc-500">none</span>
                  ) : (
                    <ul>
                      {assignments.map((a) => (
                        <li key={a.topic} className="break-all">
                          {`${a.topic}: ${[...a.partitions].sort((x, y) => x - y).join(', ')}`}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
