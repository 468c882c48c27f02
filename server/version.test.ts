import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { OFFSETSCOPE_VERSION } from './version';

it('is package.json\'s version', () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
  expect(OFFSETSCOPE_VERSION).toBe(pkg.version);
});
