// Whether the dashboard is reachable from other machines, and whether that is allowed.
// Without a login (the config file's `auth`), serving on a non-loopback address means
// anyone who reaches it can delete topics and rewrite offsets: that needs an explicit
// OFFSETSCOPE_AUTH=none, and then every page says so (components/layout/ExposureBanner.tsx).
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

/** Why the dashboard must not start as configured, or null when it may. `login`: the config file sets up a login. */
export function exposureRefusal(env: Env = process.env, login = false): string | null {
  const auth = env.OFFSETSCOPE_AUTH?.trim();
  if (auth && auth.toLowerCase() !== 'none') {
    return `OFFSETSCOPE_AUTH=${auth} is not known; the only value is 'none' (serve without a login); a login is set up with \`auth\` in the OFFSETSCOPE_CONFIG file`;
  }
  const e = exposureFromEnv(env);
  if (login && e.authNone) return 'OFFSETSCOPE_AUTH=none says to serve without a login, but the OFFSETSCOPE_CONFIG file sets one up (`auth`): remove one of them';
  if (!e.exposed || e.authNone || login) return null;
  return (
    `refusing to serve on ${e.bind}: that address is reachable from other machines and no login is set up, ` +
    `so anyone who reaches it could delete topics and reset offsets. Set HOST=127.0.0.1 to serve this machine only, ` +
    `set up a login (\`auth\` in the OFFSETSCOPE_CONFIG file, see the README), ` +
    `or OFFSETSCOPE_AUTH=none to serve anyway without a login (every page then says so). ` +
    `The names other machines use to reach it go in OFFSETSCOPE_ALLOWED_HOSTS.`
  );
}
