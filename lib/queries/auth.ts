'use client';
// Who is logged in and what they may do: the page hides what the person's role cannot do
// (the server refuses it anyway), keeps the CSRF token for fetchJson, and logs out.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Permission } from '../auth/permissions';
import { LoginMethods, MeResponse } from '../contract/auth';
import { forgetCsrfToken, setCsrfToken, fetchJson } from './fetch-json';
import { useCluster } from './cluster';
import { useScope } from './scope';

export function useMe() {
  return useQuery({
    queryKey: ['auth', 'me'],
    queryFn: async () => {
      const me = await fetchJson('/api/auth/me', MeResponse);
      setCsrfToken(me.csrfToken);
      return me;
    },
    staleTime: 60_000,
    refetchInterval: 60_000,
  });
}

/**
 * `can(permission)` on the page's cluster: what the person's role allows there and the
 * cluster is not read-only. False until both are known, so no button flashes up.
 */
export function useCan(): (p: Permission) => boolean {
  const me = useMe();
  const cluster = useCluster();
  const { clusterId } = useScope();
  return (p) => {
    if (!me.data || !cluster.data) return false;
    if (p !== 'read' && p !== 'readMessages' && p !== 'viewAudit' && cluster.data.readOnly) return false;
    // the unprefixed pages show the default cluster
    const entry = me.data.clusters.find((c) => c.id === (clusterId ?? me.data!.defaultCluster));
    return entry?.permissions.includes(p) ?? false;
  };
}

/** How the login page offers to log in (public). */
export function useLoginMethods() {
  return useQuery({ queryKey: ['auth', 'methods'], queryFn: () => fetchJson('/api/auth/methods', LoginMethods) });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => fetchJson('/api/auth/logout', null, { method: 'POST', body: '{}' }) as Promise<{ redirect?: string } | undefined>,
    onSettled: (answer) => {
      forgetCsrfToken();
      // a single sign-on session ends at the provider too, which then sends the browser to /login
      window.location.assign(answer?.redirect ?? '/login');
    },
  });
}
