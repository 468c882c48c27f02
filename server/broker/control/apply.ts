// Applies a stdin command to the running broker. The topology (one owner of who leads and
// who is up) changes and the node's listeners open or close; handlers read the topology, so
// Metadata, FindCoordinator and the routing checks follow at once. A command that cannot
// apply changes nothing and says why.
import type { NodeListeners } from '../node-listeners';
import type { Topology } from '../state/topology';
import type { ControlCommand } from './commands';

export interface ControlTarget {
  topology: Topology;
  nodes: ReadonlyMap<number, NodeListeners>;
  log(msg: string): void;
}

export async function applyCommand(cmd: ControlCommand, { topology, nodes, log }: ControlTarget): Promise<void> {
  if (cmd.kind === 'rotate') {
    topology.rotate(); // wakes parked fetches: the partitions they asked for may have moved
    log(`leaders moved to the next node (stdin rotate)`);
    return;
  }
  const node = nodes.get(cmd.node);
  if (!node) throw new Error(`there is no node ${cmd.node} (nodes: ${topology.nodeIds.join(', ')})`);
  if (cmd.kind === 'down') {
    if (topology.isDown(cmd.node)) throw new Error(`node ${cmd.node} is already down`);
    // a broker with no node up could be reached by no client, not even to see it come back
    if (topology.nodeIds.length === 1) throw new Error(`node ${cmd.node} is the broker's only node (--nodes N runs several)`);
    if (topology.liveNodeIds.length === 1) throw new Error(`node ${cmd.node} is the only node up; bring another up first`);
    // marked down before its connections drop, so a client that reconnects elsewhere at once
    // already sees it gone from Metadata
    topology.setDown(cmd.node, true);
    await node.close();
    log(`node ${cmd.node} down: not listening, its connections closed (stdin down)`);
    return;
  }
  if (!topology.isDown(cmd.node)) throw new Error(`node ${cmd.node} is already up`);
  try {
    await node.listen();
  } catch (e) {
    const where = node.listeners.map((l) => `${l.host}:${l.port}`).join(', ');
    throw new Error(`node ${cmd.node} could not listen again on ${where}: ${(e as Error).message}; it stays down`);
  }
  topology.setDown(cmd.node, false);
  log(`node ${cmd.node} up again (stdin up)`);
}
