'use client';
// Consumers tab: every group with committed offsets on the topic, its lag per partition.
import { Card } from '../../ui/Card';
import { GroupsList } from '../GroupsList';
import { useTopicDetail } from './TopicLayout';

export function ConsumersTab() {
  const d = useTopicDetail();
  return (
    <Card id="groups" title="Consumed by">
      <GroupsList detail={d} />
    </Card>
  );
}
