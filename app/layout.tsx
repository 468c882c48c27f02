import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Header } from '@/components/layout/Header';
import { StaleBanner } from '@/components/layout/StaleBanner';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'offsetscope',
  description: 'Kafka topics and consumer offsets',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <Providers>
          <Header />
          <StaleBanner />
          <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
