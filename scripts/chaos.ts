// `npm run chaos [-- CYCLES]` (default 25): the kill -9 chaos run of
// test/integration/chaos-kill.test.ts with more cycles, printing its figures. Exits 1 on any
// violation (the broker's data dir is then kept and its path printed).
import { formatReport, runChaos } from '../test/helpers/chaos';

const arg = process.argv[2];
const cycles = arg === undefined ? 25 : Number(arg);
if (!Number.isSafeInteger(cycles) || cycles < 1) {
  console.error(`chaos: the number of cycles must be a positive integer, got ${arg}`);
  process.exit(2);
}

const t = Date.now();
const report = await runChaos({ cycles, log: (l) => console.log(`[${((Date.now() - t) / 1000).toFixed(1)} s] ${l}`) });
console.log(formatReport(report));
process.exit(report.violations.length === 0 && report.cycles === cycles ? 0 : 1);
