import { ConfigsTab } from '@/components/topics/detail/ConfigsTab';

export default function TopicConfigsPage() {
  return <ConfigsTab />;
}
