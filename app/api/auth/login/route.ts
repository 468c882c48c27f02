import { LoginRequest } from '@/lib/contract/auth';
import { handle, HttpError } from '@/server/http/api';
import { passwordLogin } from '@/server/http/auth-routes';

export const dynamic = 'force-dynamic';

/** Logs in with a local user's name and password: 200 with the session cookie, 401, or 429 while slowed down. */
export function POST(req: Request): Promise<Response> {
  return handle(async () => {
    const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
    let raw: unknown;
    try {
      raw = await req.json();
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', 'The body is not valid JSON.');
    }
    const body = LoginRequest.safeParse(raw);
    if (!body.success) throw new HttpError(400, 'BAD_REQUEST', 'Give a name and a password.');
    return passwordLogin(req, body.data);
  });
}
