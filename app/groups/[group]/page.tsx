import type { Metadata } from 'next';
import { GroupDetailView } from '@/components/groups/GroupDetailView';

type Props = { params: Promise<{ group: string }> };

// Page params arrive still percent-encoded here (route handlers get them decoded), and
// links encode the id exactly once (encodeURIComponent), so decoding once gives it back —
// a group id may itself contain '%'. A malformed escape is shown as typed (and answered
// "does not exist").
function groupId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${groupId((await params).group)} · offsetscope` };
}

export default async function GroupPage({ params }: Props) {
  return <GroupDetailView groupId={groupId((await params).group)} />;
}
