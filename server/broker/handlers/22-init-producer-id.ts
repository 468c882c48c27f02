// InitProducerId v0–1 (v1: no wire change), for idempotent producers only: each call gets
// a fresh producer id, epoch 0. Transactions are not supported (UNSUPPORTED.md): a
// transactional id gets INVALID_REQUEST with no id.
import { InitProducerId } from '../../protocol/22-init-producer-id';
import { ErrorCode } from '../../protocol/errors';
import { handler } from './types';

let nextProducerId = Date.now() % 1_000_000_000;

export default handler({
  api: InitProducerId,
  minVersion: 0,
  maxVersion: 1,
  handle(req) {
    if (req.transactionalId !== null) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_REQUEST, producerId: -1, producerEpoch: -1 };
    }
    return { throttleTimeMs: 0, errorCode: 0, producerId: nextProducerId++, producerEpoch: 0 };
  },
});
