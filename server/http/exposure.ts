// Whether the dashboard is reachable from other machines, and whether that is allowed.
// There is no login yet, so serving on a non-loopback address means anyone who reaches
// it can delete topics and rewrite offsets: that needs an explicit OFFSETSCOPE_AUTH=none,
// and then every page says so (components/layout/ExposureBanner.tsx).
import { isLoopbackHost, type Env } from './host-policy';

export interface Exposure {
  /** The address the dashboard binds (HOST). */
  bind: string;
  /** Reachable from other machines (HOST is not a loopback address). */
  exposed: boolean;
  /** OFFSETSCOPE_AUTH=none: the person starting it accepted serving without a login. */
  authNone: boolean;
}

export function exposureFromEnv(env: Env = process.env): Exposure {
  const bind = env.HOST?.trim() || '127.0.0.1';
  return { bind, exposed: !isLoopbackHost(bind), authNone: env.OFFSETSCOPE_AUTH?.trim().toLowerCase() === 'none' };
}

/** Why the dashboard must not start as configured, or null when it may. */
export function exposureRefusal(env: Env = process.env): string | null {
  const auth = env.OFFSETSCOPE_AUTH?.trim();
  if (auth && auth.toLowerCase() !== 'none') {
    return `OFFSETSCOPE_AUTH=${auth} is not known; the only value today is 'none' (serve without a login)`;
  }
  const e = exposureFromEnv(env);
  if (!e.exposed || e.authNone) return null;
  return (
    `refusing to serve on ${e.bind}: that address is reachable from other machines and offsetscope has no login yet, ` +
    `so anyone who reaches it could delete topics and reset offsets. Set HOST=127.0.0.1 to serve this machine only, ` +
    `or OFFSETSCOPE_AUTH=none to serve anyway without a login (every page then says so). ` +
    `The names other machines use to reach it go in OFFSETSCOPE_ALLOWED_HOSTS.`
  );
}
