import { handle, json } from '@/server/http/api';
import { me } from '@/server/http/auth-routes';

export const dynamic = 'force-dynamic';

/** Who is logged in, their CSRF token, and what they may do on each cluster. */
export function GET(): Promise<Response> {
  return handle(async () => json(me()));
}
