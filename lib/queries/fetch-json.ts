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

export async function fetchJson<S extends z.ZodType>(url: string, schema: S | null, init: RequestInit = {}): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: init.body !== undefined ? { 'content-type': 'application/json', ...init.headers } : init.headers,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The offsetscope server cannot be reached.');
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
