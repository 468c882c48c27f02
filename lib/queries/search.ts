'use client';
// A search (POST /api/topics/{topic}/search) as React state: the NDJSON stream read as it
// arrives, matches added in batches (a frame's worth at a time, so 10,000 matches do not
// mean 10,000 renders), the latest progress, and how it ended. A new request, or leaving
// the page, closes the stream, which stops the scan on the server.
import { useEffect, useState } from 'react';
import { ApiErrorBody } from '../contract/common';
import type { Message } from '../contract/messages';
import { ExpressionErrorDetail, SearchEvent, type SearchRequestInput } from '../contract/search';
import { csrfHeaders } from './fetch-json';
import { useScope } from './scope';

type Counts = { scanned: number; total: number; matches: number; elapsedMs: number };

export interface SearchState {
  status: 'idle' | 'running' | 'done' | 'failed';
  messages: Message[];
  progress: Counts | null;
  end: Extract<SearchEvent, { type: 'end' }> | null;
  /** Why it failed: a refusal before scanning (with the expression's position) or a failure part-way. */
  error: { message: string; code: string; position: ExpressionErrorDetail | null } | null;
}

const IDLE: SearchState = { status: 'idle', messages: [], progress: null, end: null, error: null };

/** `rerun`: a new number runs the same request again. */
export function useSearch(topic: string, request: SearchRequestInput | null, rerun = 0): SearchState {
  const { api } = useScope();
  const [state, setState] = useState<SearchState>(IDLE);
  const key = request ? JSON.stringify(request) : null;

  useEffect(() => {
    if (key === null) {
      setState(IDLE);
      return;
    }
    const ac = new AbortController();
    let pending: Message[] = [];
    let last: Partial<SearchState> = {};
    let frame = 0;
    const flush = () => {
      frame = 0;
      const add = pending;
      pending = [];
      const patch = last;
      last = {};
      setState((s) => ({ ...s, ...patch, messages: add.length ? [...s.messages, ...add] : s.messages }));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(flush);
    };
    setState({ ...IDLE, status: 'running' });
    (async () => {
      const res = await fetch(api(`/api/topics/${encodeURIComponent(topic)}/search`), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await csrfHeaders()) },
        body: key,
        signal: ac.signal,
      });
      if (!res.ok) {
        const raw = (await res.json().catch(() => null)) as { error?: { position?: unknown } } | null;
        const body = ApiErrorBody.safeParse(raw);
        // the schema keeps code and message only: the position is read from the answer itself
        const position = ExpressionErrorDetail.safeParse(raw?.error?.position);
        setState({ ...IDLE, status: 'failed', error: { message: body.success ? body.data.error.message : `The server answered ${res.status}.`, code: body.success ? body.data.error.code : `HTTP_${res.status}`, position: position.success ? position.data : null } });
        return;
      }
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          if (!line) continue;
          const e = SearchEvent.parse(JSON.parse(line));
          if (e.type === 'match') pending.push(e.message);
          else if (e.type === 'progress') last.progress = e;
          else if (e.type === 'end') Object.assign(last, { progress: e, end: e, status: 'done' });
          else Object.assign(last, { progress: e, status: 'failed', error: { message: e.message, code: e.code, position: null } });
        }
        schedule();
      }
      flush();
    })().catch((e: unknown) => {
      if (ac.signal.aborted) return;
      setState((s) => ({ ...s, status: 'failed', error: { message: `The search stopped: ${(e as Error).message}`, code: 'NETWORK', position: null } }));
    });
    return () => {
      ac.abort();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [topic, key, api, rerun]);

  return state;
}
