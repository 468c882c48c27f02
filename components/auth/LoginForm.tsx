'use client';
// /login: a local user's name and password, and single sign-on when OpenID Connect is
// configured. After logging in the person goes back to the page that sent them here
// (only a path on this site: `next` is never followed off it).
import { useState, type FormEvent } from 'react';
import { useLoginMethods } from '@/lib/queries/auth';
import { ApiError, fetchJson, forgetCsrfToken } from '@/lib/queries/fetch-json';
import { Button } from '../ui/Button';
import { ErrorText } from '../ui/Messages';
import { inputClass, labelClass } from '../ui/fields';
import { safeNext } from '@/lib/auth/next';

/** What a failed single sign-on sent back (/login?error=…) means. */
const SSO_ERRORS: Record<string, string> = {
  OIDC_STATE: 'That sign-on was not started here, or took too long; try again.',
  OIDC_PROVIDER: 'The sign-on provider could not be reached or refused the login; try again, or ask who runs it.',
  OIDC_NO_NAME: 'The sign-on provider did not say who you are.',
};

export function LoginForm({ next, ssoError }: { next: string | null; ssoError: string | null }) {
  const methods = useLoginMethods();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const target = safeNext(next);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await fetchJson('/api/auth/login', null, { method: 'POST', body: JSON.stringify({ name, password }) });
      forgetCsrfToken(); // the new session's token is read on the next page
      window.location.assign(target);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The login failed.');
      setBusy(false);
    }
  };

  const m = methods.data;
  return (
    <div className="mx-auto max-w-sm space-y-6 pt-10">
      <h1 className="text-xl font-semibold">Log in</h1>
      {ssoError && <ErrorText>{SSO_ERRORS[ssoError] ?? 'The sign-on failed; try again.'}</ErrorText>}
      {m?.oidc && (
        <a
          href={`/api/auth/oidc/start?next=${encodeURIComponent(target)}`}
          className="block rounded-md bg-indigo-600 px-3 py-2 text-center text-sm font-medium text-white hover:bg-indigo-500"
        >
          {m.oidc.label}
        </a>
      )}
      {(m?.password ?? true) && (
        <form className="space-y-4" onSubmit={submit}>
          <div className="space-y-1">
            <label htmlFor="login-name" className={labelClass}>
              Name
            </label>
            <input id="login-name" className={`${inputClass} w-full`} autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
          </div>
          <div className="space-y-1">
            <label htmlFor="login-password" className={labelClass}>
              Password
            </label>
            <input id="login-password" type="password" className={`${inputClass} w-full`} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </div>
          {error && <ErrorText>{error}</ErrorText>}
          <Button type="submit" variant="primary" disabled={busy || !name || !password}>
            Log in
          </Button>
        </form>
      )}
    </div>
  );
}
