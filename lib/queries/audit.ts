'use client';
// The audit trail (not per cluster: one per dashboard), newest first.
import { useQuery } from '@tanstack/react-query';
import { AuditResponse } from '../contract/auth';
import { fetchJson } from './fetch-json';

export function useAudit(filter: { user?: string; action?: string }) {
  const q = new URLSearchParams({ limit: '500', ...(filter.user ? { user: filter.user } : {}), ...(filter.action ? { action: filter.action } : {}) });
  return useQuery({
    queryKey: ['audit', filter],
    queryFn: () => fetchJson(`/api/audit?${q}`, AuditResponse),
    refetchInterval: 5000,
  });
}
