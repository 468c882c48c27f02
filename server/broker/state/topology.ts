// Which node does what when the broker runs as several nodes (`--nodes 3`): node ids,
// each node's listener addresses, every partition's leader, each group's coordinator and
// the controller. The nodes share one store in one process, so there is nothing to
// replicate: what is real is the routing, which clients must follow exactly as on a Kafka
// cluster (NOT_LEADER_OR_FOLLOWER, NOT_COORDINATOR). With one node it answers itself.
// The broker's stdin commands (control/) change it: a node marked down is left out of
// Metadata and its partitions have no leader, as when that broker process dies (nothing is
// replicated, so nothing fails over); rotate() moves every leader to the next node, as a
// preferred-leader election after a reassignment would.
import { OFFSETS_TOPIC, partitionFor } from '../../protocol/consumer-offsets';
import type { Listener } from '../security/listeners';
import { Wakeups } from '../wakeups';

export class Topology {
  readonly nodeIds: number[];
  private readonly listeners = new Map<number, Listener[]>();
  private readonly down = new Set<number>();
  /** How many times the leaders have moved by one node, mod N. */
  private rotation = 0;
  /** Woken on every change: parked requests re-check whether they are still on the right node. */
  readonly changed = new Wakeups();

  constructor(
    firstNodeId: number,
    count: number,
    /** Partitions of __consumer_offsets, which decides the group coordinators. */
    private readonly offsetsPartitions: () => number,
  ) {
    this.nodeIds = Array.from({ length: count }, (_, i) => firstNodeId + i);
  }

  /** The first node that is up: the controller moves off a node that goes down, as KRaft elects another. */
  get controller(): number {
    return this.nodeIds.find((n) => !this.down.has(n)) ?? this.nodeIds[0];
  }

  has(nodeId: number): boolean {
    return this.nodeIds.includes(nodeId);
  }

  isDown(nodeId: number): boolean {
    return this.down.has(nodeId);
  }

  /** The nodes that are up, in id order: what Metadata lists as brokers. */
  get liveNodeIds(): number[] {
    return this.nodeIds.filter((n) => !this.down.has(n));
  }

  setDown(nodeId: number, down: boolean): void {
    if (!this.has(nodeId)) throw new Error(`there is no node ${nodeId}`);
    if (down) this.down.add(nodeId);
    else this.down.delete(nodeId);
    this.changed.wake();
  }

  /** Every partition's leader (and so every coordinator) moves to the next node. */
  rotate(): void {
    this.rotation = (this.rotation + 1) % this.nodeIds.length;
    this.changed.wake();
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
   * Partition p of a topic is led by node (start + p + rotation) mod N, the start taken from
   * the topic name's hash: leaders spread evenly over the nodes and stay put across restarts
   * (rotation is not persisted: a restarted broker starts from the preferred leaders, as
   * Kafka's auto leader rebalance brings them back). A node that is down keeps leading its
   * partitions: with no replicas there is no one to take over.
   */
  leaderOf(topic: string, partition: number): number {
    const n = this.nodeIds.length;
    if (n === 1) return this.nodeIds[0];
    const start = topic === OFFSETS_TOPIC ? 0 : partitionFor(topic, n);
    return this.nodeIds[(start + partition + this.rotation) % n];
  }

  /** The leader of the group's __consumer_offsets partition, as in Kafka. */
  coordinatorOf(groupId: string): number {
    return this.leaderOf(OFFSETS_TOPIC, partitionFor(groupId, this.offsetsPartitions()));
  }
}
