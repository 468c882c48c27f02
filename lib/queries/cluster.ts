'use client';
// Hooks for the cluster as a whole: who it is, whether it answers, totals over time.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ClusterResponse, ClustersResponse, DemoResponse, HistoryResponse } from '../contract/cluster';
import { fetchJson, jsonBody } from './fetch-json';
import { REFRESH_MS } from './keys';
import { useScope } from './scope';

export function useCluster() {
  const { keys, api } = useScope();
  return useQuery({
    queryKey: keys.cluster(),
    queryFn: () => fetchJson(api('/api/cluster'), ClusterResponse),
    refetchInterval: 2000,
    placeholderData: (prev) => prev,
  });
}

/** Every configured cluster (for the switcher); not scoped: it is the same list everywhere. */
export function useClusters() {
  return useQuery({
    queryKey: ['clusters', 'list'],
    queryFn: () => fetchJson('/api/clusters', ClustersResponse),
    staleTime: 60_000,
  });
}

export function useHistory() {
  const { keys, api } = useScope();
  return useQuery({
    queryKey: keys.history(),
    queryFn: () => fetchJson(api('/api/cluster/history'), HistoryResponse),
    refetchInterval: REFRESH_MS * 2,
    placeholderData: (prev) => prev,
  });
}

export function useStartDemo() {
  const { keys, api } = useScope();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (confirmExternal: boolean) => fetchJson(api('/api/demo'), DemoResponse, { method: 'POST', ...jsonBody({ confirmExternal }) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.cluster() }),
  });
}
