import { handle, json } from '@/server/http/api';
import { dashboardClusters } from '@/server/kafka/clusters';

export const dynamic = 'force-dynamic';

/** The configured clusters, without any secret: what the cluster switcher lists. */
export function GET(): Promise<Response> {
  return handle(async () =>
    json({
      clusters: dashboardClusters().map((c) => ({ id: c.id, name: c.name, mode: c.mode, bootstrap: c.bootstrap, readOnly: c.readOnly, security: { tls: c.tls, saslMechanism: c.saslMechanism }, default: c.isDefault })),
    }),
  );
}
