// Turns a thrown error into the (code, message) pair an answer carries. Anything that is
// not a KafkaError is a bug on our side: it is logged and reported as UNKNOWN_SERVER_ERROR.
import { ErrorCode, KafkaError } from '../../protocol/errors';
import type { HandlerContext } from './types';

export function asKafkaError(e: unknown, ctx: HandlerContext): { errorCode: number; errorMessage: string } {
  if (e instanceof KafkaError) return { errorCode: e.code, errorMessage: clipMessage(e.message) };
  ctx.state.log(`internal error: ${(e as Error)?.stack ?? String(e)}`);
  return { errorCode: ErrorCode.UNKNOWN_SERVER_ERROR, errorMessage: clipMessage(String((e as Error)?.message ?? e)) };
}

/**
 * Messages quote names and values from the request, which may be 32 KB long. A long one keeps
 * its start and its end, where the reason often is ("Topic '…' does not exist.").
 */
export const MAX_ERROR_MESSAGE_CHARS = 1000;

export function clipMessage(m: string): string {
  if (m.length <= MAX_ERROR_MESSAGE_CHARS) return m;
  const head = Math.floor(MAX_ERROR_MESSAGE_CHARS * 0.7);
  return `${m.slice(0, head)}…${m.slice(m.length - (MAX_ERROR_MESSAGE_CHARS - head - 1))}`;
}
