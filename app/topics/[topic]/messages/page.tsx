import { MessagesTab } from '@/components/topics/detail/MessagesTab';

export default function TopicMessagesPage() {
  return <MessagesTab />;
}
