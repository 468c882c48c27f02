import { handle, json, readableClusters } from '@/server/http/api';

export const dynamic = 'force-dynamic';

/** The configured clusters the person may read, without any secret: what the cluster switcher lists. */
export function GET(): Promise<Response> {
  return handle(async () =>
    json({
      clusters: readableClusters().map((c) => ({ id: c.id, name: c.name, mode: c.mode, bootstrap: c.bootstrap, readOnly: c.readOnly, security: { tls: c.tls, saslMechanism: c.saslMechanism }, default: c.isDefault })),
    }),
  );
}
