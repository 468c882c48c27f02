'use client';
// Who is logged in (name and role on this cluster) and the way out; nothing without a login.
import { useLogout, useMe } from '@/lib/queries/auth';
import { useScope } from '@/lib/queries/scope';
import { Button } from '../ui/Button';

export function UserMenu() {
  const me = useMe();
  const logout = useLogout();
  const { clusterId } = useScope();
  if (!me.data?.enabled || !me.data.user) return null;
  const entry = me.data.clusters.find((c) => c.id === (clusterId ?? me.data!.defaultCluster));
  return (
    <span className="inline-flex items-center gap-2 text-sm" data-testid="user-menu">
      <span>
        <span data-testid="user-name" className="font-medium">
          {me.data.user.name}
        </span>{' '}
        <span data-testid="user-role" className="text-xs text-zinc-600 dark:text-zinc-400">
          ({entry?.role ?? 'no access'})
        </span>
      </span>
      {me.data.user.kind !== 'proxy' && (
        <Button variant="secondary" onClick={() => logout.mutate()} disabled={logout.isPending}>
          Log out
        </Button>
      )}
    </span>
  );
}
