// Runs once when the Next.js server starts: starts every cluster's samplers (so the overview
// chart and the lag history have data from the start) and, for `npm start -- --demo`, the
// demo on an empty embedded broker.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { dashboardClusters, dashboardCluster } = await import('./server/kafka/clusters');
  for (const c of dashboardClusters()) c.start();
  if (process.env.OFFSETSCOPE_DEMO === '1' && process.env.OFFSETSCOPE_MODE !== 'external') {
    // The broker is up before the dashboard starts (scripts/start.ts waits for it).
    dashboardCluster()
      .demo.start()
      .catch((e) => console.error(`offsetscope: the demo could not start: ${(e as Error).message}`));
  }
}
