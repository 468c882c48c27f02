'use client';
// Hooks for the cluster as a whole: who it is, whether it answers, totals over time.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ClusterResponse, DemoResponse, HistoryResponse } from '../contract/cluster';
import { fetchJson, jsonBody } from './fetch-json';
import { REFRESH_MS, keys } from './keys';

export function useCluster() {
  return useQuery({
    queryKey: keys.cluster(),
    queryFn: () => fetchJson('/api/cluster', ClusterResponse),
    refetchInterval: 2000,
    placeholderData: (prev) => prev,
  });
}

export function useHistory() {
  return useQuery({
    queryKey: keys.history(),
    queryFn: () => fetchJson('/api/cluster/history', HistoryResponse),
    refetchInterval: REFRESH_MS * 2,
    placeholderData: (prev) => prev,
  });
}

export function useStartDemo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (confirmExternal: boolean) => fetchJson('/api/demo', DemoResponse, { method: 'POST', ...jsonBody({ confirmExternal }) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.cluster() }),
  });
}
