// Runs once when the Next.js server starts: begins the samplers (so the overview chart and
// the lag history have data from the start) and, for `npm start -- --demo`, the demo on an empty
// embedded broker.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { dashboardClusters } = await import('./server/kafka/cluster');
  const { startHistorySampler } = await import('./server/kafka/sampling/totals-history');
  const { lagSampler } = await import('./server/kafka/sampling/lag-sampler');
  for (const c of dashboardClusters()) {
    startHistorySampler(c);
    lagSampler(c); // starts sampling: lag history begins with the server, not the first visit
  }
  if (process.env.OFFSETSCOPE_DEMO === '1' && process.env.OFFSETSCOPE_MODE !== 'external') {
    const { dashboardCluster } = await import('./server/kafka/cluster');
    const { startDemo } = await import('./server/kafka/actions/demo');
    const { client } = dashboardCluster();
    // The broker is up before the dashboard starts (scripts/start.ts waits for it).
    startDemo(client).catch((e) => console.error(`offsetscope: the demo could not start: ${(e as Error).message}`));
  }
}
