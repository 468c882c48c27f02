import type { Metadata } from 'next';
import { GroupsView } from '@/components/groups/GroupsView';

export const metadata: Metadata = { title: 'Consumer groups · offsetscope' };

export default function GroupsPage() {
  return <GroupsView />;
}
