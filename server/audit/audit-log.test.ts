import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { AuditLog } from './audit-log';

const entry = (i: number) => ({ at: 1_700_000_000_000 + i, user: `u${i % 3}`, address: '10.0.0.1', cluster: 'c', action: 'topic.produce' as const, target: `t${i}`, detail: { records: i } });

it('stays under its byte bound on disk, keeps the newest entries, and reads newest first with filters', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-'));
  const bound = 64 * 1024;
  const log = new AuditLog(dir, bound);
  for (let i = 0; i < 3000; i++) log.append(entry(i)); // about 360 KB written in all
  const size = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
  expect(size).toBeLessThanOrEqual(bound);
  const all = log.read({ limit: 100_000 });
  expect(all[0].target).toBe('t2999'); // the newest first
  expect(all.length).toBeGreaterThan(300); // at least the newest half of the bound
  for (let i = 1; i < all.length; i++) expect(all[i - 1].at).toBeGreaterThan(all[i].at); // in order, no gaps across the two files
  expect(all.at(-1)!.at).toBe(all[0].at - all.length + 1);
  expect(log.read({ limit: 5, user: 'u1' }).every((e) => e.user === 'u1')).toBe(true);
  expect(log.read({ limit: 5, action: 'login' })).toEqual([]);
  // a torn last line (a crash mid-append) is skipped, the rest still read
  fs.appendFileSync(path.join(dir, 'audit.jsonl'), '{"at": 1, "us');
  const reopened = new AuditLog(dir, bound);
  expect(reopened.read({ limit: 1 })[0].target).toBe('t2999');
  reopened.append(entry(3000)); // and the next line is whole
  expect(reopened.read({ limit: 2 }).map((e) => e.target)).toEqual(['t3000', 't2999']);
});
