// Every API this project has codecs for, by API key. Each spec covers the versions its
// file's header lists, flexible ones included (and says what every version added).
import { Produce } from './00-produce';
import { Fetch } from './01-fetch';
import { ListOffsets } from './02-list-offsets';
import { Metadata } from './03-metadata';
import { OffsetCommit } from './08-offset-commit';
import { OffsetFetch } from './09-offset-fetch';
import { FindCoordinator } from './10-find-coordinator';
import { JoinGroup } from './11-join-group';
import { Heartbeat } from './12-heartbeat';
import { LeaveGroup } from './13-leave-group';
import { SyncGroup } from './14-sync-group';
import { DescribeGroups } from './15-describe-groups';
import { ListGroups } from './16-list-groups';
import { SaslHandshake } from './17-sasl-handshake';
import { ApiVersions } from './18-api-versions';
import { CreateTopics } from './19-create-topics';
import { DeleteTopics } from './20-delete-topics';
import { DeleteRecords } from './21-delete-records';
import { InitProducerId } from './22-init-producer-id';
import { DescribeConfigs } from './32-describe-configs';
import { AlterConfigs } from './33-alter-configs';
import { DescribeLogDirs } from './35-describe-log-dirs';
import { SaslAuthenticate } from './36-sasl-authenticate';
import { CreatePartitions } from './37-create-partitions';
import { DeleteGroups } from './42-delete-groups';
import { IncrementalAlterConfigs } from './44-incremental-alter-configs';
import { OffsetDelete } from './47-offset-delete';
import { ConsumerGroupHeartbeat } from './68-consumer-group-heartbeat';
import { ConsumerGroupDescribe } from './69-consumer-group-describe';

export {
  Produce,
  Fetch,
  ListOffsets,
  Metadata,
  OffsetCommit,
  OffsetFetch,
  FindCoordinator,
  JoinGroup,
  Heartbeat,
  LeaveGroup,
  SyncGroup,
  DescribeGroups,
  ListGroups,
  SaslHandshake,
  ApiVersions,
  CreateTopics,
  DeleteTopics,
  DeleteRecords,
  InitProducerId,
  DescribeConfigs,
  AlterConfigs,
  DescribeLogDirs,
  SaslAuthenticate,
  CreatePartitions,
  DeleteGroups,
  IncrementalAlterConfigs,
  OffsetDelete,
  ConsumerGroupHeartbeat,
  ConsumerGroupDescribe,
};

/** API key → spec. Typed per key, so `apis[3]` is the Metadata spec. */
export const apis = {
  0: Produce,
  1: Fetch,
  2: ListOffsets,
  3: Metadata,
  8: OffsetCommit,
  9: OffsetFetch,
  10: FindCoordinator,
  11: JoinGroup,
  12: Heartbeat,
  13: LeaveGroup,
  14: SyncGroup,
  15: DescribeGroups,
  16: ListGroups,
  17: SaslHandshake,
  18: ApiVersions,
  19: CreateTopics,
  20: DeleteTopics,
  21: DeleteRecords,
  22: InitProducerId,
  32: DescribeConfigs,
  33: AlterConfigs,
  35: DescribeLogDirs,
  36: SaslAuthenticate,
  37: CreatePartitions,
  42: DeleteGroups,
  44: IncrementalAlterConfigs,
  47: OffsetDelete,
  68: ConsumerGroupHeartbeat,
  69: ConsumerGroupDescribe,
} as const;

export type ApiKey = keyof typeof apis;
