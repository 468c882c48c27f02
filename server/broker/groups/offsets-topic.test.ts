// __consumer_offsets records and placement, checked against Kafka's definitions byte by byte.
import { describe, expect, it } from 'vitest';
import { Writer } from '../../protocol/primitives';
import {
  decodeGroupMetadataValue,
  decodeKey,
  decodeOffsetCommitValue,
  groupMetadataKey,
  groupMetadataValue,
  javaStringHashCode,
  offsetCommitKey,
  offsetCommitValue,
  partitionFor,
} from './offsets-topic';

describe('placement: Utils.abs(groupId.hashCode()) % 50', () => {
  // Each row: a Java String.hashCode value a reader can check with `"…".hashCode()` in jshell.
  const rows: [string, number, number][] = [
    ['', 0, 0],
    ['a', 97, 47],
    ['test_group', 2059298962, 12],
    ['orders-consumer', -1204742690, 40], // negative: abs before the modulo
    ['polygenelubricants', -2147483648, 0], // Integer.MIN_VALUE: Kafka's Utils.abs gives 0
    ['é', 233, 33],
    ['😀', 1772899, 49], // UTF-16 code units \ud83d \ude00, as Java counts them
  ];
  for (const [group, hash, partition] of rows) {
    it(`${JSON.stringify(group)} → hash ${hash}, partition ${partition}`, () => {
      expect(javaStringHashCode(group)).toBe(hash);
      expect(partitionFor(group)).toBe(partition);
    });
  }
});

describe('records', () => {
  it('OffsetCommitKey v1 and OffsetCommitValue v3, byte for byte', () => {
    const key = offsetCommitKey('g', 'tp', 7);
    expect(key.toString('hex')).toBe('0001' + '0001' + '67' + '0002' + '7470' + '00000007');
    expect(decodeKey(key)).toEqual({ kind: 'offset', group: 'g', topic: 'tp', partition: 7 });
    const value = offsetCommitValue({ offset: 42, leaderEpoch: -1, metadata: 'm', commitTimestamp: 1700000000000 });
    expect(value.toString('hex')).toBe('0003' + '000000000000002a' + 'ffffffff' + '0001' + '6d' + '0000018bcfe56800');
    expect(decodeOffsetCommitValue(value)).toEqual({ offset: 42, leaderEpoch: -1, metadata: 'm', commitTimestamp: 1700000000000, expireTimestamp: -1 });
  });

  it('reads the older offset values: v0, v1 (with expire timestamp)', () => {
    const v0 = new Writer().int16(0).int64(5).string('x').int64(100).toBuffer();
    expect(decodeOffsetCommitValue(v0)).toEqual({ offset: 5, leaderEpoch: -1, metadata: 'x', commitTimestamp: 100, expireTimestamp: -1 });
    const v1 = new Writer().int16(1).int64(6).string('').int64(100).int64(200).toBuffer();
    expect(decodeOffsetCommitValue(v1)).toEqual({ offset: 6, leaderEpoch: -1, metadata: '', commitTimestamp: 100, expireTimestamp: 200 });
  });

  it('reads the flexible offset value v4 (KIP-915): compact metadata, then a tag section, unknown tags skipped', () => {
    // version 4, offset 42, leader epoch 3, metadata "m" (uvarint 2 = length 1), commit time, tags
    const plain = Buffer.from('0004' + '000000000000002a' + '00000003' + '02' + '6d' + '0000018bcfe56800' + '00', 'hex');
    expect(decodeOffsetCommitValue(plain)).toEqual({ offset: 42, leaderEpoch: 3, metadata: 'm', commitTimestamp: 1700000000000, expireTimestamp: -1 });
    const tagged = Buffer.from('0004' + '000000000000002a' + '00000003' + '01' + '0000018bcfe56800' + '01' + '05' + '02' + 'abcd', 'hex');
    expect(decodeOffsetCommitValue(tagged)).toEqual({ offset: 42, leaderEpoch: 3, metadata: '', commitTimestamp: 1700000000000, expireTimestamp: -1 });
  });

  it('GroupMetadataKey v2 and GroupMetadataValue v1 round-trip; v3 (Kafka 2.3+) reads too', () => {
    expect(groupMetadataKey('grp').toString('hex')).toBe('0002' + '0003' + '677270');
    expect(decodeKey(groupMetadataKey('grp'))).toEqual({ kind: 'group', group: 'grp' });
    const member = {
      memberId: 'c-1',
      groupInstanceId: null,
      clientId: 'c',
      clientHost: '/127.0.0.1',
      rebalanceTimeoutMs: 60000,
      sessionTimeoutMs: 30000,
      subscription: Buffer.from('sub'),
      assignment: Buffer.from('asg'),
    };
    const v = { protocolType: 'consumer', generationId: 3, protocolName: 'range', leader: 'c-1', members: [member] };
    const buf = groupMetadataValue(v);
    expect(buf.readInt16BE(0)).toBe(1);
    expect(decodeGroupMetadataValue(buf)).toEqual(v);
    const empty = { protocolType: 'consumer', generationId: 4, protocolName: null, leader: null, members: [] };
    expect(decodeGroupMetadataValue(groupMetadataValue(empty))).toEqual(empty);

    const v3 = new Writer().int16(3).string('consumer').int32(9).nullableString('range').nullableString('m').int64(123).int32(1);
    v3.string('m').nullableString('inst').string('cid').string('/h').int32(10).int32(20).bytes(Buffer.from('s')).bytes(Buffer.from('a'));
    expect(decodeGroupMetadataValue(v3.toBuffer())).toEqual({
      protocolType: 'consumer',
      generationId: 9,
      protocolName: 'range',
      leader: 'm',
      members: [{ memberId: 'm', groupInstanceId: 'inst', clientId: 'cid', clientHost: '/h', rebalanceTimeoutMs: 10, sessionTimeoutMs: 20, subscription: Buffer.from('s'), assignment: Buffer.from('a') }],
    });
  });
});
