import { handle } from '@/server/http/api';
import { oidcCallback } from '@/server/http/auth-routes';

export const dynamic = 'force-dynamic';

/** Single sign-on: the provider's way back; a session starts and the browser goes where it was headed. */
export function GET(req: Request): Promise<Response> {
  return handle(() => oidcCallback(req));
}
