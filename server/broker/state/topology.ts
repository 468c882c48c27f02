// Which node does what when the broker runs as several nodes (`--nodes 3`): node ids,
// each node's listener addresses, every partition's leader, each group's coordinator and
// the controller. The nodes share one store in one process, so there is nothing to
// replicate: what is real is the routing, which clients must follow exactly as on a Kafka
// cluster (NOT_LEADER_OR_FOLLOWER, NOT_COORDINATOR). With one node it answers itself.
import { OFFSETS_TOPIC, partitionFor } from '../../protocol/consumer-offsets';
import type { Listener } from '../security/listeners';

export class Topology {
  readonly nodeIds: number[];
  private readonly listeners = new Map<number, Listener[]>();

  constructor(
    firstNodeId: number,
    count: number,
    /** Partitions of __consumer_offsets, which decides the group coordinators. */
    private readonly offsetsPartitions: () => number,
  ) {
    this.nodeIds = Array.from({ length: count }, (_, i) => firstNodeId + i);
  }

  get controller(): number {
    return this.nodeIds[0];
  }

  setListeners(nodeId: number, bound: Listener[]): void {
    this.listeners.set(nodeId, bound);
  }

  /** The address of `nodeId` on the listener a client reached us through. */
  address(nodeId: number, listenerIndex: number): { host: string; port: number } {
    const l = this.listeners.get(nodeId)?.[listenerIndex];
    if (!l) throw new Error(`node ${nodeId} has no listener ${listenerIndex}`);
    return { host: l.host, port: l.port };
  }

  /**
   * Partition p of a topic is led by node (start + p) mod N, the start taken from the
   * topic name's hash: leaders spread evenly over the nodes and stay put across restarts.
   */
  leaderOf(topic: string, partition: number): number {
    const n = this.nodeIds.length;
    if (n === 1) return this.nodeIds[0];
    const start = topic === OFFSETS_TOPIC ? 0 : partitionFor(topic, n);
    return this.nodeIds[(start + partition) % n];
  }

  /** The leader of the group's __consumer_offsets partition, as in Kafka. */
  coordinatorOf(groupId: string): number {
    return this.leaderOf(OFFSETS_TOPIC, partitionFor(groupId, this.offsetsPartitions()));
  }
}
