import { CreateTopicRequest, TopicsQuery, type TopicSummary } from '@/lib/contract/topics';
import { clusterFor, handle, json, parseBody, parseQuery } from '@/server/http/api';
import { createTopic } from '@/server/kafka/actions/topic-admin';
import { topicsSnapshot } from '@/server/kafka/snapshots/topics';
import { filterTopics } from '@/lib/topics/filter';

export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return handle(async () => {
    const q = parseQuery(req, TopicsQuery);
    const snap = await topicsSnapshot(clusterFor(req).client);
    const topics: TopicSummary[] = filterTopics(snap.topics, q);
    return json({ topics, total: snap.topics.length, fetchedAt: snap.fetchedAt });
  });
}

export function POST(req: Request): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, CreateTopicRequest);
    await createTopic(clusterFor(req).client, body);
    return json({ name: body.name }, 201);
  });
}
