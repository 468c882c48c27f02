import { handle, json } from '@/server/http/api';
import { authService } from '@/server/auth/service';
import type { LoginMethods } from '@/lib/contract/auth';

export const dynamic = 'force-dynamic';

/** How the login page offers to log in (public). */
export function GET(): Promise<Response> {
  return handle(async () => {
    const s = authService()?.settings;
    const body: LoginMethods = { password: (s?.users.length ?? 0) > 0, oidc: s?.oidc ? { label: s.oidc.label } : null };
    return json(body);
  });
}
