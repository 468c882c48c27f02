'use client';
// On every page: the app name, the navigation, which cluster this is and whether it
// answers, and (with several clusters configured) a switcher that keeps the page.
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useCluster, useClusters } from '@/lib/queries/cluster';
import { useCan, useMe } from '@/lib/queries/auth';
import { UserMenu } from '../auth/UserMenu';
import { useScope } from '@/lib/queries/scope';
import { Badge } from '../ui/Badge';
import { focusRing } from '../ui/Button';
import { cx } from '../ui/cx';

const NAV = [
  { href: '/', label: 'Overview', active: (p: string) => p === '/' },
  { href: '/topics', label: 'Topics', active: (p: string) => p === '/topics' || p.startsWith('/topics/') },
  { href: '/groups', label: 'Groups', active: (p: string) => p === '/groups' || p.startsWith('/groups/') },
  { href: '/lab', label: 'Lab', active: (p: string) => p === '/lab' },
];
const AUDIT = { href: '/audit', label: 'Audit', active: (p: string) => p === '/audit' };

export function Header() {
  const whole = usePathname() ?? '/';
  if (whole === '/login') {
    // nobody is logged in yet: nothing to navigate to or ask about
    return (
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto max-w-7xl px-4 py-3 text-lg font-semibold tracking-tight sm:px-6">offsetscope</div>
      </header>
    );
  }
  return <SignedInHeader />;
}

function SignedInHeader() {
  const { page, clusterId } = useScope();
  const router = useRouter();
  const me = useMe();
  // the audit trail is not per cluster: shown to whoever administers some cluster (everyone without a login)
  const can = useCan();
  const nav = [...NAV.filter((n) => n.href !== '/lab' || can('useLab')), ...(me.data && me.data.clusters.some((c) => c.permissions.includes('viewAudit')) ? [AUDIT] : [])];
  // the page within the cluster, whichever cluster it is
  const pathname = (usePathname() ?? '/').replace(/^\/clusters\/[^/]+/, '') || '/';
  const cluster = useCluster();
  const all = useClusters().data?.clusters ?? [];
  const c = cluster.data;
  const state = cluster.isError ? 'unreachable' : !c ? 'checking' : c.reachable ? 'connected' : 'unreachable';

  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href={page('/')} className={cx('rounded text-lg font-semibold tracking-tight', focusRing)}>
          offsetscope
        </Link>
        <nav aria-label="Main">
          <ul className="flex gap-1">
            {nav.map((n) => {
              const active = n.active(pathname);
              return (
                <li key={n.href}>
                  <Link
                    href={n.href === AUDIT.href ? n.href : page(n.href)}
                    aria-current={active ? 'page' : undefined}
                    className={cx(
                      'rounded-md px-2.5 py-1.5 text-sm font-medium',
                      focusRing,
                      active
                        ? 'bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-white'
                        : 'text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white',
                    )}
                  >
                    {n.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="ml-auto flex flex-wrap items-center gap-3 text-sm" aria-label="Cluster" role="group">
          {all.length > 1 && (
            <select
              aria-label="Switch cluster"
              value={clusterId ?? all[0].id}
              onChange={(e) => router.push(`/clusters/${encodeURIComponent(e.target.value)}${pathname === '/' ? '' : pathname.split('/').slice(0, 2).join('/')}`)}
              className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            >
              {all.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
          {c && (
            <span className="text-zinc-600 dark:text-zinc-400">
              <code className="font-mono text-zinc-800 dark:text-zinc-200">{c.bootstrap}</code>{' '}
              <span className="text-xs">({c.mode})</span>
            </span>
          )}
          <span className="inline-flex items-center gap-1.5" title={c?.problem ?? (cluster.error ? cluster.error.message : undefined)}>
            <span
              aria-hidden="true"
              className={cx(
                'inline-block h-2.5 w-2.5 rounded-full',
                state === 'connected' ? 'bg-emerald-500' : state === 'unreachable' ? 'bg-red-500' : 'bg-zinc-400',
              )}
            />
            <span data-testid="cluster-state" className={state === 'unreachable' ? 'font-medium text-red-700 dark:text-red-400' : undefined}>
              {state === 'checking' ? 'checking…' : state}
            </span>
          </span>
          {c?.readOnly && (
            <Badge tone="warn" title="READ_ONLY=1: changes are hidden and refused">
              read-only
            </Badge>
          )}
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
