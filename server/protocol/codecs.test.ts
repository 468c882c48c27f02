// Every API codec, every version it covers: encode a full sample (every field, at every
// version, set to something other than its default; every array with two elements; nulls
// where a field is nullable), decode it back, and compare with what that version can carry —
// written out by hand from Kafka 3.7's message schemas, independently of the codec files.
// Then a few messages checked byte for byte against hand-computed encodings.
import { describe, expect, it } from 'vitest';
import { type ApiSpec, type Infer, decode, encode, int32, int8, isFlexible, struct, tagged } from './codec';
import { type ApiKey, apis } from './index';
import { ProtocolError } from './primitives';

/**
 * How a sample is built. FULL puts in every field of every version; at(v) puts in only what
 * version v carries, and each absent field's default instead.
 */
interface Gate {
  since<T>(min: number, value: T, absent: T): T;
  until<T>(max: number, value: T, absent: T): T;
  range<T>(min: number, max: number, value: T, absent: T): T;
  /** Records go out as several pieces and come back as one view of the frame. */
  records(parts: Buffer[] | null): Buffer[] | null;
}
const FULL: Gate = {
  since: (_min, value) => value,
  until: (_max, value) => value,
  range: (_min, _max, value) => value,
  records: (parts) => parts,
};
const at = (v: number): Gate => ({
  since: (min, value, absent) => (v >= min ? value : absent),
  until: (max, value, absent) => (v <= max ? value : absent),
  range: (min, max, value, absent) => (v >= min && v <= max ? value : absent),
  records: (parts) => (parts === null ? null : [Buffer.concat(parts)]),
});

type Api<K extends ApiKey> = (typeof apis)[K];
type Samples = {
  [K in ApiKey]: {
    request(g: Gate): Infer<Api<K>['request']>;
    response(g: Gate): Infer<Api<K>['response']>;
  };
};

const BIG = 2 ** 40 + 3; // needs the high word of an int64
const NEG_BIG = -(2 ** 35) - 7;
const TS = 1_700_000_000_123;
const INT32_MIN = -2147483648;
const buf = (...b: number[]) => Buffer.from(b);
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
// One piece large enough that the writer references it instead of copying it.
const BATCH_A = Buffer.alloc(1500, 0xab);
const BATCH_B = buf(1, 2, 3, 4, 5);
const BATCH_C = buf(9, 8, 7);

