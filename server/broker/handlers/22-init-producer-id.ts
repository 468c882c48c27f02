// InitProducerId v0–5, for idempotent producers only: each call gets a fresh producer id,
// epoch 0. v2: flexible; v3: the producer's current id and epoch (KIP-360), sent when an
// idempotent producer re-initialises to bump its epoch: as Kafka does for a producer
// without a transactional id, they are checked only for coming as a pair (one −1 without
// the other is INVALID_REQUEST) and a fresh id with epoch 0 is answered; v4–5: errors only
// transactions send (PRODUCER_FENCED, TRANSACTION_ABORTABLE). Transactions are not
// supported (UNSUPPORTED.md): a transactional id gets INVALID_REQUEST with no id.
import { InitProducerId } from '../../protocol/22-init-producer-id';
import { ErrorCode } from '../../protocol/errors';
import { handler } from './types';

let nextProducerId = Date.now() % 1_000_000_000;

const refused = (errorCode: number) => ({ throttleTimeMs: 0, errorCode, producerId: -1, producerEpoch: -1 });

export default handler({
  api: InitProducerId,
  minVersion: 0,
  maxVersion: 5,
  handle(req) {
    if ((req.producerId === -1) !== (req.producerEpoch === -1)) return refused(ErrorCode.INVALID_REQUEST);
    if (req.transactionalId !== null) return refused(ErrorCode.INVALID_REQUEST);
    return { throttleTimeMs: 0, errorCode: 0, producerId: nextProducerId++, producerEpoch: 0 };
  },
});
