'use client';
// Tabs that are pages: each tab is a link to its own URL (reload, share and back/forward
// keep the tab), marked up as an ARIA tablist. Arrow keys, Home and End move between tabs
// and open the one reached, as the tabs pattern expects; Tab goes on to the panel.
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { focusRing } from './Button';
import { cx } from './cx';

export interface LinkTab {
  /** The tab's page, as the browser shows it. */
  href: string;
  label: string;
  /** Which pathnames this tab is (default: exactly href). */
  active?: (pathname: string) => boolean;
}

export function LinkTabs({ label, tabs, panelId, children }: { label: string; tabs: LinkTab[]; panelId: string; children: ReactNode }) {
  const pathname = usePathname() ?? '';
  const router = useRouter();
  const refs = useRef<(HTMLAnchorElement | null)[]>([]);
  const current = Math.max(
    0,
    tabs.findIndex((t) => (t.active ? t.active(pathname) : pathname === t.href)),
  );

  function onKeyDown(e: KeyboardEvent<HTMLAnchorElement>, i: number) {
    const to = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    refs.current[to]?.focus();
    router.push(tabs[to].href);
  }

  return (
    <div>
      <div role="tablist" aria-label={label} className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {tabs.map((t, i) => {
          const selected = i === current;
          return (
            <Link
              key={t.href}
              ref={(el) => {
                refs.current[i] = el;
              }}
              href={t.href}
              role="tab"
              id={`${panelId}-tab-${i}`}
              aria-selected={selected}
              aria-controls={panelId}
              tabIndex={selected ? 0 : -1}
              onKeyDown={(e) => onKeyDown(e, i)}
              className={cx(
                '-mb-px rounded-t border-b-2 px-3 py-2 text-sm font-medium',
                focusRing,
                selected
                  ? 'border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300'
                  : 'border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100',
              )}
            >
              {t.label}
            </Link>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={`${panelId}-tab-${current}`} className="pt-4">
        {children}
      </div>
    </div>
  );
}
