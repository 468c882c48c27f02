'use client';
// Hooks for consumer groups: the list, one group, its lag history.
import { useQuery } from '@tanstack/react-query';
import { GroupDetail, GroupHistory, GroupsResponse, type GroupsQuery } from '../contract/groups';
import { fetchJson } from './fetch-json';
import { REFRESH_MS } from './keys';
import { useScope } from './scope';

const enc = encodeURIComponent;

export function useGroups(params: GroupsQuery) {
  const { keys, api } = useScope();
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
  return useQuery({
    queryKey: keys.groupList(clean),
    queryFn: () => fetchJson(api(`/api/groups?${new URLSearchParams(clean)}`), GroupsResponse),
    refetchInterval: REFRESH_MS,
    placeholderData: (prev) => prev,
  });
}

export function useGroup(groupId: string) {
  const { keys, api } = useScope();
  return useQuery({
    queryKey: keys.group(groupId),
    queryFn: () => fetchJson(api(`/api/groups/${enc(groupId)}`), GroupDetail),
    refetchInterval: REFRESH_MS,
    placeholderData: (prev) => prev,
    retry: (count, err) => (err as { status?: number }).status !== 404 && count < 2,
  });
}

export function useGroupHistory(groupId: string) {
  const { keys, api } = useScope();
  return useQuery({
    queryKey: keys.groupHistory(groupId),
    queryFn: () => fetchJson(api(`/api/groups/${enc(groupId)}/history`), GroupHistory),
    refetchInterval: REFRESH_MS * 2,
    placeholderData: (prev) => prev,
  });
}
