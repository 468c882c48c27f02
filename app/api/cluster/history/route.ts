import { handle, json } from '@/server/http/api';
import { history, startHistorySampler } from '@/server/kafka/history';

export const dynamic = 'force-dynamic';

export function GET(): Promise<Response> {
  return handle(async () => {
    startHistorySampler(); // normally already running from instrumentation.ts
    return json(history());
  });
}
