'use client';
// Hooks for the lab: this page's members (refreshed every second, which also tells the
// server the page is still there), starting one, and one action on one member. Every
// action refreshes the members and the group, so a commit shows on screen at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { LabActionResponse, LabMembersResponse, StartLabMemberResponse, type LabAction, type LabMember, type StartLabMember } from '../contract/lab';
import { csrfHeadersNow, fetchJson, jsonBody } from './fetch-json';
import { useScope } from './scope';

const enc = encodeURIComponent;
export const LAB_REFRESH_MS = 1000;

/** One id per open lab page; when the page goes away its members leave their groups. */
export function useLabSession(): string | null {
  const [session, setSession] = useState<string | null>(null);
  useEffect(() => {
    const id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
    setSession(id);
    // keepalive lets the request outlive the page; pagehide also fires on mobile and bfcache
    // sent as the page unloads: no time to ask for the CSRF token (the lab's useCan has read it)
    const end = () => void fetch(`/api/lab/sessions/${id}`, { method: 'DELETE', keepalive: true, headers: csrfHeadersNow() }).catch(() => {});
    window.addEventListener('pagehide', end);
    return () => {
      window.removeEventListener('pagehide', end);
      end(); // navigating elsewhere inside the app
    };
  }, []);
  return session;
}

export function useLabMembers(session: string | null) {
  const { keys, api } = useScope();
  return useQuery({
    queryKey: keys.lab(session ?? ''),
    queryFn: () => fetchJson(api(`/api/lab/members?session=${enc(session!)}`), LabMembersResponse),
    enabled: session !== null,
    refetchInterval: LAB_REFRESH_MS,
    refetchIntervalInBackground: true, // a hidden tab is still a live page: keep its members
    placeholderData: (prev) => prev,
  });
}

export function useStartLabMember(session: string | null) {
  const { keys, api } = useScope();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: Omit<z.input<typeof StartLabMember>, 'session'>) => fetchJson(api('/api/lab/members'), StartLabMemberResponse, { method: 'POST', ...jsonBody({ ...req, session }) }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.lab(session ?? '') }),
  });
}

export function useLabAction(member: LabMember) {
  const { keys, api } = useScope();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (action: LabAction) => fetchJson(api(`/api/lab/members/${enc(member.id)}`), LabActionResponse, { method: 'POST', ...jsonBody(action) }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: keys.lab(member.session) });
      void qc.invalidateQueries({ queryKey: keys.group(member.groupId) });
    },
  });
}