const samples: Samples = {
  0: {
    request: (g) => ({
      transactionalId: g.since(3, 'tx-1', null),
      acks: -1,
      timeoutMs: 30000,
      topicData: [
        {
          name: 'orders',
          partitionData: [
            { index: 0, records: g.records([BATCH_A, BATCH_B]) },
            { index: 3, records: null },
          ],
        },
        {
          name: 'logs',
          partitionData: [
            { index: 1, records: g.records([BATCH_C]) },
            { index: 2, records: g.records([BATCH_B, BATCH_C]) },
          ],
        },
      ],
    }),
    response: (g) => ({
      responses: [
        {
          name: 'orders',
          partitionResponses: [
            { index: 0, errorCode: 0, baseOffset: BIG, logAppendTimeMs: g.since(2, TS, -1), logStartOffset: g.since(5, 17, -1) },
            { index: 3, errorCode: 6, baseOffset: 12, logAppendTimeMs: g.since(2, TS + 1, -1), logStartOffset: g.since(5, 2, -1) },
          ],
        },
        {
          name: 'logs',
          partitionResponses: [
            { index: 1, errorCode: 56, baseOffset: 0, logAppendTimeMs: g.since(2, 5, -1), logStartOffset: g.since(5, BIG, -1) },
            { index: 2, errorCode: 0, baseOffset: 99, logAppendTimeMs: g.since(2, 6, -1), logStartOffset: g.since(5, 0, -1) },
          ],
        },
      ],
      throttleTimeMs: g.since(1, 250, 0),
    }),
  },
  1: {
    request: (g) => ({
      replicaId: 2,
      maxWaitMs: 500,
      minBytes: 1,
      maxBytes: g.since(3, 52428800, 0x7fffffff),
      isolationLevel: g.since(4, 1, 0),
      sessionId: g.since(7, 12345, 0),
      sessionEpoch: g.since(7, 4, -1),
      topics: [
        {
          topic: 'orders',
          partitions: [
            { partition: 0, currentLeaderEpoch: g.since(9, 7, -1), fetchOffset: BIG, logStartOffset: g.since(5, 100, -1), partitionMaxBytes: 1048576 },
            { partition: 5, currentLeaderEpoch: g.since(9, 8, -1), fetchOffset: 3, logStartOffset: g.since(5, 1, -1), partitionMaxBytes: 65536 },
          ],
        },
        {
          topic: 'logs',
          partitions: [
            { partition: 1, currentLeaderEpoch: g.since(9, 0, -1), fetchOffset: 0, logStartOffset: g.since(5, 0, -1), partitionMaxBytes: 1 },
            { partition: 2, currentLeaderEpoch: g.since(9, 9, -1), fetchOffset: 77, logStartOffset: g.since(5, 70, -1), partitionMaxBytes: 2 },
          ],
        },
      ],
      forgottenTopicsData: g.since(
        7,
        [
          { topic: 'old', partitions: [1, 2] },
          { topic: 'older', partitions: [0, 9] },
        ],
        [],
      ),
      rackId: g.since(11, 'rack-a', ''),
    }),
    response: (g) => ({
      throttleTimeMs: g.since(1, 10, 0),
      errorCode: g.since(7, 70, 0),
      sessionId: g.since(7, 999, 0),
      responses: [
        {
          topic: 'orders',
          partitions: [
            {
              partitionIndex: 0,
              errorCode: 0,
              highWatermark: BIG,
              lastStableOffset: g.since(4, BIG - 1, -1),
              logStartOffset: g.since(5, 3, -1),
              abortedTransactions: g.since(
                4,
                [
                  { producerId: 77, firstOffset: 5 },
                  { producerId: BIG, firstOffset: 9 },
                ],
                null,
              ),
              preferredReadReplica: g.since(11, 1, -1),
              records: g.records([BATCH_A, BATCH_B]),
            },
            {
              partitionIndex: 1,
              errorCode: 1,
              highWatermark: 4,
              lastStableOffset: g.since(4, 2, -1),
              logStartOffset: g.since(5, 1, -1),
              abortedTransactions: null,
              preferredReadReplica: g.since(11, 2, -1),
              records: null,
            },
          ],
        },
        {
          topic: 'logs',
          partitions: [
            {
              partitionIndex: 2,
              errorCode: 0,
              highWatermark: 8,
              lastStableOffset: g.since(4, 8, -1),
              logStartOffset: g.since(5, 0, -1),
              abortedTransactions: g.since(4, [], null),
              preferredReadReplica: g.since(11, 0, -1),
              records: g.records([BATCH_C]),
            },
            {
              partitionIndex: 3,
              errorCode: 3,
              highWatermark: 0,
              lastStableOffset: g.since(4, 0, -1),
              logStartOffset: g.since(5, 0, -1),
              abortedTransactions: g.since(4, [{ producerId: 1, firstOffset: 0 }, { producerId: 2, firstOffset: 1 }], null),
              preferredReadReplica: g.since(11, 3, -1),
              records: g.records([]),
            },
          ],
        },
      ],
    }),
  },
  2: {
    request: (g) => ({
      replicaId: 3,
      isolationLevel: g.since(2, 1, 0),
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, timestamp: -1, maxNumOffsets: g.until(0, 5, 1) },
            { partitionIndex: 2, timestamp: TS, maxNumOffsets: g.until(0, 10, 1) },
          ],
        },
        {
          name: 'logs',
          partitions: [
            { partitionIndex: 1, timestamp: -2, maxNumOffsets: g.until(0, 2, 1) },
            { partitionIndex: 4, timestamp: NEG_BIG, maxNumOffsets: g.until(0, 3, 1) },
          ],
        },
      ],
    }),
    response: (g) => ({
      throttleTimeMs: g.since(2, 5, 0),
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, errorCode: 0, oldStyleOffsets: g.until(0, [BIG, 0], []), timestamp: g.since(1, TS, -1), offset: g.since(1, BIG, -1) },
            { partitionIndex: 2, errorCode: 3, oldStyleOffsets: g.until(0, [7, 6], []), timestamp: g.since(1, 4, -1), offset: g.since(1, 0, -1) },
          ],
        },
        {
          name: 'logs',
          partitions: [
            { partitionIndex: 1, errorCode: 0, oldStyleOffsets: g.until(0, [1, 2], []), timestamp: g.since(1, 0, -1), offset: g.since(1, 12, -1) },
            { partitionIndex: 4, errorCode: 0, oldStyleOffsets: g.until(0, [NEG_BIG, 3], []), timestamp: g.since(1, 9, -1), offset: g.since(1, 13, -1) },
          ],
        },
      ],
    }),
  },
  3: {
    request: (g) => ({
      topics: [{ name: 'a' }, { name: 'b' }],
      allowAutoTopicCreation: g.since(4, false, true),
    }),
    response: (g) => ({
      throttleTimeMs: g.since(3, 9, 0),
      brokers: [
        { nodeId: 1, host: 'h1', port: 9092, rack: g.since(1, 'r1', null) },
        { nodeId: 2, host: 'h2', port: 9093, rack: null },
      ],
      clusterId: g.since(2, 'cluster-1', null),
      controllerId: g.since(1, 2, -1),
      topics: [
        {
          errorCode: 0,
          name: 'a',
          isInternal: g.since(1, true, false),
          partitions: [
            { errorCode: 0, partitionIndex: 0, leaderId: 1, replicaNodes: [1, 2], isrNodes: [1, 2], offlineReplicas: g.since(5, [3, 4], []) },
            { errorCode: 9, partitionIndex: 1, leaderId: 2, replicaNodes: [2, 1], isrNodes: [2, 3], offlineReplicas: g.since(5, [5, 6], []) },
          ],
        },
        {
          errorCode: 3,
          name: 'b',
          isInternal: false,
          partitions: [
            { errorCode: 5, partitionIndex: 7, leaderId: -1, replicaNodes: [4, 5], isrNodes: [6, 7], offlineReplicas: g.since(5, [1, 2], []) },
            { errorCode: 0, partitionIndex: 8, leaderId: 5, replicaNodes: [5, 4], isrNodes: [5, 4], offlineReplicas: g.since(5, [0, 9], []) },
          ],
        },
      ],
    }),
  },
  8: {
    request: (g) => ({
      groupId: 'grp',
      generationIdOrMemberEpoch: g.since(1, 4, -1),
      memberId: g.since(1, 'member-1', ''),
      groupInstanceId: g.since(7, 'inst-1', null),
      retentionTimeMs: g.range(2, 4, 86_400_000, -1),
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, committedOffset: BIG, committedLeaderEpoch: g.since(6, 3, -1), commitTimestamp: g.range(1, 1, TS, -1), committedMetadata: 'meta' },
            { partitionIndex: 1, committedOffset: 0, committedLeaderEpoch: g.since(6, 8, -1), commitTimestamp: g.range(1, 1, 5, -1), committedMetadata: null },
          ],
        },
        {
          name: 'logs',
          partitions: [
            { partitionIndex: 2, committedOffset: 10, committedLeaderEpoch: g.since(6, 1, -1), commitTimestamp: g.range(1, 1, 6, -1), committedMetadata: '' },
            { partitionIndex: 3, committedOffset: 11, committedLeaderEpoch: g.since(6, 2, -1), commitTimestamp: g.range(1, 1, 7, -1), committedMetadata: 'x' },
          ],
        },
      ],
    }),
    response: (g) => ({
      throttleTimeMs: g.since(3, 7, 0),
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 0 }, { partitionIndex: 1, errorCode: 22 }] },
        { name: 'logs', partitions: [{ partitionIndex: 2, errorCode: 25 }, { partitionIndex: 3, errorCode: 12 }] },
      ],
    }),
  },
  9: {
    request: (g) => ({
      groupId: g.range(0, 7, 'grp', ''),
      topics: g.range(
        0,
        7,
        [
          { name: 'orders', partitionIndexes: [0, 1] },
          { name: 'logs', partitionIndexes: [2, 3] },
        ],
        null,
      ),
      groups: g.since(
        8,
        [
          { groupId: 'grp', topics: [{ name: 'orders', partitionIndexes: [0, 1] }] },
          { groupId: 'all-of-it', topics: null },
        ],
        [],
      ),
      requireStable: g.since(7, true, false),
    }),
    response: (g) => {
      const topics = [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, committedOffset: BIG, committedLeaderEpoch: g.since(5, 4, -1), metadata: 'm', errorCode: 0 },
            { partitionIndex: 1, committedOffset: -1, committedLeaderEpoch: g.since(5, 2, -1), metadata: null, errorCode: 3 },
          ],
        },
        {
          name: 'logs',
          partitions: [
            { partitionIndex: 2, committedOffset: 5, committedLeaderEpoch: g.since(5, 0, -1), metadata: '', errorCode: 0 },
            { partitionIndex: 3, committedOffset: 6, committedLeaderEpoch: g.since(5, 1, -1), metadata: 'n', errorCode: 0 },
          ],
        },
      ];
      return {
        throttleTimeMs: g.since(3, 8, 0),
        topics: g.range(0, 7, topics, []),
        errorCode: g.range(2, 7, 16, 0),
        groups: g.since(
          8,
          [
            { groupId: 'grp', topics, errorCode: 0 },
            { groupId: 'elsewhere', topics: [], errorCode: 16 },
          ],
          [],
        ),
      };
    },
  },
  10: {
    request: (g) => ({ key: 'grp', keyType: g.since(1, 1, 0) }),
    response: (g) => ({
      throttleTimeMs: g.since(1, 3, 0),
      errorCode: 15,
      errorMessage: g.since(1, 'not available', null),
      nodeId: 1,
      host: 'localhost',
      port: 9092,
    }),
  },
  11: {
    request: (g) => ({
      groupId: 'grp',
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: g.since(1, 60000, -1),
      memberId: 'm-1',
      groupInstanceId: g.since(5, 'inst', null),
      protocolType: 'consumer',
      protocols: [
        { name: 'range', metadata: buf(0, 1, 2) },
        { name: 'roundrobin', metadata: buf(3, 4) },
      ],
    }),
    response: (g) => ({
      throttleTimeMs: g.since(2, 1, 0),
      errorCode: 79,
      generationId: 5,
      protocolName: 'range',
      leader: 'm-1',
      memberId: 'm-2',
      members: [
        { memberId: 'm-1', groupInstanceId: g.since(5, 'i-1', null), metadata: buf(1, 1) },
        { memberId: 'm-2', groupInstanceId: null, metadata: Buffer.alloc(0) },
      ],
    }),
  },
  12: {
    request: (g) => ({ groupId: 'grp', generationId: 5, memberId: 'm-1', groupInstanceId: g.since(3, 'inst', null) }),
    response: (g) => ({ throttleTimeMs: g.since(1, 4, 0), errorCode: 27 }),
  },
  13: {
    request: (g) => ({
      groupId: 'grp',
      memberId: g.until(2, 'm-1', ''),
      members: g.since(
        3,
        [
          { memberId: 'm-1', groupInstanceId: 'i-1' },
          { memberId: 'm-2', groupInstanceId: null },
        ],
        [],
      ),
    }),
    response: (g) => ({
      throttleTimeMs: g.since(1, 6, 0),
      errorCode: 25,
      members: g.since(
        3,
        [
          { memberId: 'm-1', groupInstanceId: 'i-1', errorCode: 0 },
          { memberId: 'm-2', groupInstanceId: null, errorCode: 25 },
        ],
        [],
      ),
    }),
  },
  14: {
    request: (g) => ({
      groupId: 'grp',
      generationId: 5,
      memberId: 'm-1',
      groupInstanceId: g.since(3, 'inst', null),
      assignments: [
        { memberId: 'm-1', assignment: buf(0, 1) },
        { memberId: 'm-2', assignment: buf(2, 3, 4) },
      ],
    }),
    response: (g) => ({ throttleTimeMs: g.since(1, 2, 0), errorCode: 27, assignment: buf(5, 6, 7) }),
  },
  15: {
    request: (g) => ({ groups: ['g1', 'g2'], includeAuthorizedOperations: g.since(3, true, false) }),
    response: (g) => ({
      throttleTimeMs: g.since(1, 11, 0),
      groups: [
        {
          errorCode: 0,
          groupId: 'g1',
          groupState: 'Stable',
          protocolType: 'consumer',
          protocolData: 'range',
          members: [
            { memberId: 'm-1', groupInstanceId: g.since(4, 'i-1', null), clientId: 'c-1', clientHost: '/127.0.0.1', memberMetadata: buf(1), memberAssignment: buf(2, 3) },
            { memberId: 'm-2', groupInstanceId: null, clientId: 'c-2', clientHost: '/10.0.0.2', memberMetadata: buf(4, 5), memberAssignment: buf(6) },
          ],
          authorizedOperations: g.since(3, 0x7f8, INT32_MIN),
        },
        {
          errorCode: 69,
          groupId: 'g2',
          groupState: 'Dead',
          protocolType: '',
          protocolData: '',
          members: [
            { memberId: 'm-3', groupInstanceId: g.since(4, 'i-3', null), clientId: 'c-3', clientHost: 'h3', memberMetadata: buf(), memberAssignment: buf(7) },
            { memberId: 'm-4', groupInstanceId: g.since(4, 'i-4', null), clientId: 'c-4', clientHost: 'h4', memberMetadata: buf(8), memberAssignment: buf() },
          ],
          authorizedOperations: g.since(3, 0, INT32_MIN),
        },
      ],
    }),
  },
  16: {
    request: () => ({}),
    response: (g) => ({
      throttleTimeMs: g.since(1, 2, 0),
      errorCode: 14,
      groups: [
        { groupId: 'g1', protocolType: 'consumer' },
        { groupId: 'g2', protocolType: '' },
      ],
    }),
  },
  17: {
    request: () => ({ mechanism: 'SCRAM-SHA-512' }),
    response: () => ({ errorCode: 33, mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] }),
  },
  18: {
    request: () => ({}),
    response: (g) => ({
      errorCode: 35,
      apiKeys: [
        { apiKey: 0, minVersion: 3, maxVersion: 7 },
        { apiKey: 1, minVersion: 0, maxVersion: 11 },
      ],
      throttleTimeMs: g.since(1, 12, 0),
    }),
  },
  19: {
    request: (g) => ({
      topics: [
        {
          name: 't1',
          numPartitions: 3,
          replicationFactor: 1,
          assignments: [
            { partitionIndex: 0, brokerIds: [1, 2] },
            { partitionIndex: 1, brokerIds: [2, 3] },
          ],
          configs: [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'retention.ms', value: null },
          ],
        },
        {
          name: 't2',
          numPartitions: -1,
          replicationFactor: -1,
          assignments: [
            { partitionIndex: 2, brokerIds: [4, 5] },
            { partitionIndex: 3, brokerIds: [6, 7] },
          ],
          configs: [
            { name: 'a', value: 'b' },
            { name: 'c', value: '' },
          ],
        },
      ],
      timeoutMs: 5000,
      validateOnly: g.since(1, true, false),
    }),
    response: (g) => ({
      throttleTimeMs: g.since(2, 3, 0),
      topics: [
        { name: 't1', errorCode: 36, errorMessage: g.since(1, 'exists', null) },
        { name: 't2', errorCode: 0, errorMessage: null },
      ],
    }),
  },
  20: {
    request: () => ({ topicNames: ['a', 'b'], timeoutMs: 3000 }),
    response: (g) => ({
      throttleTimeMs: g.since(1, 1, 0),
      responses: [
        { name: 'a', errorCode: 0 },
        { name: 'b', errorCode: 3 },
      ],
    }),
  },
  21: {
    request: () => ({
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 0, offset: BIG }, { partitionIndex: 1, offset: -1 }] },
        { name: 'logs', partitions: [{ partitionIndex: 2, offset: 5 }, { partitionIndex: 3, offset: 6 }] },
      ],
      timeoutMs: 1000,
    }),
    response: () => ({
      throttleTimeMs: 1,
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, lowWatermark: BIG, errorCode: 0 },
            { partitionIndex: 1, lowWatermark: -1, errorCode: 1 },
          ],
        },
        {
          name: 'logs',
          partitions: [
            { partitionIndex: 2, lowWatermark: 5, errorCode: 0 },
            { partitionIndex: 3, lowWatermark: 6, errorCode: 3 },
          ],
        },
      ],
    }),
  },
  22: {
    request: () => ({ transactionalId: 'tx', transactionTimeoutMs: 60000 }),
    response: () => ({ throttleTimeMs: 2, errorCode: 53, producerId: BIG, producerEpoch: 3 }),
  },
  32: {
    request: (g) => ({
      resources: [
        { resourceType: 2, resourceName: 't1', configurationKeys: ['a', 'b'] },
        { resourceType: 4, resourceName: '1', configurationKeys: null },
      ],
      includeSynonyms: g.since(1, true, false),
    }),
    response: (g) => ({
      throttleTimeMs: 4,
      results: [
        {
          errorCode: 0,
          errorMessage: null,
          resourceType: 2,
          resourceName: 't1',
          configs: [
            {
              name: 'cleanup.policy',
              value: 'delete',
              readOnly: false,
              isDefault: g.until(0, true, false),
              configSource: g.since(1, 5, -1),
              isSensitive: false,
              synonyms: g.since(
                1,
                [
                  { name: 'log.cleanup.policy', value: 'delete', source: 5 },
                  { name: 'x', value: null, source: 4 },
                ],
                [],
              ),
            },
            {
              name: 'secret',
              value: null,
              readOnly: true,
              isDefault: g.until(0, true, false),
              configSource: g.since(1, 1, -1),
              isSensitive: true,
              synonyms: g.since(1, [{ name: 'a', value: 'b', source: 1 }, { name: 'c', value: 'd', source: 2 }], []),
            },
          ],
        },
        {
          errorCode: 3,
          errorMessage: 'unknown topic',
          resourceType: 2,
          resourceName: 'nope',
          configs: [
            { name: 'p', value: 'q', readOnly: true, isDefault: false, configSource: g.since(1, 4, -1), isSensitive: false, synonyms: [] },
            { name: 'r', value: 's', readOnly: false, isDefault: g.until(0, true, false), configSource: g.since(1, 3, -1), isSensitive: true, synonyms: [] },
          ],
        },
      ],
    }),
  },
  33: {
    request: () => ({
      resources: [
        { resourceType: 2, resourceName: 't1', configs: [{ name: 'a', value: '1' }, { name: 'b', value: null }] },
        { resourceType: 4, resourceName: '1', configs: [{ name: 'c', value: '' }, { name: 'd', value: 'x' }] },
      ],
      validateOnly: true,
    }),
    response: () => ({
      throttleTimeMs: 6,
      responses: [
        { errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 't1' },
        { errorCode: 40, errorMessage: 'bad config', resourceType: 4, resourceName: '1' },
      ],
    }),
  },
  35: {
    request: () => ({
      topics: [
        { topic: 't', partitions: [0, 1] },
        { topic: 'u', partitions: [2, 3] },
      ],
    }),
    response: () => ({
      throttleTimeMs: 7,
      results: [
        {
          errorCode: 0,
          logDir: '/data',
          topics: [
            {
              name: 't',
              partitions: [
                { partitionIndex: 0, partitionSize: BIG, offsetLag: 0, isFutureKey: false },
                { partitionIndex: 1, partitionSize: 10, offsetLag: 2, isFutureKey: true },
              ],
            },
            {
              name: 'u',
              partitions: [
                { partitionIndex: 2, partitionSize: 0, offsetLag: 1, isFutureKey: false },
                { partitionIndex: 3, partitionSize: 3, offsetLag: 0, isFutureKey: false },
              ],
            },
          ],
        },
        { errorCode: 57, logDir: '/other', topics: [{ name: 'v', partitions: [] }, { name: 'w', partitions: [] }] },
      ],
    }),
  },
  37: {
    request: () => ({
      topics: [
        { name: 't', count: 6, assignments: [{ brokerIds: [1] }, { brokerIds: [2, 3] }] },
        { name: 'u', count: 2, assignments: null },
      ],
      timeoutMs: 2000,
      validateOnly: true,
    }),
    response: () => ({
      throttleTimeMs: 8,
      results: [
        { name: 't', errorCode: 0, errorMessage: null },
        { name: 'u', errorCode: 37, errorMessage: 'too few' },
      ],
    }),
  },
  42: {
    request: () => ({ groupsNames: ['g1', 'g2'] }),
    response: () => ({
      throttleTimeMs: 5,
      results: [
        { groupId: 'g1', errorCode: 0 },
        { groupId: 'g2', errorCode: 68 },
      ],
    }),
  },
  36: {
    request: () => ({ authBytes: Buffer.from('n,,n=alice,r=abc') }),
    response: (g) => ({ errorCode: 58, errorMessage: 'bad password', authBytes: Buffer.from('v=xyz'), sessionLifetimeMs: g.since(1, 60_000, 0) }),
  },
  47: {
    request: () => ({
      groupId: 'grp',
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 0 }, { partitionIndex: 1 }] },
        { name: 'logs', partitions: [{ partitionIndex: 2 }, { partitionIndex: 3 }] },
      ],
    }),
    response: () => ({
      errorCode: 16,
      throttleTimeMs: 9,
      topics: [
        { name: 'orders', partitions: [{ partitionIndex: 0, errorCode: 0 }, { partitionIndex: 1, errorCode: 86 }] },
        { name: 'logs', partitions: [{ partitionIndex: 2, errorCode: 0 }, { partitionIndex: 3, errorCode: 0 }] },
      ],
    }),
  },
};

