'use client';
// One QueryClient per browser tab. Polling pauses while the tab is in the background,
// a failed request is retried once, and the last answer stays on screen while the next
// one loads (or fails): a broker that is briefly away never blanks the page.
import { QueryClient, QueryClientProvider, keepPreviousData } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

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
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
