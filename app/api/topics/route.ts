import { CreateTopicRequest, TopicsQuery, type TopicSummary } from '@/lib/contract/topics';
import { clusterFor, handle, json, parseBody, parseQuery, authorize, audit } from '@/server/http/api';
import { filterTopics } from '@/lib/topics/filter';

export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return handle(async () => {
    const q = parseQuery(req, TopicsQuery);
    const snap = await clusterFor(req).topics.snapshot();
    const topics: TopicSummary[] = filterTopics(snap.topics, q);
    return json({ topics, total: snap.topics.length, fetchedAt: snap.fetchedAt });
  });
}

export function POST(req: Request): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, CreateTopicRequest, 'createTopic');
    authorize(req, 'createTopic', { topic: body.name });
    await clusterFor(req).topics.create(body);
    audit(req, 'topic.create', body.name, { partitions: body.partitions, replicationFactor: body.replicationFactor });
    return json({ name: body.name }, 201);
  });
}
