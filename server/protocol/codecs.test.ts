// Every API codec, every version it covers: encode a full sample (every field, at every
// version, set to something other than its default; every array with two elements; nulls
// where a field is nullable), decode it back, and compare with what that version can carry —
// written out by hand from Kafka 3.7's message schemas, independently of the codec files.
// Then a few messages checked byte for byte against hand-computed encodings.
import { describe, expect, it } from 'vitest';
import { type ApiSpec, type Infer, decode, encode, int32, int8, isFlexible, struct, tagged } from './codec';
import { type ApiKey, apis } from './index';
import { NO_DIVERGING_EPOCH, NO_SNAPSHOT_ID } from './01-fetch';
import { NO_LEADER } from './leader-hints';
import { ProtocolError, Writer } from './primitives';

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
    response: (g) => {
      const noLeader = { leaderId: -1, leaderEpoch: -1 };
      return {
        responses: [
          {
            name: 'orders',
            partitionResponses: [
              {
                index: 0,
                errorCode: 0,
                baseOffset: BIG,
                logAppendTimeMs: g.since(2, TS, -1),
                logStartOffset: g.since(5, 17, -1),
                recordErrors: g.since(8, [{ batchIndex: 3, batchIndexErrorMessage: 'no key' }, { batchIndex: 9, batchIndexErrorMessage: null }], []),
                errorMessage: g.since(8, 'bad records', null),
                currentLeader: g.since(10, { leaderId: 2, leaderEpoch: 7 }, noLeader),
              },
              {
                index: 3,
                errorCode: 6,
                baseOffset: 12,
                logAppendTimeMs: g.since(2, TS + 1, -1),
                logStartOffset: g.since(5, 2, -1),
                recordErrors: g.since(8, [{ batchIndex: 0, batchIndexErrorMessage: '' }, { batchIndex: 1, batchIndexErrorMessage: 'x' }], []),
                errorMessage: g.since(8, '', null),
                currentLeader: g.since(10, { leaderId: 3, leaderEpoch: -1 }, noLeader),
              },
            ],
          },
          {
            name: 'logs',
            partitionResponses: [
              { index: 1, errorCode: 56, baseOffset: 0, logAppendTimeMs: g.since(2, 5, -1), logStartOffset: g.since(5, BIG, -1), recordErrors: [], errorMessage: null, currentLeader: noLeader },
              { index: 2, errorCode: 0, baseOffset: 99, logAppendTimeMs: g.since(2, 6, -1), logStartOffset: g.since(5, 0, -1), recordErrors: [], errorMessage: null, currentLeader: noLeader },
            ],
          },
        ],
        throttleTimeMs: g.since(1, 250, 0),
        nodeEndpoints: g.since(
          10,
          [
            { nodeId: 2, host: 'h2', port: 9093, rack: 'r2' },
            { nodeId: 3, host: 'h3', port: 9094, rack: null },
          ],
          [],
        ),
      };
    },
  },
  1: {
    request: (g) => {
      const none = '00000000-0000-0000-0000-000000000000';
      return {
        clusterId: g.since(12, 'cluster-1', null),
        replicaId: g.until(14, 2, -1),
        replicaState: g.since(15, { replicaId: 2, replicaEpoch: BIG }, { replicaId: -1, replicaEpoch: -1 }),
        maxWaitMs: 500,
        minBytes: 1,
        maxBytes: g.since(3, 52428800, 0x7fffffff),
        isolationLevel: g.since(4, 1, 0),
        sessionId: g.since(7, 12345, 0),
        sessionEpoch: g.since(7, 4, -1),
        topics: [
          {
            topic: g.until(12, 'orders', ''),
            topicId: g.since(13, '5d3b6a5e-0b4c-4f55-9e9a-1c2d3e4f5a6b', none),
            partitions: [
              {
                partition: 0,
                currentLeaderEpoch: g.since(9, 7, -1),
                fetchOffset: BIG,
                lastFetchedEpoch: g.since(12, 6, -1),
                logStartOffset: g.since(5, 100, -1),
                partitionMaxBytes: 1048576,
                replicaDirectoryId: g.since(17, 'a1b2c3d4-e5f6-4718-9a0b-c1d2e3f40516', none),
              },
              {
                partition: 5,
                currentLeaderEpoch: g.since(9, 8, -1),
                fetchOffset: 3,
                lastFetchedEpoch: g.since(12, 0, -1),
                logStartOffset: g.since(5, 1, -1),
                partitionMaxBytes: 65536,
                replicaDirectoryId: g.since(17, 'ffffffff-ffff-ffff-ffff-ffffffffffff', none),
              },
            ],
          },
          {
            topic: g.until(12, 'logs', ''),
            topicId: g.since(13, '00000000-0000-0000-0000-000000000001', none),
            partitions: [
              { partition: 1, currentLeaderEpoch: g.since(9, 0, -1), fetchOffset: 0, lastFetchedEpoch: g.since(12, 2, -1), logStartOffset: g.since(5, 0, -1), partitionMaxBytes: 1, replicaDirectoryId: none },
              { partition: 2, currentLeaderEpoch: g.since(9, 9, -1), fetchOffset: 77, lastFetchedEpoch: g.since(12, 3, -1), logStartOffset: g.since(5, 70, -1), partitionMaxBytes: 2, replicaDirectoryId: none },
            ],
          },
        ],
        forgottenTopicsData: g.since(
          7,
          [
            { topic: g.until(12, 'old', ''), topicId: g.since(13, '10000000-0000-0000-0000-000000000000', none), partitions: [1, 2] },
            { topic: g.until(12, 'older', ''), topicId: g.since(13, '20000000-0000-0000-0000-0000000000ff', none), partitions: [0, 9] },
          ],
          [],
        ),
        rackId: g.since(11, 'rack-a', ''),
      };
    },
    response: (g) => {
      const none = '00000000-0000-0000-0000-000000000000';
      const defaults = { divergingEpoch: { epoch: -1, endOffset: -1 }, currentLeader: { leaderId: -1, leaderEpoch: -1 }, snapshotId: { endOffset: -1, epoch: -1 } };
      return {
        throttleTimeMs: g.since(1, 10, 0),
        errorCode: g.since(7, 70, 0),
        sessionId: g.since(7, 999, 0),
        responses: [
          {
            topic: g.until(12, 'orders', ''),
            topicId: g.since(13, '5d3b6a5e-0b4c-4f55-9e9a-1c2d3e4f5a6b', none),
            partitions: [
              {
                partitionIndex: 0,
                errorCode: 0,
                highWatermark: BIG,
                lastStableOffset: g.since(4, BIG - 1, -1),
                logStartOffset: g.since(5, 3, -1),
                divergingEpoch: g.since(12, { epoch: 4, endOffset: BIG }, defaults.divergingEpoch),
                currentLeader: g.since(12, { leaderId: 1, leaderEpoch: 9 }, defaults.currentLeader),
                snapshotId: g.since(12, { endOffset: 77, epoch: 3 }, defaults.snapshotId),
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
                divergingEpoch: g.since(12, { epoch: 0, endOffset: 0 }, defaults.divergingEpoch),
                currentLeader: g.since(12, { leaderId: 2, leaderEpoch: -1 }, defaults.currentLeader),
                snapshotId: g.since(12, { endOffset: 0, epoch: 0 }, defaults.snapshotId),
                abortedTransactions: null,
                preferredReadReplica: g.since(11, 2, -1),
                records: null,
              },
            ],
          },
          {
            topic: g.until(12, 'logs', ''),
            topicId: g.since(13, '00000000-0000-0000-0000-000000000001', none),
            partitions: [
              {
                partitionIndex: 2,
                errorCode: 0,
                highWatermark: 8,
                lastStableOffset: g.since(4, 8, -1),
                logStartOffset: g.since(5, 0, -1),
                ...defaults,
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
                ...defaults,
                abortedTransactions: g.since(4, [{ producerId: 1, firstOffset: 0 }, { producerId: 2, firstOffset: 1 }], null),
                preferredReadReplica: g.since(11, 3, -1),
                records: g.records([]),
              },
            ],
          },
        ],
        nodeEndpoints: g.since(
          16,
          [
            { nodeId: 1, host: 'h1', port: 9092, rack: 'r1' },
            { nodeId: 2, host: 'h2', port: 9093, rack: null },
          ],
          [],
        ),
      };
    },
  },
  2: {
    request: (g) => ({
      replicaId: 3,
      isolationLevel: g.since(2, 1, 0),
      topics: [
        {
          name: 'orders',
          partitions: [
            { partitionIndex: 0, currentLeaderEpoch: g.since(4, 5, -1), timestamp: -1, maxNumOffsets: g.until(0, 5, 1) },
            { partitionIndex: 2, currentLeaderEpoch: g.since(4, 0, -1), timestamp: TS, maxNumOffsets: g.until(0, 10, 1) },
          ],
        },
        {
          name: 'logs',
          partitions: [
            { partitionIndex: 1, currentLeaderEpoch: g.since(4, 6, -1), timestamp: -2, maxNumOffsets: g.until(0, 2, 1) },
            { partitionIndex: 4, currentLeaderEpoch: g.since(4, 7, -1), timestamp: NEG_BIG, maxNumOffsets: g.until(0, 3, 1) },
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
            { partitionIndex: 0, errorCode: 0, oldStyleOffsets: g.until(0, [BIG, 0], []), timestamp: g.since(1, TS, -1), offset: g.since(1, BIG, -1), leaderEpoch: g.since(4, 5, -1) },
            { partitionIndex: 2, errorCode: 3, oldStyleOffsets: g.until(0, [7, 6], []), timestamp: g.since(1, 4, -1), offset: g.since(1, 0, -1), leaderEpoch: g.since(4, 0, -1) },
          ],
        },
        {
          name: 'logs',
          partitions: [
            { partitionIndex: 1, errorCode: 0, oldStyleOffsets: g.until(0, [1, 2], []), timestamp: g.since(1, 0, -1), offset: g.since(1, 12, -1), leaderEpoch: g.since(4, 8, -1) },
            { partitionIndex: 4, errorCode: 0, oldStyleOffsets: g.until(0, [NEG_BIG, 3], []), timestamp: g.since(1, 9, -1), offset: g.since(1, 13, -1), leaderEpoch: g.since(4, 9, -1) },
          ],
        },
      ],
    }),
  },
  3: {
    request: (g) => {
      const none = '00000000-0000-0000-0000-000000000000';
      return {
        // a null name (v10+, by id) cannot go out in older versions: see the byte-exact tests
        topics: [
          { topicId: g.since(10, '5d3b6a5e-0b4c-4f55-9e9a-1c2d3e4f5a6b', none), name: 'a' },
          { topicId: g.since(10, 'ffffffff-0000-0000-0000-000000000001', none), name: 'b' },
        ],
        allowAutoTopicCreation: g.since(4, false, true),
        includeClusterAuthorizedOperations: g.range(8, 10, true, false),
        includeTopicAuthorizedOperations: g.since(8, true, false),
      };
    },
    response: (g) => {
      const none = '00000000-0000-0000-0000-000000000000';
      return {
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
            topicId: g.since(10, '5d3b6a5e-0b4c-4f55-9e9a-1c2d3e4f5a6b', none),
            isInternal: g.since(1, true, false),
            partitions: [
              { errorCode: 0, partitionIndex: 0, leaderId: 1, leaderEpoch: g.since(7, 4, -1), replicaNodes: [1, 2], isrNodes: [1, 2], offlineReplicas: g.since(5, [3, 4], []) },
              { errorCode: 9, partitionIndex: 1, leaderId: 2, leaderEpoch: g.since(7, 0, -1), replicaNodes: [2, 1], isrNodes: [2, 3], offlineReplicas: g.since(5, [5, 6], []) },
            ],
            topicAuthorizedOperations: g.since(8, 0xdf8, INT32_MIN),
          },
          {
            errorCode: 3,
            name: 'b',
            topicId: g.since(10, 'ffffffff-0000-0000-0000-000000000001', none),
            isInternal: false,
            partitions: [
              { errorCode: 5, partitionIndex: 7, leaderId: -1, leaderEpoch: g.since(7, 12, -1), replicaNodes: [4, 5], isrNodes: [6, 7], offlineReplicas: g.since(5, [1, 2], []) },
              { errorCode: 0, partitionIndex: 8, leaderId: 5, leaderEpoch: g.since(7, 13, -1), replicaNodes: [5, 4], isrNodes: [5, 4], offlineReplicas: g.since(5, [0, 9], []) },
            ],
            topicAuthorizedOperations: g.since(8, 0, INT32_MIN),
          },
        ],
        clusterAuthorizedOperations: g.range(8, 10, 0x1fa0, INT32_MIN),
      };
    },
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
          { groupId: 'grp', memberId: g.since(9, 'm-1', null), memberEpoch: g.since(9, 7, -1), topics: [{ name: 'orders', partitionIndexes: [0, 1] }] },
          { groupId: 'all-of-it', memberId: null, memberEpoch: g.since(9, 0, -1), topics: null },
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
    request: (g) => ({ key: g.until(3, 'grp', ''), keyType: g.since(1, 1, 0), coordinatorKeys: g.since(4, ['grp', 'tx-1'], []) }),
    response: (g) => ({
      throttleTimeMs: g.since(1, 3, 0),
      errorCode: g.until(3, 15, 0),
      errorMessage: g.range(1, 3, 'not available', null),
      nodeId: g.until(3, 1, -1),
      host: g.until(3, 'localhost', ''),
      port: g.until(3, 9092, -1),
      coordinators: g.since(
        4,
        [
          { key: 'grp', nodeId: 2, host: 'b2', port: 9093, errorCode: 0, errorMessage: null },
          { key: 'tx-1', nodeId: -1, host: '', port: -1, errorCode: 15, errorMessage: 'not available' },
        ],
        [],
      ),
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
      reason: g.since(8, 'rebalance needed', null),
    }),
    response: (g) => ({
      throttleTimeMs: g.since(2, 1, 0),
      errorCode: 79,
      generationId: 5,
      protocolType: g.since(7, 'consumer', null),
      protocolName: 'range',
      leader: 'm-1',
      skipAssignment: g.since(9, true, false),
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
          { memberId: 'm-1', groupInstanceId: 'i-1', reason: g.since(5, 'shutting down', null) },
          { memberId: 'm-2', groupInstanceId: null, reason: null },
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
      protocolType: g.since(5, 'consumer', null),
      protocolName: g.since(5, 'range', null),
      assignments: [
        { memberId: 'm-1', assignment: buf(0, 1) },
        { memberId: 'm-2', assignment: buf(2, 3, 4) },
      ],
    }),
    response: (g) => ({
      throttleTimeMs: g.since(1, 2, 0),
      errorCode: 27,
      protocolType: g.since(5, 'consumer', null),
      protocolName: g.since(5, 'roundrobin', null),
      assignment: buf(5, 6, 7),
    }),
  },
  15: {
    request: (g) => ({ groups: ['g1', 'g2'], includeAuthorizedOperations: g.since(3, true, false) }),
    response: (g) => ({
      throttleTimeMs: g.since(1, 11, 0),
      groups: [
        {
          errorCode: 0,
          errorMessage: null,
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
          errorMessage: g.since(6, 'Group g2 is not a classic group.', null),
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
    request: (g) => ({ statesFilter: g.since(4, ['Stable', 'empty'], []), typesFilter: g.since(5, ['classic', 'Consumer'], []) }),
    response: (g) => ({
      throttleTimeMs: g.since(1, 2, 0),
      errorCode: 14,
      // an older version does not carry state or type: they read as not said (undefined)
      groups: [
        { groupId: 'g1', protocolType: 'consumer', groupState: g.since(4, 'Stable', undefined), groupType: g.since(5, 'classic', undefined) },
        { groupId: 'g2', protocolType: '', groupState: g.since(4, 'Empty', undefined), groupType: g.since(5, 'consumer', undefined) },
      ],
    }),
  },
  17: {
    request: () => ({ mechanism: 'SCRAM-SHA-512' }),
    response: () => ({ errorCode: 33, mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] }),
  },
  18: {
    request: (g) => ({ clientSoftwareName: g.since(3, 'librdkafka', ''), clientSoftwareVersion: g.since(3, '2.12.0', '') }),
    response: (g) => ({
      errorCode: 35,
      apiKeys: [
        { apiKey: 0, minVersion: 3, maxVersion: 7 },
        { apiKey: 1, minVersion: 0, maxVersion: 11 },
      ],
      throttleTimeMs: g.since(1, 12, 0),
      supportedFeatures: g.since(3, [{ name: 'metadata.version', minVersion: 1, maxVersion: 21 }, { name: 'kraft.version', minVersion: 0, maxVersion: 1 }], []),
      finalizedFeaturesEpoch: g.since(3, BIG, -1),
      finalizedFeatures: g.since(3, [{ name: 'metadata.version', maxVersionLevel: 21, minVersionLevel: 21 }, { name: 'group.version', maxVersionLevel: 1, minVersionLevel: 1 }], []),
      zkMigrationReady: g.since(3, true, false),
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
        {
          name: 't1',
          topicId: g.since(7, '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0', '00000000-0000-0000-0000-000000000000'),
          errorCode: 36,
          errorMessage: g.since(1, 'exists', null),
          topicConfigErrorCode: g.since(5, 29, 0),
          numPartitions: g.since(5, 3, -1),
          replicationFactor: g.since(5, 2, -1),
          configs: g.since(
            5,
            [
              { name: 'cleanup.policy', value: 'delete', readOnly: false, configSource: 1, isSensitive: false },
              { name: 'sasl.jaas.config', value: null, readOnly: true, configSource: 5, isSensitive: true },
            ],
            [],
          ),
        },
        {
          name: 't2',
          topicId: g.since(7, 'ffffffff-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000000'),
          errorCode: 0,
          errorMessage: null,
          topicConfigErrorCode: g.since(5, 1, 0),
          numPartitions: g.since(5, 1, -1),
          replicationFactor: g.since(5, 1, -1),
          configs: g.since(5, null, []),
        },
      ],
    }),
  },
  20: {
    request: (g) => ({
      topics: g.since(
        6,
        [
          { name: 'a', topicId: '00000000-0000-0000-0000-000000000000' },
          { name: null, topicId: '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0' },
        ],
        [],
      ),
      topicNames: g.until(5, ['a', 'b'], []),
      timeoutMs: 3000,
    }),
    // a null name (an unknown id, v6+) cannot go out in v0–5: see the byte-exact tests
    response: (g) => ({
      throttleTimeMs: g.since(1, 1, 0),
      responses: [
        { name: 'a', topicId: g.since(6, '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0', '00000000-0000-0000-0000-000000000000'), errorCode: 0, errorMessage: null },
        { name: 'b', topicId: g.since(6, 'ffffffff-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000000'), errorCode: 3, errorMessage: g.since(5, 'unknown', null) },
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
    request: (g) => ({ transactionalId: 'tx', transactionTimeoutMs: 60000, producerId: g.since(3, BIG, -1), producerEpoch: g.since(3, 7, -1) }),
    response: () => ({ throttleTimeMs: 2, errorCode: 53, producerId: BIG, producerEpoch: 3 }),
  },
  32: {
    request: (g) => ({
      resources: [
        { resourceType: 2, resourceName: 't1', configurationKeys: ['a', 'b'] },
        { resourceType: 4, resourceName: '1', configurationKeys: null },
      ],
      includeSynonyms: g.since(1, true, false),
      includeDocumentation: g.since(3, true, false),
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
              configType: g.since(3, 7, 0),
              documentation: g.since(3, 'What happens to old segments.', null),
            },
            {
              name: 'secret',
              value: null,
              readOnly: true,
              isDefault: g.until(0, true, false),
              configSource: g.since(1, 1, -1),
              isSensitive: true,
              synonyms: g.since(1, [{ name: 'a', value: 'b', source: 1 }, { name: 'c', value: 'd', source: 2 }], []),
              configType: g.since(3, 9, 0),
              documentation: g.since(3, '', null),
            },
          ],
        },
        {
          errorCode: 3,
          errorMessage: 'unknown topic',
          resourceType: 2,
          resourceName: 'nope',
          configs: [
            { name: 'p', value: 'q', readOnly: true, isDefault: false, configSource: g.since(1, 4, -1), isSensitive: false, synonyms: [], configType: g.since(3, 3, 0), documentation: g.since(3, 'p doc', null) },
            { name: 'r', value: 's', readOnly: false, isDefault: g.until(0, true, false), configSource: g.since(1, 3, -1), isSensitive: true, synonyms: [], configType: g.since(3, 5, 0), documentation: null },
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
    response: (g) => ({
      throttleTimeMs: 7,
      errorCode: g.since(3, 31, 0),
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
          totalBytes: g.since(4, BIG, -1),
          usableBytes: g.since(4, 2 ** 33, -1),
        },
        {
          errorCode: 57,
          logDir: '/other',
          topics: [
            { name: 'v', partitions: [] },
            { name: 'w', partitions: [] },
          ],
          totalBytes: g.since(4, 0, -1),
          usableBytes: g.since(4, 0, -1),
        },
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
  44: {
    request: () => ({
      resources: [
        {
          resourceType: 2,
          resourceName: 't1',
          configs: [
            { name: 'retention.ms', configOperation: 0, value: '1000' },
            { name: 'segment.bytes', configOperation: 1, value: null },
          ],
        },
        {
          resourceType: 4,
          resourceName: '1',
          configs: [
            { name: 'cleanup.policy', configOperation: 2, value: 'compact' },
            { name: 'x', configOperation: 3, value: '' },
          ],
        },
      ],
      validateOnly: true,
    }),
    response: () => ({
      throttleTimeMs: 7,
      responses: [
        { errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 't1' },
        { errorCode: 40, errorMessage: 'not a list', resourceType: 4, resourceName: '1' },
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
  68: {
    request: (g) => ({
      groupId: 'grp',
      memberId: 'AAAAAAAAAAAAAAAAAAAAAQ',
      memberEpoch: 12,
      instanceId: 'i-1',
      rackId: null,
      rebalanceTimeoutMs: 300000,
      subscribedTopicNames: ['orders', 'logs'],
      subscribedTopicRegex: g.since(1, 'orders-.*', null),
      serverAssignor: 'uniform',
      topicPartitions: [
        { topicId: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9', partitions: [0, 2] },
        { topicId: 'ffeeddcc-bbaa-9988-7766-554433221100', partitions: [] },
      ],
    }),
    response: () => ({
      throttleTimeMs: 3,
      errorCode: 0,
      errorMessage: null,
      memberId: 'AAAAAAAAAAAAAAAAAAAAAQ',
      memberEpoch: 13,
      heartbeatIntervalMs: 5000,
      assignment: {
        topicPartitions: [
          { topicId: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9', partitions: [0, 1, 2] },
          { topicId: 'ffeeddcc-bbaa-9988-7766-554433221100', partitions: [5] },
        ],
      },
    }),
  },
  69: {
    request: () => ({ groupIds: ['g1', 'g2'], includeAuthorizedOperations: true }),
    response: () => {
      const assignment = (p: number[]) => ({
        topicPartitions: [
          { topicId: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9', topicName: 'orders', partitions: p },
          { topicId: 'ffeeddcc-bbaa-9988-7766-554433221100', topicName: 'logs', partitions: [] },
        ],
        error: 0,
        metadataVersion: 0,
        metadataBytes: buf(),
      });
      return {
        throttleTimeMs: 4,
        groups: [
          {
            errorCode: 0,
            errorMessage: null,
            groupId: 'g1',
            groupState: 'Reconciling',
            groupEpoch: 9,
            assignmentEpoch: 8,
            assignorName: 'range',
            members: [
              {
                memberId: 'm-1',
                instanceId: 'i-1',
                rackId: 'rack-a',
                memberEpoch: 8,
                clientId: 'c-1',
                clientHost: '/127.0.0.1',
                subscribedTopicNames: ['orders', 'logs'],
                subscribedTopicRegex: null,
                assignment: assignment([0, 1]),
                targetAssignment: assignment([0]),
              },
              {
                memberId: 'm-2',
                instanceId: null,
                rackId: null,
                memberEpoch: 9,
                clientId: 'c-2',
                clientHost: '/10.0.0.2',
                subscribedTopicNames: [],
                subscribedTopicRegex: 'orders|logs',
                assignment: assignment([]),
                targetAssignment: { ...assignment([1]), error: 2, metadataVersion: 1, metadataBytes: buf(1, 2) },
              },
            ],
            authorizedOperations: 0x7f8,
          },
          {
            errorCode: 69,
            errorMessage: 'Group g2 not found.',
            groupId: 'g2',
            groupState: 'Dead',
            groupEpoch: -1,
            assignmentEpoch: -1,
            assignorName: '',
            members: [],
            authorizedOperations: INT32_MIN,
          },
        ],
      };
    },
  },
};

/** The version ranges this project speaks: every non-flexible version, as agreed. */
const expectedRanges: Record<ApiKey, [name: string, min: number, max: number]> = {
  0: ['Produce', 0, 11],
  1: ['Fetch', 0, 17],
  2: ['ListOffsets', 0, 9],
  3: ['Metadata', 0, 12],
  8: ['OffsetCommit', 0, 9],
  9: ['OffsetFetch', 0, 9],
  10: ['FindCoordinator', 0, 4],
  11: ['JoinGroup', 0, 9],
  12: ['Heartbeat', 0, 4],
  13: ['LeaveGroup', 0, 5],
  14: ['SyncGroup', 0, 5],
  15: ['DescribeGroups', 0, 6],
  16: ['ListGroups', 0, 5],
  17: ['SaslHandshake', 0, 1],
  18: ['ApiVersions', 0, 3],
  19: ['CreateTopics', 0, 7],
  20: ['DeleteTopics', 0, 6],
  21: ['DeleteRecords', 0, 2],
  22: ['InitProducerId', 0, 5],
  32: ['DescribeConfigs', 0, 4],
  33: ['AlterConfigs', 0, 2],
  35: ['DescribeLogDirs', 0, 4],
  36: ['SaslAuthenticate', 0, 2],
  37: ['CreatePartitions', 0, 3],
  42: ['DeleteGroups', 0, 2],
  44: ['IncrementalAlterConfigs', 0, 1],
  47: ['OffsetDelete', 0, 0],
  68: ['ConsumerGroupHeartbeat', 0, 1],
  69: ['ConsumerGroupDescribe', 0, 0],
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
        if (isFlexible(spec, v)) {
          it(`v${v} ${side}: skips a tagged field it does not know in every struct`, () => {
            const codec = spec[side];
            const w = new Writer();
            w.flexible = true;
            w.unknownTag = { tag: 30_000, body: Buffer.from('from a newer version') };
            codec.write(w, sample[side](FULL), v);
            const bytes = w.toBuffer();
            expect(bytes.includes(Buffer.from('from a newer version'))).toBe(true);
            expect(decode(codec, bytes, v, true)).toStrictEqual(sample[side](at(v)));
          });
        }
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
    const all = { topics: null, allowAutoTopicCreation: true, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false };
    expect(encode(apis[3].request, all, 0)).toEqual(hex('00000000'));
    expect(decode(apis[3].request, hex('00000000'), 0)).toStrictEqual({ ...all, topics: [] });
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
    expect(decode(apis[9].request, hex('02 02 67 00 00  01  00'), 8, true)).toStrictEqual({
      groupId: '',
      topics: null,
      groups: [{ groupId: 'g', memberId: null, memberEpoch: -1, topics: null }],
      requireStable: true,
    });
  });
  it('OffsetFetch v9 request: member id and epoch after the group id', () => {
    const req = { groups: [{ groupId: 'g', memberId: 'm', memberEpoch: 5, topics: null }], requireStable: false };
    expect(encode(apis[9].request, req, 9, true)).toEqual(hex('02  02 67  02 6d  00000005  00  00  00  00'));
  });
  it('ConsumerGroupHeartbeat v1 response: a nullable struct is an int8 marker, -1 for null', () => {
    const base = { throttleTimeMs: 0, errorCode: 0, errorMessage: null, memberId: 'm', memberEpoch: 2, heartbeatIntervalMs: 5000 };
    expect(encode(apis[68].response, { ...base, assignment: null }, 1, true)).toEqual(hex('00000000 0000 00 02 6d 00000002 00001388  ff  00'));
    const id = '00000000-0000-0000-0000-000000000001';
    expect(encode(apis[68].response, { ...base, assignment: { topicPartitions: [{ topicId: id, partitions: [3] }] } }, 1, true)).toEqual(
      hex('00000000 0000 00 02 6d 00000002 00001388  01  02 00000000000000000000000000000001 02 00000003 00  00  00'),
    );
  });
  it('OffsetFetch v8 response: per-group topics and error code', () => {
    const res = { throttleTimeMs: 0, groups: [{ groupId: 'g', topics: [], errorCode: 16 }] };
    expect(encode(apis[9].response, res, 8, true)).toEqual(hex('00000000 02 02 67 01 0010 00 00'));
  });
  it('DescribeLogDirs null topics = every partition', () => {
    expect(encode(apis[35].request, { topics: null }, 1)).toEqual(hex('ffffffff'));
    expect(decode(apis[35].request, hex('ffffffff'), 0)).toStrictEqual({ topics: null });
  });
  it('ApiVersions v3: request header fields then compact software name and version; response tags after the throttle time', () => {
    // request body: compact "ab" (len+1 = 3), compact "1.0", empty tag section
    expect(encode(apis[18].request, { clientSoftwareName: 'ab', clientSoftwareVersion: '1.0' }, 3, true)).toEqual(hex('03 6162 04 312e30 00'));
    const res = { errorCode: 0, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 3 }], throttleTimeMs: 0, supportedFeatures: [], finalizedFeaturesEpoch: 5, finalizedFeatures: [], zkMigrationReady: false };
    // error, compact array of 1 (2), key/min/max + empty tags, throttle, 1 tag: tag 1 size 8 int64 5
    expect(encode(apis[18].response, res, 3, true)).toEqual(hex('0000 02 0012 0000 0003 00 00000000 01 01 08 0000000000000005'));
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
          topicId: NO_TOPIC_ID,
          partitions: [
            { partitionIndex: 0, errorCode: 1, highWatermark: 5, lastStableOffset: -1, logStartOffset: -1, ...FETCH_TAG_DEFAULTS, abortedTransactions: null, preferredReadReplica: -1, records: null },
          ],
        },
      ],
      nodeEndpoints: [],
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

// The classic group APIs in their flexible versions, byte by byte from Kafka 3.9's
// <Name>Request/Response.json: compact strings, bytes and arrays (uvarint length + 1, 0 =
// null), and an (empty) tag section closing every struct.
describe('byte-exact encodings: classic group APIs, flexible versions', () => {
  it('OffsetCommit v8 request and response', () => {
    const req = {
      groupId: 'g',
      generationIdOrMemberEpoch: 1,
      memberId: 'm',
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 5, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: null }] }],
    };
    // group, generation, member, null instance id, 1 topic: name, 1 partition: index, offset, epoch, null metadata, tags; topic tags; tags
    expect(encode(apis[8].request, req, 8, true)).toEqual(hex('02 67 00000001 02 6d 00 02 02 74 02 00000000 0000000000000005 ffffffff 00 00 00 00'));
    const res = { throttleTimeMs: 0, topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 22 }] }] };
    expect(encode(apis[8].response, res, 8, true)).toEqual(hex('00000000 02 02 74 02 00000000 0016 00 00 00'));
  });
  it('FindCoordinator v3: one key; v4: many keys, answered each in coordinators', () => {
    expect(encode(apis[10].request, { key: 'g', keyType: 0 }, 3, true)).toEqual(hex('02 67 00 00'));
    // no key in v4: key type, then the keys
    expect(encode(apis[10].request, { key: 'ignored', keyType: 0, coordinatorKeys: ['a', 'b'] }, 4, true)).toEqual(hex('00 03 02 61 02 62 00'));
    const v3 = { throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: 1, host: 'h', port: 9092 };
    expect(encode(apis[10].response, v3, 3, true)).toEqual(hex('00000000 0000 00 00000001 02 68 00002384 00'));
    const v4 = {
      throttleTimeMs: 0,
      coordinators: [
        { key: 'a', nodeId: 1, host: 'h', port: 9092, errorCode: 0, errorMessage: null },
        { key: 'b', nodeId: -1, host: '', port: -1, errorCode: 15, errorMessage: 'x' },
      ],
    };
    const bytes = hex('00000000 03  02 61 00000001 02 68 00002384 0000 00 00  02 62 ffffffff 01 ffffffff 000f 02 78 00  00');
    expect(encode(apis[10].response, v4, 4, true)).toEqual(bytes);
    expect(decode(apis[10].response, bytes, 4, true)).toStrictEqual({ ...v4, errorCode: 0, errorMessage: null, nodeId: -1, host: '', port: -1 });
  });
  it('JoinGroup v8 request with a reason; v9 response with protocol type, null protocol name and skipAssignment', () => {
    const req = {
      groupId: 'g',
      sessionTimeoutMs: 30000,
      rebalanceTimeoutMs: 60000,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'c',
      protocols: [{ name: 'r', metadata: buf(0xaa, 0xbb) }],
      reason: 'x',
    };
    expect(encode(apis[11].request, req, 8, true)).toEqual(hex('02 67 00007530 0000ea60 01 00 02 63 02 02 72 03 aabb 00 02 78 00'));
    expect(encode(apis[11].request, req, 7, true)).toEqual(hex('02 67 00007530 0000ea60 01 00 02 63 02 02 72 03 aabb 00 00'));
    const res = { throttleTimeMs: 0, errorCode: 79, generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId: 'm', members: [] };
    // throttle, error, generation, null type, null name, "" leader, skipAssignment, member, no members, tags
    expect(encode(apis[11].response, res, 9, true)).toEqual(hex('00000000 004f ffffffff 00 00 01 00 02 6d 01 00'));
    const ok = { ...res, errorCode: 0, generationId: 1, protocolType: 'c', protocolName: 'r', leader: 'm', skipAssignment: true, members: [{ memberId: 'm', groupInstanceId: null, metadata: buf(1) }] };
    expect(encode(apis[11].response, ok, 9, true)).toEqual(hex('00000000 0000 00000001 02 63 02 72 02 6d 01 02 6d 02 02 6d 00 02 01 00 00'));
    // v6: no protocol type, a non-null name
    expect(encode(apis[11].response, { ...ok, protocolName: '' }, 6, true)).toEqual(hex('00000000 0000 00000001 01 02 6d 02 6d 02 02 6d 00 02 01 00 00'));
  });
  it('Heartbeat v4 request and response', () => {
    expect(encode(apis[12].request, { groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: null }, 4, true)).toEqual(hex('02 67 00000001 02 6d 00 00'));
    expect(encode(apis[12].response, { throttleTimeMs: 0, errorCode: 27 }, 4, true)).toEqual(hex('00000000 001b 00'));
  });
  it('LeaveGroup v4 and v5 (a reason per member) requests, v5 response', () => {
    const req = { groupId: 'g', memberId: '', members: [{ memberId: 'm', groupInstanceId: null, reason: 'r' }] };
    expect(encode(apis[13].request, req, 4, true)).toEqual(hex('02 67 02 02 6d 00 00 00'));
    expect(encode(apis[13].request, req, 5, true)).toEqual(hex('02 67 02 02 6d 00 02 72 00 00'));
    const res = { throttleTimeMs: 0, errorCode: 0, members: [{ memberId: 'm', groupInstanceId: 'i', errorCode: 25 }] };
    expect(encode(apis[13].response, res, 5, true)).toEqual(hex('00000000 0000 02 02 6d 02 69 0019 00 00'));
  });
  it('SyncGroup v5: protocol type and name before the assignments, and in the answer before the assignment', () => {
    const req = { groupId: 'g', generationId: 1, memberId: 'm', groupInstanceId: null, protocolType: 'c', protocolName: 'r', assignments: [{ memberId: 'm', assignment: buf(0xab) }] };
    expect(encode(apis[14].request, req, 5, true)).toEqual(hex('02 67 00000001 02 6d 00 02 63 02 72 02 02 6d 02 ab 00 00'));
    expect(encode(apis[14].request, req, 4, true)).toEqual(hex('02 67 00000001 02 6d 00 02 02 6d 02 ab 00 00'));
    const res = { throttleTimeMs: 0, errorCode: 0, protocolType: 'c', protocolName: null, assignment: buf(0xab) };
    expect(encode(apis[14].response, res, 5, true)).toEqual(hex('00000000 0000 02 63 00 02 ab 00'));
  });
  it('DescribeGroups v5 request and response', () => {
    expect(encode(apis[15].request, { groups: ['g'], includeAuthorizedOperations: false }, 5, true)).toEqual(hex('02 02 67 00 00'));
    const res = {
      throttleTimeMs: 0,
      groups: [{ errorCode: 0, groupId: 'g', groupState: 'E', protocolType: '', protocolData: '', members: [], authorizedOperations: -2147483648 }],
    };
    expect(encode(apis[15].response, res, 5, true)).toEqual(hex('00000000 02 0000 02 67 02 45 01 01 01 80000000 00 00'));
  });
  it('ListGroups v3 (no filters), v5 (states and types filters; state and type per group)', () => {
    const req = { statesFilter: ['Stable'], typesFilter: ['classic'] };
    expect(encode(apis[16].request, req, 3, true)).toEqual(hex('00'));
    expect(encode(apis[16].request, req, 4, true)).toEqual(hex('02 07 537461626c65 00'));
    expect(encode(apis[16].request, req, 5, true)).toEqual(hex('02 07 537461626c65 02 08 636c6173736963 00'));
    const res = { throttleTimeMs: 0, errorCode: 0, groups: [{ groupId: 'g', protocolType: 'c', groupState: 'Stable', groupType: 'classic' }] };
    expect(encode(apis[16].response, res, 5, true)).toEqual(hex('00000000 0000 02 02 67 02 63 07 537461626c65 08 636c6173736963 00 00'));
    expect(encode(apis[16].response, res, 3, true)).toEqual(hex('00000000 0000 02 02 67 02 63 00 00'));
  });
  it('DeleteGroups v2 request and response', () => {
    expect(encode(apis[42].request, { groupsNames: ['g'] }, 2, true)).toEqual(hex('02 02 67 00'));
    expect(encode(apis[42].response, { throttleTimeMs: 0, results: [{ groupId: 'g', errorCode: 69 }] }, 2, true)).toEqual(hex('00000000 02 02 67 0045 00 00'));
  });
});

// Flexible versions of the data-path APIs, byte by byte from Kafka 3.9's Produce/Fetch/
// ListOffsets/Metadata Request/Response.json: compact strings, bytes and arrays are uvarint
// length + 1 (0 = null), a UUID is its 16 bytes, every struct ends with a tag section
// (count, then tag, size, bytes per field), tagged fields only when not their default.
const NO_TOPIC_ID = '00000000-0000-0000-0000-000000000000';
const FETCH_TAG_DEFAULTS = { divergingEpoch: NO_DIVERGING_EPOCH, currentLeader: NO_LEADER, snapshotId: NO_SNAPSHOT_ID };
const TOPIC_ID = '00112233-4455-6677-8899-aabbccddeeff';
const TOPIC_ID_HEX = '00112233445566778899aabbccddeeff';

describe('byte-exact encodings: flexible Produce, Fetch, ListOffsets, Metadata', () => {
  it('Produce v9 request: compact null transactional id, topic, partitions and records, a tag section per struct', () => {
    const req = { transactionalId: null, acks: -1, timeoutMs: 1000, topicData: [{ name: 't', partitionData: [{ index: 0, records: [buf(0x61), buf(0x62)] }] }] };
    const bytes = encode(apis[0].request, req, 9, true);
    expect(bytes).toEqual(hex('00 ffff 000003e8 02 02 74 02 00000000 03 6162 00 00 00'));
    expect(decode(apis[0].request, bytes, 9, true).topicData[0].partitionData[0].records).toStrictEqual([hex('6162')]);
  });
  it('Produce v10 response: NOT_LEADER_OR_FOLLOWER with the tagged current leader and node endpoints', () => {
    const partition = { index: 0, errorCode: 6, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [], errorMessage: null };
    const res = {
      responses: [{ name: 't', partitionResponses: [{ ...partition, currentLeader: { leaderId: 2, leaderEpoch: -1 } }] }],
      throttleTimeMs: 0,
      nodeEndpoints: [{ nodeId: 2, host: 'h', port: 9092, rack: null }],
    };
    const head = '02 02 74 02 00000000 0006 ffffffffffffffff ffffffffffffffff ffffffffffffffff 01 00';
    // partition tags: one, tag 0, 9 bytes (leader id, epoch, empty tag section)
    // top-level tags: one, tag 0, 13 bytes (one endpoint: id, compact "h", port, null rack, tags)
    expect(encode(apis[0].response, res, 10, true)).toEqual(hex(`${head} 01 00 09 00000002 ffffffff 00  00  00000000  01 00 0d 02 00000002 02 68 00002384 00 00`));
    // v9 has no such tags; defaults are left out in v10 too
    expect(encode(apis[0].response, res, 9, true)).toEqual(hex(`${head} 00 00 00000000 00`));
    const quiet = { responses: [{ name: 't', partitionResponses: [{ ...partition, currentLeader: NO_LEADER }] }], throttleTimeMs: 0, nodeEndpoints: [] };
    expect(encode(apis[0].response, quiet, 11, true)).toEqual(hex(`${head} 00 00 00000000 00`));
  });
  it('Produce v8 response: record errors and error message after the log-start offset', () => {
    const res = {
      responses: [
        {
          name: 't',
          partitionResponses: [{ index: 0, errorCode: 87, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [{ batchIndex: 1, batchIndexErrorMessage: null }], errorMessage: 'm', currentLeader: NO_LEADER }],
        },
      ],
      throttleTimeMs: 0,
      nodeEndpoints: [],
    };
    expect(encode(apis[0].response, res, 8)).toEqual(
      hex('00000001 0001 74 00000001 00000000 0057 ffffffffffffffff ffffffffffffffff ffffffffffffffff 00000001 00000001 ffff 0001 6d 00000000'),
    );
  });
  const fetchPartition = { partition: 0, currentLeaderEpoch: -1, fetchOffset: 5, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: 100 };
  const fetchHead = 'ffffffff 000001f4 00000001 00000400 00 00000000 ffffffff';
  const fetchPartitionHex = '02 00000000 ffffffff 0000000000000005 ffffffff ffffffffffffffff 00000064 00';
  it('Fetch v12 request: by name, last fetched epoch, the cluster id as tag 0', () => {
    const req = { clusterId: 'c', replicaId: -1, maxWaitMs: 500, minBytes: 1, maxBytes: 1024, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, topics: [{ topic: 't', partitions: [fetchPartition] }], forgottenTopicsData: [], rackId: '' };
    expect(encode(apis[1].request, req, 12, true)).toEqual(hex(`${fetchHead} 02 02 74 ${fetchPartitionHex} 00 01 01 01 00 02 02 63`));
  });
  it('Fetch v13 request: topics by id (16 bytes), no name; v15 drops the replica id', () => {
    const req = { replicaId: -1, maxWaitMs: 500, minBytes: 1, maxBytes: 1024, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, topics: [{ topic: 'ignored', topicId: TOPIC_ID, partitions: [fetchPartition] }], forgottenTopicsData: [], rackId: '' };
    const body = `02 ${TOPIC_ID_HEX} ${fetchPartitionHex} 00 01 01 00`;
    expect(encode(apis[1].request, req, 13, true)).toEqual(hex(`${fetchHead} ${body}`));
    expect(encode(apis[1].request, req, 15, true)).toEqual(hex(`${fetchHead.slice('ffffffff '.length)} ${body}`));
    const back = decode(apis[1].request, hex(`${fetchHead} ${body}`), 13, true);
    expect(back.topics[0]).toMatchObject({ topic: '', topicId: TOPIC_ID });
    expect(back.replicaState).toEqual({ replicaId: -1, replicaEpoch: -1 });
  });
  it('Fetch v13 response: an unknown topic id, answered by id with UNKNOWN_TOPIC_ID and empty records', () => {
    const res = {
      throttleTimeMs: 0,
      errorCode: 0,
      sessionId: 0,
      responses: [
        {
          topic: '',
          topicId: TOPIC_ID,
          partitions: [{ partitionIndex: 0, errorCode: 100, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, ...FETCH_TAG_DEFAULTS, abortedTransactions: [], preferredReadReplica: -1, records: [] }],
        },
      ],
      nodeEndpoints: [],
    };
    const minus1 = 'ffffffffffffffff';
    expect(encode(apis[1].response, res, 13, true)).toEqual(hex(`00000000 0000 00000000 02 ${TOPIC_ID_HEX} 02 00000000 0064 ${minus1} ${minus1} ${minus1} 01 ffffffff 01 00 00 00`));
  });
  it('Fetch v16 response: a moved partition carries its leader as tag 1, the answer its address as tag 0', () => {
    const res = {
      throttleTimeMs: 0,
      errorCode: 0,
      sessionId: 0,
      responses: [
        {
          topic: '',
          topicId: TOPIC_ID,
          partitions: [
            { partitionIndex: 0, errorCode: 6, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, ...FETCH_TAG_DEFAULTS, currentLeader: { leaderId: 1, leaderEpoch: -1 }, abortedTransactions: [], preferredReadReplica: -1, records: [] },
          ],
        },
      ],
      nodeEndpoints: [{ nodeId: 1, host: 'h', port: 9092, rack: 'r' }],
    };
    const minus1 = 'ffffffffffffffff';
    const partition = `00000000 0006 ${minus1} ${minus1} ${minus1} 01 ffffffff 01 01 01 09 00000001 ffffffff 00`;
    expect(encode(apis[1].response, res, 16, true)).toEqual(hex(`00000000 0000 00000000 02 ${TOPIC_ID_HEX} 02 ${partition} 00 01 00 0e 02 00000001 02 68 00002384 02 72 00`));
    // v12–15 carry the leader but no endpoints
    expect(encode(apis[1].response, res, 12, true)).toEqual(hex(`00000000 0000 00000000 02 01 02 ${partition} 00 00`));
  });
  it('ListOffsets v6 request and response: compact, current leader epoch and leader epoch, tags', () => {
    const req = { replicaId: -1, isolationLevel: 0, topics: [{ name: 't', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -3, maxNumOffsets: 1 }] }] };
    expect(encode(apis[2].request, req, 7, true)).toEqual(hex('ffffffff 00 02 02 74 02 00000000 ffffffff fffffffffffffffd 00 00 00'));
    const res = { throttleTimeMs: 0, topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0, oldStyleOffsets: [], timestamp: TS, offset: 5, leaderEpoch: -1 }] }] };
    expect(encode(apis[2].response, res, 6, true)).toEqual(hex('00000000 02 02 74 02 00000000 0000 0000018bcfe5687b 0000000000000005 ffffffff 00 00 00'));
  });
  it('Metadata v12 request by id: a null name, no cluster-operations flag; v10 has it', () => {
    const req = { topics: [{ topicId: TOPIC_ID, name: null }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: true };
    expect(encode(apis[3].request, req, 12, true)).toEqual(hex(`02 ${TOPIC_ID_HEX} 00 00  00 01 00`));
    expect(encode(apis[3].request, { ...req, topics: [{ topicId: NO_TOPIC_ID, name: 'a' }] }, 10, true)).toEqual(hex(`02 ${'00'.repeat(16)} 02 61 00  00 00 01 00`));
    expect(decode(apis[3].request, hex(`02 ${TOPIC_ID_HEX} 00 00  01 00 00`), 12, true)).toStrictEqual({ ...req, allowAutoTopicCreation: true, includeTopicAuthorizedOperations: false });
  });
  it('Metadata v12 response: an unknown topic id has a null name; authorized operations not asked for', () => {
    const res = {
      throttleTimeMs: 0,
      brokers: [{ nodeId: 1, host: 'h', port: 9092, rack: null }],
      clusterId: 'c',
      controllerId: 1,
      topics: [{ errorCode: 100, name: null, topicId: TOPIC_ID, isInternal: false, partitions: [], topicAuthorizedOperations: INT32_MIN }],
      clusterAuthorizedOperations: INT32_MIN,
    };
    const topic = `02 0064 00 ${TOPIC_ID_HEX} 00 01 80000000 00`;
    expect(encode(apis[3].response, res, 12, true)).toEqual(hex(`00000000 02 00000001 02 68 00002384 00 00 02 63 00000001 ${topic} 00`));
    // v10: the cluster's operations after the topics, and a name that cannot be null
    const named = { ...res, topics: [{ ...res.topics[0], name: 'a' }] };
    expect(encode(apis[3].response, named, 10, true)).toEqual(hex(`00000000 02 00000001 02 68 00002384 00 00 02 63 00000001 02 0064 02 61 ${TOPIC_ID_HEX} 00 01 80000000 00 80000000 00`));
  });
  it('Metadata v7 response: the leader epoch after the leader id', () => {
    const res = {
      throttleTimeMs: 0,
      brokers: [],
      clusterId: null,
      controllerId: 1,
      topics: [{ errorCode: 0, name: 't', topicId: NO_TOPIC_ID, isInternal: false, partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 1, leaderEpoch: -1, replicaNodes: [1], isrNodes: [1], offlineReplicas: [] }], topicAuthorizedOperations: INT32_MIN }],
      clusterAuthorizedOperations: INT32_MIN,
    };
    expect(encode(apis[3].response, res, 7)).toEqual(hex('00000000 00000000 ffff 00000001 00000001 0000 0001 74 00 00000001 0000 00000000 00000001 ffffffff 00000001 00000001 00000001 00000001 00000000'));
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

// Flexible versions of the admin and security APIs, byte by byte from Kafka 3.9's message
// JSON: compact strings/arrays/bytes are uvarint length + 1 (0 = null), UUIDs 16 raw bytes,
// every struct ends with its tag section.
describe('byte-exact encodings: admin and security APIs', () => {
  const ID = '00010203-0405-0607-0809-0a0b0c0d0e0f';
  const ID_HEX = '000102030405060708090a0b0c0d0e0f';
  it('CreateTopics v5 request: compact topic, empty assignments, a null config value, tags', () => {
    const req = { topics: [{ name: 't', numPartitions: 1, replicationFactor: -1, assignments: [], configs: [{ name: 'a', value: null }] }], timeoutMs: 1000, validateOnly: false };
    expect(encode(apis[19].request, req, 5, true)).toEqual(hex('02 02 74 00000001 ffff 01 02 02 61 00 00 00 000003e8 00 00'));
  });
  it('CreateTopics v7 response: topic id after the name; partitions, replication factor and configs after the message', () => {
    const config = { name: 'a', value: 'b', readOnly: false, configSource: 5, isSensitive: false };
    const res = { throttleTimeMs: 0, topics: [{ name: 't', topicId: ID, errorCode: 0, errorMessage: null, topicConfigErrorCode: 0, numPartitions: 1, replicationFactor: 1, configs: [config] }] };
    expect(encode(apis[19].response, res, 7, true)).toEqual(hex(`00000000 02 02 74 ${ID_HEX} 0000 00 00000001 0001 02 02 61 02 62 00 05 00 00 00 00`));
  });
  it('CreateTopics v5 response: null configs, and TopicConfigErrorCode as tag 0 (2 bytes)', () => {
    const res = { throttleTimeMs: 0, topics: [{ name: 't', topicId: ID, errorCode: 0, errorMessage: null, topicConfigErrorCode: 29, numPartitions: -1, replicationFactor: -1, configs: null }] };
    const bytes = hex('00000000 02 02 74 0000 00 ffffffff ffff 00 01 00 02 001d 00');
    expect(encode(apis[19].response, res, 5, true)).toEqual(bytes);
    expect(decode(apis[19].response, bytes, 5, true).topics[0]).toMatchObject({ topicId: '00000000-0000-0000-0000-000000000000', topicConfigErrorCode: 29, configs: null });
  });
  it('DeleteTopics v4 request: topic names; v6: by id with a null name', () => {
    expect(encode(apis[20].request, { topicNames: ['a'], timeoutMs: 1000 }, 4, true)).toEqual(hex('02 02 61 000003e8 00'));
    const byId = hex(`02 00 ${ID_HEX} 00 000003e8 00`);
    expect(encode(apis[20].request, { topics: [{ name: null, topicId: ID }], timeoutMs: 1000 }, 6, true)).toEqual(byId);
    expect(decode(apis[20].request, byId, 6, true)).toStrictEqual({ topics: [{ name: null, topicId: ID }], topicNames: [], timeoutMs: 1000 });
  });
  it('DeleteTopics v6 response: an unknown id answers a null name; v0–5 cannot carry one', () => {
    const res = { throttleTimeMs: 0, responses: [{ name: null, topicId: ID, errorCode: 100, errorMessage: 'x' }] };
    expect(encode(apis[20].response, res, 6, true)).toEqual(hex(`00000000 02 00 ${ID_HEX} 0064 02 78 00 00`));
    expect(() => encode(apis[20].response, res, 5, true)).toThrow(ProtocolError);
    expect(() => encode(apis[20].response, res, 3)).toThrow(/v6/);
  });
  it('DeleteRecords v2 request and response', () => {
    const req = { topics: [{ name: 't', partitions: [{ partitionIndex: 0, offset: 5 }] }], timeoutMs: 1000 };
    expect(encode(apis[21].request, req, 2, true)).toEqual(hex('02 02 74 02 00000000 0000000000000005 00 00 000003e8 00'));
    const res = { throttleTimeMs: 0, topics: [{ name: 't', partitions: [{ partitionIndex: 0, lowWatermark: 5, errorCode: 0 }] }] };
    expect(encode(apis[21].response, res, 2, true)).toEqual(hex('00000000 02 02 74 02 00000000 0000000000000005 0000 00 00 00'));
  });
  it('InitProducerId: v2 compact null transactional id; v3 adds producer id and epoch; v5 response', () => {
    const req = { transactionalId: null, transactionTimeoutMs: 60000, producerId: 5, producerEpoch: 2 };
    expect(encode(apis[22].request, req, 2, true)).toEqual(hex('00 0000ea60 00'));
    expect(encode(apis[22].request, req, 3, true)).toEqual(hex('00 0000ea60 0000000000000005 0002 00'));
    expect(decode(apis[22].request, hex('00 0000ea60 00'), 2, true)).toStrictEqual({ ...req, producerId: -1, producerEpoch: -1 });
    expect(encode(apis[22].response, { throttleTimeMs: 0, errorCode: 0, producerId: 5, producerEpoch: 0 }, 5, true)).toEqual(hex('00000000 0000 0000000000000005 0000 00'));
  });
  it('DescribeLogDirs v2 null topics; v3 top-level error code; v4 total and usable bytes after the topics', () => {
    expect(encode(apis[35].request, { topics: null }, 2, true)).toEqual(hex('00 00'));
    const partition = { partitionIndex: 0, partitionSize: 10, offsetLag: 0, isFutureKey: false };
    const res = { throttleTimeMs: 0, errorCode: 31, results: [{ errorCode: 0, logDir: '/d', topics: [{ name: 't', partitions: [partition] }], totalBytes: 100, usableBytes: 50 }] };
    const dir = '02 0000 03 2f64 02 02 74 02 00000000 000000000000000a 0000000000000000 00 00 00';
    expect(encode(apis[35].response, res, 3, true)).toEqual(hex(`00000000 001f ${dir} 00 00`));
    expect(encode(apis[35].response, res, 4, true)).toEqual(hex(`00000000 001f ${dir} 0000000000000064 0000000000000032 00 00`));
    expect(encode(apis[35].response, res, 2, true)).toEqual(hex(`00000000 ${dir} 00 00`));
  });
  it('SaslAuthenticate v2: compact bytes; the session lifetime after them', () => {
    expect(encode(apis[36].request, { authBytes: buf(0, 0x61, 0, 0x62) }, 2, true)).toEqual(hex('05 00610062 00'));
    const res = { errorCode: 0, errorMessage: null, authBytes: Buffer.alloc(0), sessionLifetimeMs: 0 };
    expect(encode(apis[36].response, res, 2, true)).toEqual(hex('0000 00 01 0000000000000000 00'));
  });
  it('SaslHandshake is never flexible (KAFKA-9577: clients ≤ 2.4 negotiate it wrongly)', () => {
    expect(isFlexible(apis[17], 1)).toBe(false);
    expect(encode(apis[17].request, { mechanism: 'PLAIN' }, 1)).toEqual(hex('0005 504c41494e'));
  });
  it('CreatePartitions v3 request (null assignments) and response', () => {
    const req = { topics: [{ name: 't', count: 2, assignments: null }], timeoutMs: 1000, validateOnly: false };
    expect(encode(apis[37].request, req, 3, true)).toEqual(hex('02 02 74 00000002 00 00 000003e8 00 00'));
    const res = { throttleTimeMs: 0, results: [{ name: 't', errorCode: 37, errorMessage: 'x' }] };
    expect(encode(apis[37].response, res, 3, true)).toEqual(hex('00000000 02 02 74 0025 02 78 00 00'));
  });
});

// From DescribeConfigs/AlterConfigs/IncrementalAlterConfigs{Request,Response}.json (Kafka 3.9):
// flexible from v4, v2 and v1 respectively.
describe('byte-exact encodings: configs APIs, flexible versions', () => {
  it('DescribeConfigs v4 request: compact name, compact null keys (0), the two flags, tags', () => {
    const req = { resources: [{ resourceType: 2, resourceName: 't', configurationKeys: null }], includeSynonyms: true, includeDocumentation: false };
    expect(encode(apis[32].request, req, 4, true)).toEqual(hex('02 02 02 74 00 00 01 00 00'));
  });
  it('DescribeConfigs v4 response: no is_default; source, synonyms, then config type and null documentation', () => {
    const config = { name: 'a', value: 'b', readOnly: false, isDefault: false, configSource: 5, isSensitive: false, synonyms: [{ name: 'c', value: null, source: 5 }], configType: 2, documentation: null };
    const res = { throttleTimeMs: 0, results: [{ errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 't', configs: [config] }] };
    expect(encode(apis[32].response, res, 4, true)).toEqual(hex('00000000 02 0000 00 02 02 74 02  02 61 02 62 00 05 00 02 02 63 00 05 00 02 00 00  00 00'));
  });
  it('AlterConfigs v2 request: compact resource and config, a tag section each', () => {
    const req = { resources: [{ resourceType: 2, resourceName: 't', configs: [{ name: 'a', value: '1' }] }], validateOnly: false };
    expect(encode(apis[33].request, req, 2, true)).toEqual(hex('02 02 02 74 02 02 61 02 31 00 00 00 00'));
  });
  it('IncrementalAlterConfigs v0 and v1 requests: the operation between name and value', () => {
    const req = { resources: [{ resourceType: 2, resourceName: 't', configs: [{ name: 'a', configOperation: 1, value: null }] }], validateOnly: true };
    expect(encode(apis[44].request, req, 0)).toEqual(hex('00000001 02 0001 74 00000001 0001 61 01 ffff 01'));
    expect(encode(apis[44].request, req, 1, true)).toEqual(hex('02 02 02 74 02 02 61 01 00 00 00 01 00'));
  });
  it('IncrementalAlterConfigs v1 response', () => {
    const res = { throttleTimeMs: 0, responses: [{ errorCode: 40, errorMessage: 'x', resourceType: 2, resourceName: 't' }] };
    expect(encode(apis[44].response, res, 1, true)).toEqual(hex('00000000 02 0028 02 78 02 02 74 00 00'));
  });
});
