'use client';
// Configs tab: every config with where its value comes from, editable with alterTopic.
import { useCan } from '@/lib/queries/auth';
import { Card } from '../../ui/Card';
import { ConfigsTable } from '../ConfigsTable';
import { useTopicDetail } from './TopicLayout';

export function ConfigsTab() {
  const d = useTopicDetail();
  const can = useCan();
  return (
    <Card id="configs" title="Configs">
      <ConfigsTable topic={d.name} configs={d.configs} canWrite={can('alterTopic')} />
    </Card>
  );
}
