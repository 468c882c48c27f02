// ApiVersions v0–3, answered from the handler registry. v3 (flexible) names the client's
// software and version: kept on the connection and logged once, as Kafka keeps them for its
// client metrics, and refused with INVALID_REQUEST when they break Kafka's character rule.
// A version above 3 never reaches here: the connection answers it in v0 form with
// UNSUPPORTED_VERSION and our range, and the client retries with one we serve.
import { ApiVersions, SOFTWARE_FIELD } from '../../protocol/18-api-versions';
import { ErrorCode } from '../../protocol/errors';
import { handler } from './types';

export default handler({
  api: ApiVersions,
  minVersion: 0,
  maxVersion: 3,
  handle(req, ctx) {
    const answer = { errorCode: 0, apiKeys: [...ctx.advertised], throttleTimeMs: 0, supportedFeatures: [], finalizedFeaturesEpoch: -1, finalizedFeatures: [], zkMigrationReady: false };
    if (ctx.version < 3) return answer;
    const name = req.clientSoftwareName ?? '';
    const version = req.clientSoftwareVersion ?? '';
    if (!SOFTWARE_FIELD.test(name) || !SOFTWARE_FIELD.test(version)) {
      return { ...answer, errorCode: ErrorCode.INVALID_REQUEST };
    }
    const before = ctx.conn.clientSoftware;
    ctx.conn.clientSoftware = { name, version };
    if (!before || before.name !== name || before.version !== version) {
      ctx.state.log(`client ${ctx.conn.remote} is ${name} ${version} (client id ${ctx.clientId ?? 'none'})`);
    }
    return answer;
  },
});
