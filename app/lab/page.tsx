import type { Metadata } from 'next';
import { LabView } from '@/components/lab/LabView';

export const metadata: Metadata = { title: 'Consumer lab · offsetscope' };

type Props = { searchParams: Promise<{ topic?: string | string[]; group?: string | string[] }> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export default async function LabPage({ searchParams }: Props) {
  const q = await searchParams;
  return <LabView initialTopic={one(q.topic)} initialGroup={one(q.group)} />;
}
