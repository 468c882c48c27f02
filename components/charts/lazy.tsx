'use client';
// The charts, loaded when a page shows one: recharts is about 117 kB of gzipped script,
// more than half of what a page loads first, so it stays out of every page's first load.
// Until it arrives, a box of the chart's height keeps the page from jumping.
import dynamic from 'next/dynamic';

function Placeholder({ height }: { height: number }) {
  return <div style={{ height }} aria-busy="true" className="animate-pulse rounded bg-zinc-50 dark:bg-zinc-800/40" />;
}

export const MessagesChart = dynamic(() => import('./MessagesChart').then((m) => m.MessagesChart), { ssr: false, loading: () => <Placeholder height={220} /> });

export const LagChart = dynamic(() => import('./LagChart').then((m) => m.LagChart), { ssr: false, loading: () => <Placeholder height={240} /> });
