import { z } from 'zod';
import { nonNegative } from '@/lib/contract/common';
import { clusterFor, handle, parseQuery, authorize, sessionSignal } from '@/server/http/api';

export const dynamic = 'force-dynamic';

const TailQuery = z.object({ partition: z.coerce.number().pipe(nonNegative).optional() });

export function GET(req: Request, ctx: { params: Promise<{ topic: string }> }): Promise<Response> {
  return handle(async () => {
    const { partition } = parseQuery(req, TailQuery);
    const { topic } = await ctx.params;
    authorize(req, 'readMessages');
    const stream = await clusterFor(req).topics.tail(topic, partition, sessionSignal(req));
    // no-transform: the built-in compression would otherwise buffer the events
    return new Response(stream, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive' } });
  });
}
