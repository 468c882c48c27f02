// SaslAuthenticate v0–2: one step of the exchange SaslHandshake started. v1: the session
// lifetime, always 0 here (no re-authentication, KIP-368); v2: flexible. A failure answers
// SASL_AUTHENTICATION_FAILED and then closes the connection, as Kafka does.
import { SaslAuthenticate } from '../../protocol/36-sasl-authenticate';
import { ErrorCode } from '../../protocol/errors';
import { AuthenticationFailed } from '../security/sasl';
import { handler } from './types';

const EMPTY = Buffer.alloc(0);

export default handler({
  api: SaslAuthenticate,
  minVersion: 0,
  maxVersion: 2,
  handle: (req, ctx) => {
    const sec = ctx.conn.security;
    if (!sec.exchange || sec.authenticated) {
      sec.closeAfterReply = true;
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, errorMessage: 'SaslAuthenticate without a SaslHandshake first, or after authentication', authBytes: EMPTY, sessionLifetimeMs: 0 };
    }
    try {
      const r = sec.exchange.step(req.authBytes);
      if (r.done) {
        sec.authenticated = true;
        ctx.state.log(`${ctx.conn.remote} authenticated as ${sec.exchange.principal} with ${sec.exchange.mechanism}`);
      }
      return { errorCode: 0, errorMessage: null, authBytes: r.token, sessionLifetimeMs: 0 };
    } catch (e) {
      if (!(e instanceof AuthenticationFailed)) throw e;
      sec.closeAfterReply = true;
      ctx.state.log(`${ctx.conn.remote}: ${sec.exchange.mechanism} authentication failed: ${e.reason}`);
      return { errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED, errorMessage: e.message, authBytes: EMPTY, sessionLifetimeMs: 0 };
    }
  },
});
