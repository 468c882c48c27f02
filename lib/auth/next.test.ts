import { expect, it } from 'vitest';
import { safeNext } from './next';

it.each([
  ['/groups?x=1', '/groups?x=1'],
  [null, '/'],
  ['', '/'],
  ['https://evil.example', '/'],
  ['//evil.example/x', '/'],
  ['/\\evil.example', '/'],
  ['javascript:alert(1)', '/'],
  ['/\t/evil.example', '/'],
  ['/\n/evil.example', '/'],
  ['/a\\b', '/'],
])('safeNext(%j) = %j', (given, want) => expect(safeNext(given)).toBe(want));
