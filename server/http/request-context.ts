// What the front door (request-guard.ts) learnt about a request that the request itself
// cannot be trusted to say: the socket's address and, behind a trusted proxy, the
// client's. Route handlers read it here instead of from headers a client could forge.
// Next.js bundles route handlers apart from the server that runs them, so the store
// lives on globalThis: one per process.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal, Session } from '../auth/sessions';

export interface RequestContext {
  /** The TCP peer: the browser, or the reverse proxy in front of us. */
  socketAddress: string | null;
  /** Who asked: the socket's address, or X-Forwarded-For's client when the socket is a trusted proxy. */
  clientAddress: string | null;
  /** Who is asking, when a login is configured (null: nobody has logged in, only public paths). */
  principal: Principal | null;
  /** The session the request came with (cookie logins), for its CSRF token and logout. */
  session: Session | null;
}

const KEY = Symbol.for('offsetscope.requestContext');
type Holder = { [KEY]?: AsyncLocalStorage<RequestContext> };

function storage(): AsyncLocalStorage<RequestContext> {
  return ((globalThis as Holder)[KEY] ??= new AsyncLocalStorage<RequestContext>());
}

export function runWithRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage().run(ctx, fn);
}

/** The context of the request being served, or undefined outside the front door (plain `next start`). */
export function requestContext(): RequestContext | undefined {
  return storage().getStore();
}
