import { ConsumersTab } from '@/components/topics/detail/ConsumersTab';

export default function TopicConsumersPage() {
  return <ConsumersTab />;
}
