import { describe, expect, it } from 'vitest';
import type { Message } from '../contract/messages';
import { bytesToHex, csvField, displayValue, messagesToCsv, messagesToJson } from './render';

const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

describe('displayValue', () => {
  it('null is null', () => expect(displayValue(null, null, 'auto')).toEqual({ text: 'null', kind: 'null' }));
  it('auto: JSON object is pretty-printed with 2 spaces', () =>
    expect(displayValue('{"a":1,"b":[2]}', 'utf8', 'auto')).toEqual({ text: '{\n  "a": 1,\n  "b": [\n    2\n  ]\n}', kind: 'json' }));
  it('auto: JSON array', () => expect(displayValue(' [1,2] ', 'utf8', 'auto')).toEqual({ text: '[\n  1,\n  2\n]', kind: 'json' }));
  it('auto: a JSON scalar stays text', () => expect(displayValue('42', 'utf8', 'auto')).toEqual({ text: '42', kind: 'text' }));
  it('auto: broken JSON stays text', () => expect(displayValue('{"a":', 'utf8', 'auto')).toEqual({ text: '{"a":', kind: 'text' }));
  it('auto: HTML is just text', () =>
    expect(displayValue('<img src=x onerror=alert(1)>', 'utf8', 'auto')).toEqual({ text: '<img src=x onerror=alert(1)>', kind: 'text' }));
  it('auto: binary shows as hex', () => expect(displayValue(b64([0, 255, 26]), 'base64', 'auto')).toEqual({ text: '00 ff 1a', kind: 'binary' }));
  it('hex of utf8 text is its UTF-8 bytes', () => expect(displayValue('aé', 'utf8', 'hex')).toEqual({ text: '61 c3 a9', kind: 'binary' }));
  it('hex of empty', () => expect(displayValue('', 'utf8', 'hex')).toEqual({ text: '', kind: 'binary' }));
  it('base64 of utf8 text', () => expect(displayValue('hi', 'utf8', 'base64')).toEqual({ text: 'aGk=', kind: 'binary' }));
  it('base64 of base64 stays', () => expect(displayValue('AP8a', 'base64', 'base64')).toEqual({ text: 'AP8a', kind: 'binary' }));
  it('text of JSON is not reformatted', () => expect(displayValue('{"a":1}', 'utf8', 'text')).toEqual({ text: '{"a":1}', kind: 'text' }));
  it('text of base64 decodes (lossy)', () => expect(displayValue(b64([104, 105]), 'base64', 'text')).toEqual({ text: 'hi', kind: 'text' }));
  it('json mode accepts scalars', () => expect(displayValue('"x"', 'utf8', 'json')).toEqual({ text: '"x"', kind: 'json' }));
  it('json mode falls back to text', () => expect(displayValue('nope', 'utf8', 'json')).toEqual({ text: 'nope', kind: 'text' }));
  it('bytesToHex', () => expect(bytesToHex(new Uint8Array([1, 16, 171]))).toBe('01 10 ab'));
});

const msg = (over: Partial<Message> = {}): Message => ({
  partition: 0,
  offset: 7,
  timestamp: Date.UTC(2024, 0, 2, 3, 4, 5, 6),
  timestampType: 'CreateTime',
  key: 'k',
  keyEncoding: 'utf8',
  value: 'v',
  valueEncoding: 'utf8',
  headers: [],
  size: 2,
  ...over,
});

describe('csv', () => {
  it('quotes per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });
  it('header row, CRLF, ISO timestamp, headers as JSON', () => {
    const csv = messagesToCsv([
      msg(),
      msg({ offset: 8, key: null, keyEncoding: null, value: 'a,"b"\nc', headers: [{ key: 'h', value: 'x', valueEncoding: 'utf8' }] }),
    ]);
    expect(csv).toBe(
      'partition,offset,timestamp,timestampType,key,keyEncoding,value,valueEncoding,headers,size\r\n' +
        '0,7,2024-01-02T03:04:05.006Z,CreateTime,k,utf8,v,utf8,[],2\r\n' +
        '0,8,2024-01-02T03:04:05.006Z,CreateTime,,,"a,""b""\nc",utf8,"[{""key"":""h"",""value"":""x"",""valueEncoding"":""utf8""}]",2\r\n',
    );
  });
  it('empty list is just the header', () => expect(messagesToCsv([]).split('\r\n')).toHaveLength(2));
});

describe('json export', () => {
  it('round-trips', () => {
    const list = [msg(), msg({ offset: 9 })];
    expect(JSON.parse(messagesToJson(list))).toEqual(list);
  });
});
