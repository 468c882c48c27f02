// Produce (key 0), v0–11. v0–2 carry old message sets (magic 0/1), which the broker refuses
// with UNSUPPORTED_FOR_MESSAGE_FORMAT; they are in range only because librdkafka ≤ 2.11 turns
// gzip, snappy and lz4 off unless the broker's Produce range includes v0.
// v3: transactional id, record batches (magic 2) only; v4: no wire
// change (KAFKA_STORAGE_ERROR); v5: log-start offset in the response; v6: no wire change;
// v7: no wire change (zstd batches allowed); v8: per-partition record errors and error
// message (KIP-467); v9: flexible; v10: tagged CurrentLeader per partition and NodeEndpoints
// (KIP-951); v11: no wire change (TRANSACTION_ABORTABLE, KIP-890).
import { api, array, int16, int32, int64, nullableString, records, since, string, struct, tagged } from './codec';
import { NO_LEADER, leaderIdAndEpoch, nodeEndpoint } from './leader-hints';

export const Produce = api({
  key: 0,
  name: 'Produce',
  minVersion: 0,
  maxVersion: 11,
  flexibleSince: 9,
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
            /** v8+: the records (by index in the batch) that made the batch be refused. */
            recordErrors: since(8, array(struct({ batchIndex: int32, batchIndexErrorMessage: nullableString })), []),
            /** v8+: why the batch was refused, when there is more to say than the code. */
            errorMessage: since(8, nullableString, null),
            /** v10+ (tagged): the partition's leader, with NOT_LEADER_OR_FOLLOWER. */
            currentLeader: tagged(0, leaderIdAndEpoch, NO_LEADER, 10),
          }),
        ),
      }),
    ),
    throttleTimeMs: since(1, int32, 0),
    /** v10+ (tagged): the addresses of the leaders named in currentLeader. */
    nodeEndpoints: tagged(0, array(nodeEndpoint), [], 10),
  }),
});
