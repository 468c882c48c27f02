'use client';
// Hooks for topics: the list, one topic, and every change a person can make to them.
// Components never build URLs or query keys themselves.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CreateTopicResponse,
  DeleteRecordsResponse,
  TopicDetail,
  TopicsResponse,
  type CreateTopicRequest,
  type DeleteRecordsRequest,
  type TopicsQuery,
} from '../contract/topics';
import { fetchJson, jsonBody } from './fetch-json';
import { REFRESH_MS } from './keys';
import { useScope } from './scope';

const enc = encodeURIComponent;

export function useTopics(params: TopicsQuery) {
  const { keys, api } = useScope();
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
  return useQuery({
    queryKey: keys.topicList(clean),
    queryFn: () => fetchJson(api(`/api/topics?${new URLSearchParams(clean)}`), TopicsResponse),
    refetchInterval: REFRESH_MS,
    placeholderData: (prev) => prev,
  });
}

export function useTopic(name: string) {
  const { keys, api } = useScope();
  return useQuery({
    queryKey: keys.topic(name),
    queryFn: () => fetchJson(api(`/api/topics/${enc(name)}`), TopicDetail),
    refetchInterval: REFRESH_MS,
    placeholderData: (prev) => prev,
    retry: (count, err) => (err as { status?: number }).status !== 404 && count < 2,
  });
}

export function useCreateTopic() {
  const { keys, api } = useScope();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (t: CreateTopicRequest) => fetchJson(api('/api/topics'), CreateTopicResponse, { method: 'POST', ...jsonBody(t) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.topics() }),
  });
}

export function useDeleteTopic(name: string) {
  const { keys, api } = useScope();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson(api(`/api/topics/${enc(name)}`), null, { method: 'DELETE' }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: keys.topic(name) });
      return qc.invalidateQueries({ queryKey: keys.topics() });
    },
  });
}

export function usePatchConfigs(name: string) {
  const { keys, api } = useScope();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (configs: Record<string, string | null>) =>
      fetchJson(api(`/api/topics/${enc(name)}/configs`), TopicDetail, { method: 'PATCH', ...jsonBody({ configs }) }),
    onSuccess: (detail) => {
      qc.setQueryData(keys.topic(name), detail);
      return qc.invalidateQueries({ queryKey: keys.topics() });
    },
  });
}

export function useAddPartitions(name: string) {
  const { keys, api } = useScope();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (count: number) => fetchJson(api(`/api/topics/${enc(name)}/partitions`), TopicDetail, { method: 'POST', ...jsonBody({ count }) }),
    onSuccess: (detail) => {
      qc.setQueryData(keys.topic(name), detail);
      return qc.invalidateQueries({ queryKey: keys.topics() });
    },
  });
}

export function useDeleteRecords(name: string) {
  const { keys, api } = useScope();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DeleteRecordsRequest) =>
      fetchJson(api(`/api/topics/${enc(name)}/delete-records`), DeleteRecordsResponse, { method: 'POST', ...jsonBody(body) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.topics() }),
  });
}
