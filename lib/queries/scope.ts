'use client';
// Which cluster the page shows: pages under /clusters/{id}/… set it (app/clusters/[cluster]
// /layout.tsx); everywhere else it is null, the default cluster of the unprefixed routes.
// Hooks and links take their URLs and query keys from here, so one component serves
// every cluster.
import { createContext, useContext, useMemo } from 'react';
import { keysFor, type Keys } from './keys';

export const ClusterScope = createContext<string | null>(null);

export interface Scope {
  /** The cluster id of the page, null for the default cluster. */
  clusterId: string | null;
  keys: Keys;
  /** '/api/topics' → '/api/clusters/{id}/topics' on a cluster's pages. */
  api: (path: string) => string;
  /** '/topics' → '/clusters/{id}/topics' on a cluster's pages. */
  page: (path: string) => string;
}

export function scopeFor(clusterId: string | null): Scope {
  const prefix = clusterId === null ? null : `/clusters/${encodeURIComponent(clusterId)}`;
  return {
    clusterId,
    keys: keysFor(clusterId ?? '~default'),
    api: (p) => (prefix === null ? p : p.replace(/^\/api(?=\/|$)/, `/api${prefix}`)),
    page: (p) => (prefix === null ? p : p === '/' ? prefix : `${prefix}${p}`),
  };
}

export function useScope(): Scope {
  const id = useContext(ClusterScope);
  return useMemo(() => scopeFor(id), [id]);
}
