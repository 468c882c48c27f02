'use client';
// On every page: the app name, the navigation, and which cluster this is and whether it answers.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCluster } from '@/lib/queries/cluster';
import { Badge } from '../ui/Badge';
import { focusRing } from '../ui/Button';
import { cx } from '../ui/cx';

const NAV = [
  { href: '/', label: 'Overview', active: (p: string) => p === '/' },
  { href: '/topics', label: 'Topics', active: (p: string) => p === '/topics' || p.startsWith('/topics/') },
  { href: '/groups', label: 'Groups', active: (p: string) => p === '/groups' || p.startsWith('/groups/') },
  { href: '/lab', label: 'Lab', active: (p: string) => p === '/lab' },
];

export function Header() {
  const pathname = usePathname() ?? '/';
  const cluster = useCluster();
  const c = cluster.data;
  const state = cluster.isError ? 'unreachable' : !c ? 'checking' : c.reachable ? 'connected' : 'unreachable';

  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className={cx('rounded text-lg font-semibold tracking-tight', focusRing)}>
          offsetscope
        </Link>
        <nav aria-label="Main">
          <ul className="flex gap-1">
            {NAV.map((n) => {
              const active = n.active(pathname);
              return (
                <li key={n.href}>
                  <Link
                    href={n.href}
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
        </div>
      </div>
    </header>
  );
}
