// The one way the browser calls the API: JSON in and out, errors turned into ApiError
// with the server's code and message, answers checked against the contract's schema.
import type { z } from 'zod';
import { ApiErrorBody } from '../contract/common';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The login session's CSRF token (from /api/auth/me), sent with every change; null without a cookie session. */
let csrfToken: string | null = null;
let csrfKnown = false;

/** What /api/auth/me said (null: no cookie session, so no token is needed). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  csrfKnown = true;
}

/** After logging in or out: the next change asks /api/auth/me again. */
export function forgetCsrfToken(): void {
  csrfToken = null;
  csrfKnown = false;
}

/** The CSRF header as known now, without asking (for requests sent while the page unloads). */
export function csrfHeadersNow(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** The headers a change needs: the CSRF token of a login session, read once from /api/auth/me. */
export async function csrfHeaders(): Promise<Record<string, string>> {
  if (!csrfKnown) {
    try {
      const res = await fetch('/api/auth/me');
      if (res.ok) setCsrfToken(((await res.json()) as { csrfToken: string | null }).csrfToken);
    } catch {
      // the change itself will say what is wrong
    }
  }
  return csrfHeadersNow();
}

const SAFE = new Set(['GET', 'HEAD']);

export async function fetchJson<S extends z.ZodType>(url: string, schema: S | null, init: RequestInit = {}): Promise<z.infer<S>> {
  let res: Response;
  try {
    const csrf = SAFE.has((init.method ?? 'GET').toUpperCase()) ? {} : await csrfHeaders();
    res = await fetch(url, {
      ...init,
      headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...csrf, ...(init.headers as Record<string, string> | undefined) },
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The offsetscope server cannot be reached.');
  }
  if (res.status === 401 && typeof window !== 'undefined' && window.location.pathname !== '/login') {
    // the session ended (expired, or logged out elsewhere): log in again, then come back here
    window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  if (res.status === 204) return undefined as z.infer<S>;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // an empty or non-JSON answer is reported below
  }
  if (!res.ok) {
    const parsed = ApiErrorBody.safeParse(body);
    if (parsed.success) throw new ApiError(res.status, parsed.data.error.code, parsed.data.error.message);
    throw new ApiError(res.status, 'HTTP_' + res.status, `The server answered ${res.status}.`);
  }
  return schema ? schema.parse(body) : (body as z.infer<S>);
}

export const jsonBody = (data: unknown): RequestInit => ({ body: JSON.stringify(data) });