/** The version ranges this project speaks: every non-flexible version, as agreed. */
const expectedRanges: Record<ApiKey, [name: string, min: number, max: number]> = {
  0: ['Produce', 0, 7],
  1: ['Fetch', 0, 11],
  2: ['ListOffsets', 0, 3],
  3: ['Metadata', 0, 6],
  8: ['OffsetCommit', 0, 7],
  9: ['OffsetFetch', 0, 8],
  10: ['FindCoordinator', 0, 2],
  11: ['JoinGroup', 0, 5],
  12: ['Heartbeat', 0, 3],
  13: ['LeaveGroup', 0, 3],
  14: ['SyncGroup', 0, 3],
  15: ['DescribeGroups', 0, 4],
  16: ['ListGroups', 0, 2],
  17: ['SaslHandshake', 0, 1],
  18: ['ApiVersions', 0, 2],
  19: ['CreateTopics', 0, 4],
  20: ['DeleteTopics', 0, 3],
  21: ['DeleteRecords', 0, 1],
  22: ['InitProducerId', 0, 1],
  32: ['DescribeConfigs', 0, 2],
  33: ['AlterConfigs', 0, 1],
  35: ['DescribeLogDirs', 0, 1],
  36: ['SaslAuthenticate', 0, 1],
  37: ['CreatePartitions', 0, 1],
  42: ['DeleteGroups', 0, 1],
  47: ['OffsetDelete', 0, 0],
};

