// ApiVersions: v0–2 answered from the handler registry. A v3+ request (flexible, sent first
// by librdkafka) never reaches here: the connection answers it with UNSUPPORTED_VERSION and
// a v0 body, and the client retries with v0.
import { ApiVersions } from '../../protocol/18-api-versions';
import { handler } from './types';

export default handler({
  api: ApiVersions,
  minVersion: 0,
  maxVersion: 2,
  handle: (_req, ctx) => ({ errorCode: 0, apiKeys: [...ctx.advertised], throttleTimeMs: 0 }),
});
