import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { murmur2, partitionForKey } from './murmur2';

const enc = (s: string) => new TextEncoder().encode(s);

describe("murmur2 as Kafka's Utils.murmur2 computes it", () => {
  // Apache Kafka's own test vectors (UtilsTest.testMurmur2).
  const rows: [string, number][] = [
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ];
  for (const [key, hash] of rows) it(`${key} → ${hash}`, () => expect(murmur2(enc(key))).toBe(hash));

  it("agrees with kafkajs's default partitioner on many keys", () => {
    const require = createRequire(import.meta.url);
    const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2') as (k: Buffer) => number;
    for (let i = 0; i < 500; i++) {
      const key = Buffer.from(`key-${i}-${'x'.repeat(i % 7)}`);
      expect(murmur2(key)).toBe(kafkajsMurmur2(key));
    }
  });

  it('places a key in [0, partitions)', () => {
    for (let i = 0; i < 100; i++) {
      const p = partitionForKey(enc(`k${i}`), 7);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(7);
    }
  });
});