const keys = Object.keys(apis).map(Number) as ApiKey[];

describe('the apis map', () => {
  it('holds each spec under its own key, with the agreed names and version ranges', () => {
    expect(keys.sort((a, b) => a - b)).toEqual(
      Object.keys(expectedRanges)
        .map(Number)
        .sort((a, b) => a - b),
    );
    for (const key of keys) {
      const spec = apis[key];
      expect([spec.key, spec.name, spec.minVersion, spec.maxVersion]).toEqual([key, ...expectedRanges[key]]);
    }
  });
});

for (const key of keys) {
  const spec = apis[key] as unknown as ApiSpec<unknown, unknown>;
  const sample = samples[key] as unknown as { request(g: Gate): unknown; response(g: Gate): unknown };
  describe(`${spec.name} (key ${key})`, () => {
    for (let v = spec.minVersion; v <= spec.maxVersion; v++) {
      for (const side of ['request', 'response'] as const) {
        it(`v${v} ${side}: round-trips what v${v} carries`, () => {
          const codec = spec[side];
          const flex = isFlexible(spec, v);
          const bytes = encode(codec, sample[side](FULL), v, flex);
          const decoded = decode(codec, bytes, v, flex);
          const expected = sample[side](at(v));
          expect(decoded).toStrictEqual(expected);
          // The decoded value and the hand-written one both encode to exactly the same bytes.
          expect(encode(codec, decoded, v, flex).equals(bytes)).toBe(true);
          expect(encode(codec, expected, v, flex).equals(bytes)).toBe(true);
        });
      }
    }
    it('a frame one byte short fails loudly instead of inventing a value', () => {
      const v = spec.maxVersion;
      const flex = isFlexible(spec, v);
      const bytes = encode(spec.response, sample.response(FULL), v, flex);
      expect(() => decode(spec.response, bytes.subarray(0, bytes.length - 1), v, flex)).toThrow(ProtocolError);
    });
  });
}

