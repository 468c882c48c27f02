import { expect, it } from 'vitest';
import { Writer } from './primitives';
import { decodeConsumerAssignment, decodeConsumerSubscription, encodeConsumerAssignment, encodeConsumerSubscription } from './consumer-protocol';

it('decodes a consumer assignment (as kafkajs, librdkafka and Java clients write it)', () => {
  const w = new Writer().int16(0).int32(2).string('orders').int32(2).int32(3).int32(1).string('pay').int32(0).bytes(Buffer.from('ud'));
  expect(decodeConsumerAssignment(w.toBuffer())).toEqual([
    { topic: 'orders', partitions: [1, 3] },
    { topic: 'pay', partitions: [] },
  ]);
  expect(decodeConsumerAssignment(Buffer.alloc(0))).toEqual([]);
  expect(() => decodeConsumerAssignment(Buffer.from([0, 0, 0, 0, 0, 9]))).toThrow();
});

it('round-trips the subscription and assignment the lab members send', () => {
  const sub = encodeConsumerSubscription(['orders', 'pay']);
  expect(decodeConsumerSubscription(sub)).toEqual(['orders', 'pay']);
  // a v1 subscription (owned partitions after userData) still yields its topics
  const v1 = new Writer().int16(1).int32(1).string('orders').bytes(Buffer.alloc(0)).int32(1).string('orders').int32(1).int32(2).toBuffer();
  expect(decodeConsumerSubscription(v1)).toEqual(['orders']);
  const a = [{ topic: 'orders', partitions: [0, 2] }];
  expect(decodeConsumerAssignment(encodeConsumerAssignment(a))).toEqual(a);
});
