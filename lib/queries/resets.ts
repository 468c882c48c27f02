'use client';
// Hooks for changing a group's offsets: plan a reset (dry run), apply it, the record of
// past resets, and deleting a group or its offsets on a topic. Every change refreshes the
// group and the groups list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ResetAuditList, ResetResponse, type ResetRequest } from '../contract/reset';
import { fetchJson, jsonBody } from './fetch-json';
import { REFRESH_MS } from './keys';
import { useScope } from './scope';

const enc = encodeURIComponent;
export type ResetInput = Omit<z.input<typeof ResetRequest>, 'dryRun'>;

const postReset = (api: (p: string) => string, groupId: string, req: ResetInput, dryRun: boolean) =>
  fetchJson(api(`/api/groups/${enc(groupId)}/reset`), ResetResponse, { method: 'POST', ...jsonBody({ ...req, dryRun }) });

function useGroupChanged(groupId: string) {
  const { keys } = useScope();
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: keys.group(groupId) });
    void qc.invalidateQueries({ queryKey: keys.groupResets(groupId) });
    void qc.invalidateQueries({ queryKey: keys.groups() });
  };
}

export function usePlanReset(groupId: string) {
  const { api } = useScope();
  return useMutation({ mutationFn: (req: ResetInput) => postReset(api, groupId, req, true) });
}

export function useApplyReset(groupId: string) {
  const { api } = useScope();
  const changed = useGroupChanged(groupId);
  return useMutation({ mutationFn: (req: ResetInput) => postReset(api, groupId, req, false), onSuccess: changed });
}

export function useResets(groupId: string) {
  const { keys, api } = useScope();
  return useQuery({
    queryKey: keys.groupResets(groupId),
    queryFn: () => fetchJson(api(`/api/groups/${enc(groupId)}/resets`), ResetAuditList),
    refetchInterval: REFRESH_MS * 5,
  });
}

export function useDeleteGroup(groupId: string) {
  const { api } = useScope();
  const changed = useGroupChanged(groupId);
  return useMutation({ mutationFn: () => fetchJson(api(`/api/groups/${enc(groupId)}`), null, { method: 'DELETE' }), onSuccess: changed });
}

export function useDeleteGroupOffsets(groupId: string) {
  const { api } = useScope();
  const changed = useGroupChanged(groupId);
  return useMutation({ mutationFn: (topic: string) => fetchJson(api(`/api/groups/${enc(groupId)}/offsets?topic=${enc(topic)}`), null, { method: 'DELETE' }), onSuccess: changed });
}