describe('byte-exact encodings', () => {
  it('Metadata v0 request for topic "a"', () => {
    expect(encode(apis[3].request, { topics: [{ name: 'a' }], allowAutoTopicCreation: true }, 0)).toEqual(hex('00000001 0001 61'));
  });
  it('Metadata null topics: [] at v0 (empty = all), -1 at v1+', () => {
    const all = { topics: null, allowAutoTopicCreation: true };
    expect(encode(apis[3].request, all, 0)).toEqual(hex('00000000'));
    expect(decode(apis[3].request, hex('00000000'), 0)).toStrictEqual({ topics: [], allowAutoTopicCreation: true });
    expect(encode(apis[3].request, all, 1)).toEqual(hex('ffffffff'));
    expect(decode(apis[3].request, hex('ffffffff'), 1)).toStrictEqual(all);
    expect(encode(apis[3].request, { topics: null, allowAutoTopicCreation: false }, 4)).toEqual(hex('ffffffff 00'));
  });
  it('OffsetFetch null topics: refused at v0–1 (as Kafka’s client does), -1 at v2+', () => {
    const all = { groupId: 'g', topics: null };
    expect(() => encode(apis[9].request, all, 0)).toThrow(ProtocolError);
    expect(() => encode(apis[9].request, all, 1)).toThrow(/v2/);
    for (const v of [2, 5]) {
      expect(encode(apis[9].request, all, v)).toEqual(hex('0001 67 ffffffff'));
      expect(decode(apis[9].request, hex('0001 67 ffffffff'), v)).toStrictEqual({ ...all, groups: [], requireStable: false });
    }
  });
  // Flexible versions, byte by byte from Kafka's OffsetFetchRequest/Response.json (flexibleVersions 6+):
  // compact strings and arrays are uvarint length + 1 (0 = null), every struct ends with a tag section.
  it('OffsetFetch v6 request: compact group id, topics and partition list, a tag section per struct', () => {
    const req = { groupId: 'g', topics: [{ name: 't', partitionIndexes: [0] }] };
    expect(encode(apis[9].request, req, 6, true)).toEqual(hex('02 67  02 02 74 02 00000000 00  00'));
  });
  it('OffsetFetch v8 request: many groups, null topics = all (compact null is 0), requireStable, tags', () => {
    const req = { groups: [{ groupId: 'g', topics: null }], requireStable: false };
    expect(encode(apis[9].request, req, 8, true)).toEqual(hex('02 02 67 00 00  00  00'));
    expect(decode(apis[9].request, hex('02 02 67 00 00  01  00'), 8, true)).toStrictEqual({ groupId: '', topics: null, groups: [{ groupId: 'g', topics: null }], requireStable: true });
  });
  it('OffsetFetch v8 response: per-group topics and error code', () => {
    const res = { throttleTimeMs: 0, groups: [{ groupId: 'g', topics: [], errorCode: 16 }] };
    expect(encode(apis[9].response, res, 8, true)).toEqual(hex('00000000 02 02 67 01 0010 00 00'));
  });
  it('DescribeLogDirs null topics = every partition', () => {
    expect(encode(apis[35].request, { topics: null }, 1)).toEqual(hex('ffffffff'));
    expect(decode(apis[35].request, hex('ffffffff'), 0)).toStrictEqual({ topics: null });
  });
  it('ApiVersions v0 response', () => {
    const res = { errorCode: 0, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 2 }], throttleTimeMs: 0 };
    expect(encode(apis[18].response, res, 0)).toEqual(hex('0000 00000001 0012 0000 0002'));
    expect(encode(apis[18].response, res, 1)).toEqual(hex('0000 00000001 0012 0000 0002 00000000'));
  });
  it('Produce v3 request: records written as the concatenation of their pieces', () => {
    const req = {
      transactionalId: null,
      acks: -1,
      timeoutMs: 1000,
      topicData: [{ name: 't', partitionData: [{ index: 0, records: [buf(0x61, 0x62), buf(0x63, 0x64)] }] }],
    };
    const bytes = encode(apis[0].request, req, 3);
    expect(bytes).toEqual(hex('ffff ffff 000003e8 00000001 0001 74 00000001 00000000 00000004 61626364'));
    const back = decode(apis[0].request, bytes, 3);
    expect(back.topicData[0].partitionData[0].records).toStrictEqual([hex('61626364')]);
  });
  it('Produce: a large stored batch is written whole', () => {
    const big = Buffer.alloc(4096, 7);
    const req = { transactionalId: 'x', acks: 1, timeoutMs: 1, topicData: [{ name: 't', partitionData: [{ index: 0, records: [big, buf(1)] }] }] };
    const bytes = encode(apis[0].request, req, 7);
    expect(bytes.subarray(bytes.length - 4101)).toEqual(Buffer.concat([hex('00001001'), big, buf(1)]));
  });
  it('Fetch v0 response with null records', () => {
    const res = {
      throttleTimeMs: 0,
      errorCode: 0,
      sessionId: 0,
      responses: [
        {
          topic: 't',
          partitions: [
            { partitionIndex: 0, errorCode: 1, highWatermark: 5, lastStableOffset: -1, logStartOffset: -1, abortedTransactions: null, preferredReadReplica: -1, records: null },
          ],
        },
      ],
    };
    expect(encode(apis[1].response, res, 0)).toEqual(hex('00000001 0001 74 00000001 00000000 0001 0000000000000005 ffffffff'));
  });
  it('ListOffsets v0 request carries max_num_offsets after the timestamp', () => {
    const req = { replicaId: -1, isolationLevel: 0, topics: [{ name: 't', partitions: [{ partitionIndex: 0, timestamp: -1, maxNumOffsets: 1 }] }] };
    expect(encode(apis[2].request, req, 0)).toEqual(hex('ffffffff 00000001 0001 74 00000001 00000000 ffffffffffffffff 00000001'));
    expect(encode(apis[2].request, req, 1)).toEqual(hex('ffffffff 00000001 0001 74 00000001 00000000 ffffffffffffffff'));
    expect(encode(apis[2].request, req, 2)).toEqual(hex('ffffffff 00 00000001 0001 74 00000001 00000000 ffffffffffffffff'));
  });
  it('ListOffsets v0 response: an old-style offsets array, no timestamp/offset', () => {
    const res = { throttleTimeMs: 0, topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0, oldStyleOffsets: [2 ** 32 + 1], timestamp: -1, offset: -1 }] }] };
    expect(encode(apis[2].response, res, 0)).toEqual(hex('00000001 0001 74 00000001 00000000 0000 00000001 0000000100000001'));
  });
  it('FindCoordinator v0 and v1 requests', () => {
    expect(encode(apis[10].request, { key: 'g', keyType: 1 }, 0)).toEqual(hex('0001 67'));
    expect(encode(apis[10].request, { key: 'g', keyType: 1 }, 1)).toEqual(hex('0001 67 01'));
  });
  it('FindCoordinator v1 response with a null error message', () => {
    const res = { throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: 1, host: 'h', port: 9092 };
    expect(encode(apis[10].response, res, 1)).toEqual(hex('00000000 0000 ffff 00000001 0001 68 00002384'));
    expect(encode(apis[10].response, res, 0)).toEqual(hex('0000 00000001 0001 68 00002384'));
  });
  it('Heartbeat v3 request with a null group instance id', () => {
    const req = { groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: null };
    expect(encode(apis[12].request, req, 3)).toEqual(hex('0001 67 00000001 0001 6d ffff'));
    expect(encode(apis[12].request, req, 2)).toEqual(hex('0001 67 00000001 0001 6d'));
  });
  it('LeaveGroup: one member id until v2, a members array from v3', () => {
    const req = { groupId: 'g', memberId: 'm', members: [{ memberId: 'm', groupInstanceId: null }] };
    expect(encode(apis[13].request, req, 2)).toEqual(hex('0001 67 0001 6d'));
    expect(encode(apis[13].request, req, 3)).toEqual(hex('0001 67 00000001 0001 6d ffff'));
  });
  it('JoinGroup v0 request: no rebalance timeout, bytes metadata', () => {
    const req = {
      groupId: 'g',
      sessionTimeoutMs: 30000,
      rebalanceTimeoutMs: 60000,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'c',
      protocols: [{ name: 'r', metadata: buf(0xaa, 0xbb) }],
    };
    expect(encode(apis[11].request, req, 0)).toEqual(hex('0001 67 00007530 0000 0001 63 00000001 0001 72 00000002 aabb'));
    expect(encode(apis[11].request, req, 1)).toEqual(hex('0001 67 00007530 0000ea60 0000 0001 63 00000001 0001 72 00000002 aabb'));
  });
  it('OffsetCommit: commit timestamp only in v1, retention time only in v2–4', () => {
    const req = {
      groupId: 'g',
      generationIdOrMemberEpoch: 1,
      memberId: 'm',
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 5, committedLeaderEpoch: -1, commitTimestamp: 6, committedMetadata: null }] }],
    };
    const topic = (partition: string) => `00000001 0001 74 00000001 ${partition}`;
    expect(encode(apis[8].request, req, 0)).toEqual(hex(`0001 67 ${topic('00000000 0000000000000005 ffff')}`));
    expect(encode(apis[8].request, req, 1)).toEqual(
      hex(`0001 67 00000001 0001 6d ${topic('00000000 0000000000000005 0000000000000006 ffff')}`),
    );
    expect(encode(apis[8].request, req, 2)).toEqual(
      hex(`0001 67 00000001 0001 6d ffffffffffffffff ${topic('00000000 0000000000000005 ffff')}`),
    );
    expect(encode(apis[8].request, req, 5)).toEqual(hex(`0001 67 00000001 0001 6d ${topic('00000000 0000000000000005 ffff')}`));
    expect(encode(apis[8].request, req, 6)).toEqual(
      hex(`0001 67 00000001 0001 6d ${topic('00000000 0000000000000005 ffffffff ffff')}`),
    );
    expect(encode(apis[8].request, req, 7)).toEqual(
      hex(`0001 67 00000001 0001 6d ffff ${topic('00000000 0000000000000005 ffffffff ffff')}`),
    );
  });
  it('OffsetFetch v2 response: the top-level error code comes after the topics', () => {
    const res = { throttleTimeMs: 0, topics: [], errorCode: 16 };
    expect(encode(apis[9].response, res, 2)).toEqual(hex('00000000 0010'));
    expect(encode(apis[9].response, res, 3)).toEqual(hex('00000000 00000000 0010'));
  });
  it('OffsetDelete v0 response: error code before throttle time', () => {
    expect(encode(apis[47].response, { errorCode: 16, throttleTimeMs: 2, topics: [] }, 0)).toEqual(hex('0010 00000002 00000000'));
  });
  it('DescribeGroups v3 response: authorized operations after the members', () => {
    const res = {
      throttleTimeMs: 0,
      groups: [{ errorCode: 0, groupId: 'g', groupState: 'E', protocolType: '', protocolData: '', members: [], authorizedOperations: -2147483648 }],
    };
    expect(encode(apis[15].response, res, 3)).toEqual(hex('00000000 00000001 0000 0001 67 0001 45 0000 0000 00000000 80000000'));
  });
});

