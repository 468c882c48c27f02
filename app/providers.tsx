'use client';
// One QueryClient per browser tab. Polling pauses while the tab is in the background,
// a failed request is retried once, and the last answer stays on screen while the next
// one loads (or fails): a broker that is briefly away never blanks the page.
import { QueryClient, QueryClientProvider, keepPreviousData } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { ClusterScope } from '@/lib/queries/scope';

// zod compiles parsers with `new Function` when it may; the pages' CSP forbids eval
// (server/http/security-headers.ts), and zod's probe for it would log a violation.
z.config({ jitless: true });

/** The cluster id of a /clusters/{id}/… path; null on the default cluster's pages. */
function clusterOfPath(pathname: string | null): string | null {
  const m = /^\/clusters\/([^/]+)/.exec(pathname ?? '');
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            refetchIntervalInBackground: false,
            retry: 1,
            placeholderData: keepPreviousData,
          },
          mutations: { retry: 0 },
        },
      }),
  );
  const cluster = clusterOfPath(usePathname());
  return (
    <QueryClientProvider client={client}>
      <ClusterScope.Provider value={cluster}>{children}</ClusterScope.Provider>
    </QueryClientProvider>
  );
}
