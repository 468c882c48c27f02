import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TopicLayout } from '@/components/topics/detail/TopicLayout';
import { decodeRouteParam } from '@/lib/topics/route-param';

type Props = { params: Promise<{ topic: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${decodeRouteParam((await params).topic)} · offsetscope` };
}

export default async function Layout({ params, children }: Props & { children: ReactNode }) {
  return <TopicLayout name={decodeRouteParam((await params).topic)}>{children}</TopicLayout>;
}
