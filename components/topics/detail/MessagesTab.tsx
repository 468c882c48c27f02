'use client';
// Messages tab: the records (browse, filter expressions run on the server, live tail) and,
// for those who may, the produce form.
import { useCan } from '@/lib/queries/auth';
import { Card } from '../../ui/Card';
import { MessageBrowser } from '../../messages/MessageBrowser';
import { ProduceForm } from '../../messages/ProduceForm';
import { useTopicDetail } from './TopicLayout';

export function MessagesTab() {
  const d = useTopicDetail();
  const can = useCan();
  const partitions = d.partitions.map((p) => p.partition);
  return (
    <div className="space-y-6">
      <Card id="messages" title="Messages">
        {can('readMessages') ? (
          <MessageBrowser topic={d.name} partitions={partitions} />
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400" data-testid="messages-withheld">
            Message contents are withheld from your role.
          </p>
        )}
      </Card>
      {can('produce') && (
        <Card id="produce" title="Produce">
          <ProduceForm topic={d.name} partitions={partitions} />
        </Card>
      )}
    </div>
  );
}
