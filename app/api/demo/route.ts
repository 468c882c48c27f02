import { DEMO_TOPICS } from '@/server/kafka/actions/demo';
import { DemoRequest } from '@/lib/contract/cluster';
import { clusterFor, handle, HttpError, json, parseBody, audit, authorize } from '@/server/http/api';

export const dynamic = 'force-dynamic';

export function POST(req: Request): Promise<Response> {
  return handle(async () => {
    const body = await parseBody(req, DemoRequest, 'createTopic');
    // the demo creates these topics (keeping those that exist) and produces into them
    for (const t of DEMO_TOPICS) {
      authorize(req, 'createTopic', { topic: t.name });
      authorize(req, 'produce', { topic: t.name });
    }
    const { mode, demo } = clusterFor(req);
    if (mode === 'external' && !body.confirmExternal) {
      throw new HttpError(409, 'CONFIRM_EXTERNAL', 'This is an external cluster: demo topics and data are written only if you confirm (confirmExternal: true).');
    }
    const topics = await demo.start();
    audit(req, 'demo.start', null, { topics });
    return json({ topics, producing: true }, 201);
  });
}
