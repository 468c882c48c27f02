import { describe, expect, it } from 'vitest';
import { FramePool } from './frame-pool';

describe('frame pool', () => {
  it('hands a given-back buffer to the next frame of its size class, and exactly the size asked', () => {
    const pool = new FramePool(1 << 20, 1 << 20);
    const a = pool.take(100_000);
    expect(a.length).toBe(100_000);
    a.fill(7);
    pool.give(a);
    expect(pool.size).toBe(131072); // the whole 128 KiB class buffer waits in the pool
    const b = pool.take(70_000);
    expect(b.length).toBe(70_000);
    expect(b.buffer).toBe(a.buffer); // reused, not fresh memory
    expect(pool.size).toBe(0);
  });

  it('keeps at most maxPooledBytes, and never pools frames above maxFrame or buffers it did not make', () => {
    const pool = new FramePool(256 * 1024, 1 << 20);
    const frames = [pool.take(200_000), pool.take(200_000), pool.take(200_000)];
    for (const f of frames) pool.give(f);
    expect(pool.size).toBe(262144); // one 256 KiB buffer; the others are left to the collector
    const roomy = new FramePool(64 << 20, 1 << 20);
    const big = roomy.take(2 << 20);
    expect(big.length).toBe(2 << 20);
    roomy.give(big);
    expect(roomy.size).toBe(0);
    pool.give(Buffer.alloc(100)); // a slice of Node's shared pool: refused
    pool.give(Buffer.alloc(65536).subarray(10)); // not from the start of its memory: refused
    expect(pool.size).toBe(262144);
  });
});
