// On every page while the dashboard serves a non-loopback address without a login
// (HOST=0.0.0.0 with OFFSETSCOPE_AUTH=none): whoever reaches the address has every power
// the page has. Rendered by the root layout on the server from what server/http/exposure.ts
// decided; a server component, so nothing about it reaches the browser's bundle.
export function ExposureBanner({ bind, canChange }: { bind: string; canChange: boolean }) {
  return (
    <div role="alert" data-testid="exposure-banner" className="border-b border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      <div className="mx-auto max-w-7xl px-4 py-2 text-sm sm:px-6">
        <strong className="font-semibold">No login: this dashboard is open to the network.</strong> It serves {bind} with
        OFFSETSCOPE_AUTH=none, so anyone who reaches that address can{' '}
        {canChange ? 'see every topic and message and change the cluster: produce, delete topics and reset offsets.' : 'see every topic and message (changes are off: read-only).'}
      </div>
    </div>
  );
}
