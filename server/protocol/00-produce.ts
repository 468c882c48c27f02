// Produce (key 0), v0–7. v0–2 carry old message sets (magic 0/1), which the broker refuses
// with UNSUPPORTED_FOR_MESSAGE_FORMAT; they are in range only because librdkafka ≤ 2.11 turns
// gzip, snappy and lz4 off unless the broker's Produce range includes v0.
// v3: transactional id, record batches (magic 2) only; v4: no wire
// change (KAFKA_STORAGE_ERROR); v5: log-start offset in the response; v6: no wire change;
// v7: no wire change (zstd batches allowed).
import { api, array, int16, int32, int64, nullableString, records, since, string, struct } from './codec';

export const Produce = api({
  key: 0,
  name: 'Produce',
  minVersion: 0,
  maxVersion: 7,
  request: struct({
    transactionalId: since(3, nullableString, null),
    acks: int16,
    timeoutMs: int32,
    topicData: array(
      struct({
        name: string,
        partitionData: array(struct({ index: int32, records })),
      }),
    ),
  }),
  response: struct({
    responses: array(
      struct({
        name: string,
        partitionResponses: array(
          struct({
            index: int32,
            errorCode: int16,
            baseOffset: int64,
            logAppendTimeMs: since(2, int64, -1),
            logStartOffset: since(5, int64, -1),
          }),
        ),
      }),
    ),
    throttleTimeMs: since(1, int32, 0),
  }),
});
