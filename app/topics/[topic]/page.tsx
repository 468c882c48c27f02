import type { Metadata } from 'next';
import { TopicDetailView } from '@/components/topics/TopicDetailView';

type Props = { params: Promise<{ topic: string }> };

// Page params arrive still percent-encoded here (route handlers get them decoded).
// Valid topic names never contain '%', so decoding once is safe; a malformed escape is
// shown as typed (and answered "does not exist").
function topicName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${topicName((await params).topic)} · offsetscope` };
}

export default async function TopicPage({ params }: Props) {
  return <TopicDetailView name={topicName((await params).topic)} />;
}
