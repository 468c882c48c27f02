import { describe, expect, it } from 'vitest';
import type { Record as KafkaRecord } from '../../protocol/record-batch';
import { isRefusal } from '../errors';
import { bracketDepth, RecordFilter } from './filter-expression';

const rec = (offset: number, key: string | Buffer | null, value: string | Buffer | null, headers: [string, string][] = []): KafkaRecord => ({
  offset,
  timestamp: 1_700_000_000_000 + offset,
  key: typeof key === 'string' ? Buffer.from(key) : key,
  value: typeof value === 'string' ? Buffer.from(value) : value,
  headers: headers.map(([k, v]) => ({ key: k, value: Buffer.from(v) })),
});

const orders = [
  rec(0, 'customer-7', JSON.stringify({ amount: 1500, items: [1, 2] }), [['source', 'web']]),
  rec(1, 'customer-7', JSON.stringify({ amount: 999.5 })),
  rec(2, 'customer-8', JSON.stringify({ amount: 5000 })),
  rec(3, 'customer-7', 'plain text'),
  rec(4, null, Buffer.from([0xff, 0xfe, 0x00])),
];

function matching(expr: string, records = orders): number[] {
  const out = new RecordFilter(expr).test(3, records, 1000);
  return out.matched.map((i) => records[i].offset);
}

function refusal(expr: string): { message: string; position?: { line: number; column: number; offset: number } } {
  try {
    new RecordFilter(expr);
  } catch (e) {
    if (!isRefusal(e)) throw e;
    expect(e.code).toBe('EXPRESSION_INVALID');
    return { message: e.message, position: e.extra.position as { line: number; column: number; offset: number } | undefined };
  }
  throw new Error(`'${expr}' was accepted`);
}

describe('a filter expression over records', () => {
  it('reads JSON values by field, keys, headers and the record coordinates', () => {
    expect(matching('value.amount > 1000 && key == "customer-7"')).toEqual([0]);
    expect(matching('value.amount > 1000')).toEqual([0, 2]);
    expect(matching('headers.source == "web"')).toEqual([0]);
    expect(matching('"source" in headers')).toEqual([0]);
    expect(matching('offset % 2 == 0 && partition == 3')).toEqual([0, 2, 4]);
    expect(matching(`timestamp >= ${1_700_000_000_003}`)).toEqual([3, 4]);
    expect(matching('value == "plain text"')).toEqual([3]);
    expect(matching('key == null')).toEqual([4]);
    expect(matching('type(value) == bytes && size == 3')).toEqual([4]);
    expect(matching('has(value.items) && value.items.exists(i, i == 2)')).toEqual([0]);
    expect(matching('key.startsWith("customer-") && value.amount < 1000')).toEqual([1]);
  });

  it('an empty expression matches every record', () => {
    expect(matching('  ')).toEqual([0, 1, 2, 3, 4]);
  });

  it('counts the records it could not test (a field they lack) as problems, not matches', () => {
    const out = new RecordFilter('value.amount > 1000').test(0, orders, 1000);
    expect(out.tested).toBe(5);
    expect(out.problems).toBe(2); // "plain text" and the bytes have no field amount
    expect(out.firstProblem).toMatch(/^offset 3 of partition 0: /);
    const notBool = new RecordFilter('offset').test(0, orders.slice(0, 1), 1000);
    expect(notBool.problems).toBe(1);
    expect(notBool.firstProblem).toMatch(/gave an int, not true or false/);
  });

  it('reaches nothing but the record: no prototype, no functions, no names of the server', () => {
    expect(matching('has(value.constructor) || has(value.__proto__) || has(value.toString)')).toEqual([]);
    expect(refusal('process.env == null').message).toMatch(/^Unknown name 'process': an expression can use key, value, headers/);
    expect(refusal('process.exit(1) == null').message).toBe("Unknown function 'exit'.");
    expect(refusal('globalThis.x == 1').position).toEqual({ line: 1, column: 1, offset: 0 });
    expect(refusal('value.a == 1 && require("fs") == 1').message).toBe("Unknown function 'require'.");
    expect(refusal('key.exec("rm") == 1').message).toBe("Unknown function 'exec'.");
  });

  it('says where a syntax error is, by line and column', () => {
    const r = refusal('value.amount >');
    expect(r.position).toEqual({ line: 1, column: 14, offset: 13 });
    expect(r.message).toMatch(/^Syntax error at line 1, column 14: /);
    expect(refusal('key == "a" &&\n  value.x >> 2').position).toMatchObject({ line: 2 });
    expect(refusal('nope == 1').position).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it('refuses deep nesting before the parser sees it, and oversized text', () => {
    const deep = '('.repeat(40) + '1' + ')'.repeat(40) + ' == 1';
    const r = refusal(deep);
    expect(r.message).toMatch(/nests brackets 40 deep; at most 32/);
    expect(r.position?.offset).toBe(32);
    expect(refusal('['.repeat(600) + ']'.repeat(600)).message).toMatch(/nests brackets/);
    expect(refusal(Array(300).fill('1').join(' + ') + ' == 1').message).toMatch(/nested more than 200 operations deep/);
    expect(refusal('x'.repeat(2001)).message).toMatch(/2001 characters long; at most 2000/);
    // brackets inside strings are text, not nesting
    expect(matching(`key != "${'('.repeat(40)}"`)).toEqual([0, 1, 2, 3, 4]);
    expect(bracketDepth(`r'\\' == "(("`, 32).depth).toBe(0);
  });

  it('interrupts an evaluation that runs over its budget, keeping what it tested', () => {
    const big = Array.from({ length: 3000 }, (_, i) => i);
    const records = [rec(0, 'a', JSON.stringify({ items: [1] })), rec(1, 'b', JSON.stringify({ items: big }))];
    const started = performance.now();
    const out = new RecordFilter('value.items.all(x, value.items.all(y, x + y >= 0.0))').test(0, records, 100);
    const took = performance.now() - started;
    expect(out.interrupted).toBe(true);
    expect(out.tested).toBe(1);
    expect(out.matched).toEqual([0]);
    expect(took).toBeLessThan(5000); // the quadratic test alone would take minutes
  });
});
