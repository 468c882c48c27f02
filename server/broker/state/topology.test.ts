// Who leads and who coordinates, with nodes down and after rotations: leaders follow
// (start + p + rotation) mod N, coordinators follow the leader of their __consumer_offsets
// partition, down nodes keep leading (nothing to fail over to) and leave the live list and
// the controller seat; one node answers for everything as before.
import { describe, expect, it } from 'vitest';
import { OFFSETS_TOPIC, partitionFor } from '../../protocol/consumer-offsets';
import { Topology } from './topology';

const offsetsPartitions = () => 50;
const leaders = (t: Topology, topic: string, partitions: number) => Array.from({ length: partitions }, (_, p) => t.leaderOf(topic, p));

describe('Topology', () => {
  it('spreads leaders from the topic hash, and rotate moves each to the next node, wrapping', () => {
    const t = new Topology(0, 3, offsetsPartitions);
    const start = partitionFor('orders', 3);
    const expected = (rotation: number) => Array.from({ length: 6 }, (_, p) => (start + p + rotation) % 3);
    expect(leaders(t, 'orders', 6)).toEqual(expected(0));
    t.rotate();
    expect(leaders(t, 'orders', 6)).toEqual(expected(1));
    t.rotate();
    expect(leaders(t, 'orders', 6)).toEqual(expected(2));
    t.rotate(); // three moves on three nodes: back where it started
    expect(leaders(t, 'orders', 6)).toEqual(expected(0));
  });

  it('uses the node ids from the first one (--broker-id), rotated too', () => {
    const t = new Topology(5, 2, offsetsPartitions);
    expect(leaders(t, OFFSETS_TOPIC, 4)).toEqual([5, 6, 5, 6]);
    t.rotate();
    expect(leaders(t, OFFSETS_TOPIC, 4)).toEqual([6, 5, 6, 5]);
  });

  it("moves each group's coordinator with the leader of its offsets partition", () => {
    const t = new Topology(0, 3, offsetsPartitions);
    for (const group of ['readers', 'billing', 'g-42']) {
      const p = partitionFor(group, 50);
      expect(t.coordinatorOf(group)).toBe(p % 3);
      t.rotate();
      expect(t.coordinatorOf(group)).toBe((p + 1) % 3);
      expect(t.coordinatorOf(group)).toBe(t.leaderOf(OFFSETS_TOPIC, p));
      t.rotate();
      t.rotate();
    }
  });

  it('a node marked down keeps its partitions, leaves the live list and hands over the controller', () => {
    const t = new Topology(0, 3, offsetsPartitions);
    const before = leaders(t, 'orders', 6);
    t.setDown(0, true);
    expect(t.isDown(0)).toBe(true);
    expect(t.isDown(1)).toBe(false);
    expect(t.liveNodeIds).toEqual([1, 2]);
    expect(t.controller).toBe(1);
    expect(leaders(t, 'orders', 6)).toEqual(before); // nothing replicated: no one takes over
    t.setDown(2, true);
    expect(t.liveNodeIds).toEqual([1]);
    t.setDown(0, false);
    t.setDown(2, false);
    expect(t.liveNodeIds).toEqual([0, 1, 2]);
    expect(t.controller).toBe(0);
    expect(() => t.setDown(3, true)).toThrow('there is no node 3');
  });

  it('wakes what waits on it at every change, each waiter once', () => {
    const t = new Topology(0, 3, offsetsPartitions);
    let woken = 0;
    t.changed.once(() => woken++);
    const cancel = t.changed.once(() => (woken += 100));
    cancel();
    t.rotate();
    t.rotate();
    expect(woken).toBe(1);
    t.changed.once(() => woken++);
    t.setDown(1, true);
    expect(woken).toBe(2);
    expect(t.changed.size).toBe(0);
  });

  it('with one node, that node leads and coordinates everything, rotated or not', () => {
    const t = new Topology(0, 1, offsetsPartitions);
    for (let r = 0; r < 3; r++) {
      expect(leaders(t, 'orders', 4)).toEqual([0, 0, 0, 0]);
      expect(leaders(t, OFFSETS_TOPIC, 50).every((l) => l === 0)).toBe(true);
      expect(t.coordinatorOf('readers')).toBe(0);
      expect(t.controller).toBe(0);
      expect(t.liveNodeIds).toEqual([0]);
      t.rotate();
    }
  });
});
