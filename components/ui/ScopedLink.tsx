'use client';
// A link within the dashboard: on a cluster's pages (/clusters/{id}/…) it stays on that
// cluster, elsewhere it goes to the default cluster's page.
import Link from 'next/link';
import type { ComponentProps } from 'react';
import { useScope } from '@/lib/queries/scope';

export function ScopedLink({ href, ...props }: Omit<ComponentProps<typeof Link>, 'href'> & { href: string }) {
  const { page } = useScope();
  return <Link href={page(href)} {...props} />;
}
