import { handle } from '@/server/http/api';
import { logout } from '@/server/http/auth-routes';

export const dynamic = 'force-dynamic';

/** Ends the session: the cookie is cleared and the server forgets it. */
export function POST(req: Request): Promise<Response> {
  return handle(async () => {
    const { cookie, redirect } = await logout(req);
    return Response.json({ redirect }, { headers: { 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } });
  });
}
