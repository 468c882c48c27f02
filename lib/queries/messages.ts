'use client';
// Hooks for a topic's records: browse a window (on demand), produce, and live tail.
// Components never build URLs or query keys themselves.
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Message, MessagesResponse, ProduceResponse, type ProduceRequest } from '../contract/messages';
import { chunks, mergeProduceResults, PRODUCE_CHUNK } from '../messages/produce-chunks';
import { ApiError, fetchJson, jsonBody } from './fetch-json';
import { useScope } from './scope';

const enc = encodeURIComponent;

/** What the browser asks for; the server applies the contract's defaults. */
export type MessagesParams = {
  partition?: number;
  from?: 'newest' | 'oldest' | 'offset' | 'timestamp';
  offset?: number;
  timestamp?: string;
  limit?: number;
  q?: string;
  maxValueBytes?: number;
};

function cleanParams(query: MessagesParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && v !== null) out[k] = String(v);
  return out;
}

/** One window of records. No polling: it loads when `query` changes (or on refetch()). */
export function useMessages(topic: string, query: MessagesParams | null) {
  const { keys, api } = useScope();
  const clean = query ? cleanParams(query) : {};
  return useQuery({
    queryKey: keys.messages(topic, clean),
    queryFn: ({ signal }) => fetchJson(api(`/api/topics/${enc(topic)}/messages?${new URLSearchParams(clean)}`), MessagesResponse, { signal }),
    enabled: query !== null,
    placeholderData: (prev) => prev,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/**
 * Produce from the form. Above PRODUCE_CHUNK records the copies go in several requests,
 * each continuing {{i}}, so `progress` can say how many are written so far.
 */
export function useProduce(topic: string) {
  const { keys, api } = useScope();
  const qc = useQueryClient();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const send = (body: ProduceRequest) => fetchJson(api(`/api/topics/${enc(topic)}/messages`), ProduceResponse, { method: 'POST', ...jsonBody(body) });
  const mutation = useMutation({
    mutationFn: async (body: ProduceRequest) => {
      const total = body.count ?? 1;
      if (total <= PRODUCE_CHUNK) return send(body);
      let merged: ProduceResponse | null = null;
      for (const c of chunks(total)) {
        setProgress({ done: c.indexFrom, total });
        try {
          const r = await send({ ...body, ...c });
          merged = merged ? mergeProduceResults(merged, r) : r;
        } catch (e) {
          const err = e as ApiError;
          throw new ApiError(err.status ?? 0, err.code ?? 'ERROR', `${err.message} (${c.indexFrom.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} records had been written)`);
        }
      }
      setProgress({ done: total, total });
      return merged!;
    },
    onSettled: () => {
      setProgress(null);
      return Promise.all([qc.invalidateQueries({ queryKey: keys.topic(topic) }), qc.invalidateQueries({ queryKey: keys.topics() })]);
    },
  });
  return { ...mutation, progress };
}

export const TAIL_CAP_DEFAULT = 500;

export type TailState = {
  /** Newest first, at most `cap`. */
  messages: Message[];
  /** 'connecting' until the stream opens; 'error' while the browser retries. */
  status: 'idle' | 'connecting' | 'open' | 'error';
  /** Records that arrived and were dropped because of the cap. */
  dropped: number;
  clear: () => void;
};

/**
 * Live tail over Server-Sent Events. `topic === null` (or `enabled: false`) keeps it off.
 * Paused closes the stream: nothing is appended until resumed.
 */
export function useTail(
  topic: string | null,
  partition: number | undefined,
  { paused = false, cap = TAIL_CAP_DEFAULT }: { paused?: boolean; cap?: number } = {},
): TailState {
  const { api } = useScope();
  const [messages, setMessages] = useState<Message[]>([]);
  const [status, setStatus] = useState<TailState['status']>('idle');
  const [received, setReceived] = useState(0);

  useEffect(() => {
    if (topic === null || paused || typeof EventSource === 'undefined') {
      setStatus('idle');
      return;
    }
    const qs = partition === undefined ? '' : `?${new URLSearchParams({ partition: String(partition) })}`;
    const es = new EventSource(api(`/api/topics/${enc(topic)}/tail${qs}`));
    setStatus('connecting');
    es.onopen = () => setStatus('open');
    es.onerror = () => setStatus(es.readyState === EventSource.CLOSED ? 'idle' : 'error');
    es.onmessage = (ev: MessageEvent<string>) => {
      let m: Message;
      try {
        m = Message.parse(JSON.parse(ev.data));
      } catch {
        return; // not a record (a comment or a malformed line): skip it
      }
      setReceived((n) => n + 1);
      setMessages((prev) => (prev.length >= cap ? [m, ...prev.slice(0, cap - 1)] : [m, ...prev]));
    };
    return () => {
      es.onmessage = null;
      es.onerror = null;
      es.onopen = null;
      es.close();
    };
  }, [topic, partition, paused, cap]);

  // A different topic or partition starts a fresh list.
  useEffect(() => {
    setMessages([]);
    setReceived(0);
  }, [topic, partition]);

  return {
    messages,
    status,
    dropped: Math.max(0, received - messages.length),
    clear: () => {
      setMessages([]);
      setReceived(0);
    },
  };
}
