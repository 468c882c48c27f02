// Turns a thrown error into the (code, message) pair an answer carries. Anything that is
// not a KafkaError is a bug on our side: it is logged and reported as UNKNOWN_SERVER_ERROR.
import { ErrorCode, KafkaError } from '../../protocol/errors';
import type { HandlerContext } from './types';

export function asKafkaError(e: unknown, ctx: HandlerContext): { errorCode: number; errorMessage: string } {
  if (e instanceof KafkaError) return { errorCode: e.code, errorMessage: e.message };
  ctx.state.log(`internal error: ${(e as Error)?.stack ?? String(e)}`);
  return { errorCode: ErrorCode.UNKNOWN_SERVER_ERROR, errorMessage: String((e as Error)?.message ?? e) };
}
