// KIP-951 for Produce v10+ and Fetch v12+/v16+: a partition this node does not lead is
// answered NOT_LEADER_OR_FOLLOWER with its current leader, and the answer lists the address
// of every leader so named, so the client goes there without asking Metadata first. The
// epoch is −1: this broker keeps no leader epochs (Metadata answers −1 too), and a leader
// that is down is unknown (−1), as on Kafka when a partition has no live leader.
import { NO_LEADER, type LeaderIdAndEpoch, type NodeEndpoint } from '../../protocol/leader-hints';
import { advertisedAddress, type HandlerContext } from './types';

export class LeaderHints {
  /** CurrentLeader's default: the very object the codec leaves out of the answer. */
  readonly none = NO_LEADER;
  private readonly named = new Set<number>();

  constructor(private readonly ctx: HandlerContext) {}

  /** The partition's current leader, noted for endpoints(). */
  leaderOf(topic: string, partition: number): LeaderIdAndEpoch {
    const leader = this.ctx.topology.leaderOf(topic, partition);
    if (this.ctx.topology.isDown(leader)) return NO_LEADER;
    this.named.add(leader);
    return { leaderId: leader, leaderEpoch: -1 };
  }

  /** The addresses of the leaders leaderOf named, on the listener this client uses. */
  endpoints(): NodeEndpoint[] {
    return [...this.named].sort((a, b) => a - b).map((nodeId) => ({ nodeId, ...advertisedAddress(this.ctx, nodeId), rack: null }));
  }
}
