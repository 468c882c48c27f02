// SaslHandshake: picks the mechanism for this connection's SaslAuthenticate exchange. v0 is
// advertised because librdkafka looks for it, but its raw-token exchange is not served:
// a v0 handshake is answered UNSUPPORTED_VERSION.
import { SaslHandshake } from '../../protocol/17-sasl-handshake';
import { ErrorCode } from '../../protocol/errors';
import { usesSasl } from '../security/listeners';
import { SaslExchange, type Mechanism } from '../security/sasl';
import { handler } from './types';

export default handler({
  api: SaslHandshake,
  minVersion: 0,
  maxVersion: 1,
  handle: (req, ctx) => {
    const sec = ctx.conn.security;
    const mechanisms = usesSasl(sec.listener) ? [...sec.mechanisms] : [];
    if (ctx.version === 0) return { errorCode: ErrorCode.UNSUPPORTED_VERSION, mechanisms };
    // Not a SASL listener, or already authenticated: there is no exchange to start.
    if (!usesSasl(sec.listener) || sec.exchange?.principal) return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms };
    if (!mechanisms.includes(req.mechanism as Mechanism)) return { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms };
    sec.exchange = new SaslExchange(req.mechanism as Mechanism, sec.users);
    return { errorCode: 0, mechanisms };
  },
});