describe('tagged fields (flexible versions)', () => {
  const withTag = struct({ a: int8, t: tagged(1, int32, 0) });
  it('a tagged field is written only when it differs from its default, after the fields, as tag, size, bytes', () => {
    expect(encode(withTag, { a: 1, t: 5 }, 0, true)).toEqual(hex('01 01 01 04 00000005'));
    expect(encode(withTag, { a: 1, t: 0 }, 0, true)).toEqual(hex('01 00'));
    expect(encode(withTag, { a: 1, t: 5 }, 0, false)).toEqual(hex('01')); // no tag section outside flexible versions
  });
  it('unknown tags are skipped, known ones read, missing ones take their default', () => {
    expect(decode(withTag, hex('01 02 00 02 abcd 01 04 00000005'), 0, true)).toStrictEqual({ a: 1, t: 5 });
    expect(decode(withTag, hex('01 01 07 01 ff'), 0, true)).toStrictEqual({ a: 1, t: 0 });
  });
  it('tags out of order or a field running past its size are refused', () => {
    expect(() => decode(withTag, hex('01 02 01 04 00000005 00 00'), 0, true)).toThrow(ProtocolError);
    expect(() => decode(withTag, hex('01 01 01 02 0000'), 0, true)).toThrow(ProtocolError);
  });
});
