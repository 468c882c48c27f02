// InitProducerId (key 22), v0–5. v1: no wire change; v2: flexible; v3: the producer's
// current id and epoch, so it can ask to resume after INVALID_PRODUCER_EPOCH (KIP-360);
// v4: PRODUCER_FENCED may be answered; v5: TRANSACTION_ABORTABLE may be answered (KIP-890).
import { api, int16, int32, int64, nullableString, since, struct } from './codec';

export const InitProducerId = api({
  key: 22,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 5,
  flexibleSince: 2,
  request: struct({
    transactionalId: nullableString,
    transactionTimeoutMs: int32,
    /** v3+: the id and epoch the producer holds; both −1 for none. */
    producerId: since(3, int64, -1),
    producerEpoch: since(3, int16, -1),
  }),
  response: struct({
    throttleTimeMs: int32,
    errorCode: int16,
    producerId: int64,
    producerEpoch: int16,
  }),
});
