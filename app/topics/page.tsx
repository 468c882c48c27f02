import type { Metadata } from 'next';
import { TopicsView } from '@/components/topics/TopicsView';

export const metadata: Metadata = { title: 'Topics · offsetscope' };

export default function TopicsPage() {
  return <TopicsView />;
}
