'use client';
// /audit: every change made through offsetscope (and every login), newest first: when,
// who, from where, on which cluster, what and on what. Admins only.
import { useState } from 'react';
import { AUDIT_ACTIONS } from '@/lib/contract/auth';
import { useAudit } from '@/lib/queries/audit';
import { ErrorText } from '../ui/Messages';
import { SelectField } from '../ui/SelectField';
import { TableHead } from '../ui/TableHead';

const td = 'px-3 py-1.5 align-top';

export function AuditView() {
  const [action, setAction] = useState('');
  const audit = useAudit({ action: action || undefined });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Audit trail</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Every change made through offsetscope and every login, newest first. Kept under the data dir
        {audit.data ? `, at most ${Math.round(audit.data.maxBytes / 1024 / 1024)} MiB` : ''}.
      </p>
      <SelectField id="audit-action" label="Action" value={action} onChange={setAction} choices={[{ value: '', label: 'every action' }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: a }))]} />
      {audit.isError && <ErrorText>The audit trail could not be loaded: {audit.error.message}</ErrorText>}
      {audit.data && (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] text-sm" data-testid="audit-table">
            <caption className="sr-only">Audit trail</caption>
            <TableHead columns={['Time', 'User', 'Address', 'Cluster', 'Action', 'Target'].map((label) => ({ label }))} />
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {audit.data.entries.length === 0 && (
                <tr>
                  <td colSpan={6} className={`${td} text-zinc-500 dark:text-zinc-400`}>
                    Nothing recorded yet.
                  </td>
                </tr>
              )}
              {audit.data.entries.map((e, i) => (
                <tr key={`${e.at}-${i}`} data-testid="audit-row" data-action={e.action}>
                  <td className={`${td} whitespace-nowrap tabular-nums`}>{new Date(e.at).toISOString().replace('T', ' ').slice(0, 19)}</td>
                  <td className={td} data-testid="audit-user">
                    {e.user ?? '—'}
                  </td>
                  <td className={`${td} font-mono text-xs`}>{e.address ?? '—'}</td>
                  <td className={td}>{e.cluster ?? '—'}</td>
                  <td className={td} data-testid="audit-action">
                    {e.action}
                  </td>
                  <td className={`${td} break-all`} data-testid="audit-target">
                    {e.target ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
