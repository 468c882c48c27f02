import { expect, it } from 'vitest';
import { Writer } from './primitives';
import { decodeConsumerAssignment } from './consumer-protocol';

it('decodes a consumer assignment (as kafkajs, librdkafka and Java clients write it)', () => {
  const w = new Writer().int16(0).int32(2).string('orders').int32(2).int32(3).int32(1).string('pay').int32(0).bytes(Buffer.from('ud'));
  expect(decodeConsumerAssignment(w.toBuffer())).toEqual([
    { topic: 'orders', partitions: [1, 3] },
    { topic: 'pay', partitions: [] },
  ]);
  expect(decodeConsumerAssignment(Buffer.alloc(0))).toEqual([]);
  expect(() => decodeConsumerAssignment(Buffer.from([0, 0, 0, 0, 0, 9]))).toThrow();
});
