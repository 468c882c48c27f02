import { handle } from '@/server/http/api';
import { oidcStart } from '@/server/http/auth-routes';

export const dynamic = 'force-dynamic';

/** Single sign-on: off to the OpenID provider (authorization code with PKCE). */
export function GET(req: Request): Promise<Response> {
  return handle(() => oidcStart(req));
}
