import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ExposureBanner } from '@/components/layout/ExposureBanner';
import { Header } from '@/components/layout/Header';
import { StaleBanner } from '@/components/layout/StaleBanner';
import { exposureFromEnv } from '@/server/http/exposure';
import { authService } from '@/server/auth/service';
import { dashboardClusters } from '@/server/kafka/clusters';
import { Providers } from './providers';
import './globals.css';

// Every page is rendered per request: its inline scripts carry that response's CSP nonce
// (server/http/request-guard.ts), which a page prerendered at build time could not.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'offsetscope',
  description: 'Kafka topics and consumer offsets',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const exposure = exposureFromEnv();
  // with a login, being reachable from the network is the point, not a warning
  const login = authService() !== null;
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <Providers>
          {exposure.exposed && !login ? <ExposureBanner bind={exposure.bind} canChange={dashboardClusters().some((c) => !c.readOnly)} /> : null}
          <Header />
          <StaleBanner />
          <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
