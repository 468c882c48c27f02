// Kill -9: the broker (its own process, fixed port and data dir, 16 KiB segments) is killed
// with SIGKILL and restarted 5 times while Debian's confluent-kafka produces with acks=all
// and a group commits offsets. Afterwards every acknowledged record is at the offset it was
// acknowledged with (a retried batch may appear again at another offset), offsets run from 0
// to the log end without a gap, every batch passes its CRC, and every acknowledged commit
// reads back. The run itself is test/helpers/chaos.ts; `npm run chaos` does 25 cycles.
import { describe, expect, it } from 'vitest';
import { formatReport, runChaos } from '../helpers/chaos';

describe('kill -9 while producing and committing', () => {
  it('5 SIGKILL cycles lose no acknowledged record or commit, leave no gap and no bad CRC', { timeout: 90_000 }, async () => {
    const report = await runChaos({ cycles: 5 });
    const figures = formatReport(report);
    expect(report.violations, figures).toEqual([]);
    expect(report.cycles, figures).toBe(5);
    expect(report.recordsAcked, figures).toBeGreaterThan(0);
    expect(report.commitsAcked, figures).toBeGreaterThan(0);
    expect(report.segments, figures).toBeGreaterThan(3); // segments rolled: more than one per partition
  });
});
