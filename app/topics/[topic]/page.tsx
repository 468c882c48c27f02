import { OverviewTab } from '@/components/topics/detail/OverviewTab';

export default function TopicOverviewPage() {
  return <OverviewTab />;
}
