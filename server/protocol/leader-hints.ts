// KIP-951's leader discovery, shared by Produce (v10+) and Fetch (v12+, endpoints v16+): a
// partition answered NOT_LEADER_OR_FOLLOWER carries its current leader (tagged
// CurrentLeader), and the answer lists those leaders' addresses (tagged NodeEndpoints), so
// a client can move on without a Metadata round trip.
import { int32, nullableString, string, struct, type Infer } from './codec';

export const leaderIdAndEpoch = struct({ leaderId: int32, leaderEpoch: int32 });
export type LeaderIdAndEpoch = Infer<typeof leaderIdAndEpoch>;

/**
 * CurrentLeader's default (leader and epoch unknown). Tagged fields are written when they
 * differ from their default by identity, so answers use this very object to leave it out.
 */
export const NO_LEADER: LeaderIdAndEpoch = Object.freeze({ leaderId: -1, leaderEpoch: -1 });

export const nodeEndpoint = struct({ nodeId: int32, host: string, port: int32, rack: nullableString });
export type NodeEndpoint = Infer<typeof nodeEndpoint>;
