import { describe, expect, it } from 'vitest';
import type { Message } from '../contract/messages';
import { previewValue } from './render';
import { sortMessages } from './table-order';

const msg = (partition: number, offset: number, timestamp: number, size = 10): { m: Message } => ({
  m: { partition, offset, timestamp, timestampType: 'CreateTime', key: null, keyEncoding: null, value: null, valueEncoding: null, headers: [], size },
});

describe('the message table', () => {
  it('sorts by the column picked, ties by partition then offset', () => {
    const rows = [msg(1, 5, 100), msg(0, 7, 100), msg(0, 2, 300, 99), msg(2, 1, 50)];
    const at = (r: { m: Message }[]) => r.map((x) => `${x.m.partition}-${x.m.offset}`);
    expect(at(sortMessages(rows, 'timestamp', 'desc'))).toEqual(['0-2', '1-5', '0-7', '2-1']);
    expect(at(sortMessages(rows, 'timestamp', 'asc'))).toEqual(['2-1', '0-7', '1-5', '0-2']);
    expect(at(sortMessages(rows, 'offset', 'asc'))).toEqual(['2-1', '0-2', '1-5', '0-7']);
    expect(at(sortMessages(rows, 'size', 'desc'))[0]).toBe('0-2');
    expect(at(rows)).toEqual(['1-5', '0-7', '0-2', '2-1']); // the input is left as it was
  });

  it('previews a value on one line: text with breaks as spaces, binary as hex, cut with an ellipsis', () => {
    expect(previewValue('{\n  "a": 1\n}', 'utf8')).toBe('{ "a": 1 }');
    expect(previewValue(Buffer.from([0xff, 0x00, 0x10]).toString('base64'), 'base64')).toBe('ff 00 10');
    expect(previewValue('x'.repeat(500), 'utf8', 10)).toBe('xxxxxxxxxx…');
    expect(previewValue(Buffer.alloc(3000, 0xab).toString('base64'), 'base64', 20)).toBe('ab ab ab ab ab ab ab…');
    expect(previewValue(null, null)).toBe('');
  });
});
