import { SearchRequest, type SearchEvent } from '@/lib/contract/search';
import { clusterFor, handle, parseReadBody, sessionSignal } from '@/server/http/api';
import { ndjsonResponse } from '@/server/http/ndjson';

export const dynamic = 'force-dynamic';

/** A filter expression run while scanning; answers NDJSON events (lib/contract/search.ts). */
export function POST(req: Request, ctx: { params: Promise<{ topic: string }> }): Promise<Response> {
  return handle(async () => {
    const body = await parseReadBody(req, SearchRequest, 'readMessages');
    const { topic } = await ctx.params;
    const search = await clusterFor(req).topics.search(topic, body);
    return ndjsonResponse<SearchEvent>((emit, signal) => search.run(emit, signal), sessionSignal(req));
  });
}
