// `npm run fuzz -- [--frames N] [--seed S] [--only i,j,…] [--concurrency C] [--round-timeout-ms T]
//                  [--rss-limit-mb M] [--probe-limit-ms L] [--keep-data] [--include-known-defects]`
// Fuzzes the broker's request decoder and every handler (test/helpers/fuzz.ts says how) against
// a broker process of its own, prints the figures, and exits 1 on any violation: the broker died,
// the second connection waited past the limit, the broker's RSS grew past the bound, a handler
// failed inside, or an answer was wrong. The seed is printed first; `--seed S` replays the same
// frames, `--seed S --only i` only frame i (the index a violation names). Known broker defects
// (KNOWN_DEFECTS in the helper) are steered around unless --include-known-defects.
import { formatReport, randomSeed, runFuzz } from '../test/helpers/fuzz';

function parse(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const [k, v] = a.slice(2).split(/=(.*)/s, 2);
    if (v !== undefined) out[k] = v;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out[k] = argv[++i];
    else out[k] = 'true';
  }
  return out;
}

const KNOWN = ['frames', 'seed', 'only', 'concurrency', 'round-timeout-ms', 'rss-limit-mb', 'probe-limit-ms', 'keep-data', 'per-target', 'include-known-defects'];

async function main(): Promise<void> {
  let args: Record<string, string>;
  try {
    args = parse(process.argv.slice(2));
    const unknown = Object.keys(args).filter((k) => !KNOWN.includes(k));
    if (unknown.length) throw new Error(`unknown option(s) ${unknown.map((k) => '--' + k).join(', ')} (known: ${KNOWN.map((k) => '--' + k).join(', ')})`);
  } catch (e) {
    console.error(`fuzz: ${(e as Error).message}`);
    process.exit(2);
  }
  const int = (k: string): number | undefined => {
    if (args[k] === undefined) return undefined;
    const n = Number(args[k]);
    if (!Number.isSafeInteger(n)) {
      console.error(`fuzz: --${k} must be an integer`);
      process.exit(2);
    }
    return n;
  };
  const seed = int('seed') ?? (process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomSeed());
  const only = args.only ? args.only.split(',').map(Number) : undefined;
  const frames = int('frames');
  const perTarget = int('per-target');
  console.log(`fuzz seed ${seed} (replay: npm run fuzz -- --seed ${seed}${frames ? ` --frames ${frames}` : ''}${only ? ` --only ${only.join(',')}` : ''})`);
  const report = await runFuzz({
    seed,
    frames: frames ?? (perTarget ? undefined : 1_000_000),
    framesPerTarget: perTarget,
    only,
    concurrency: int('concurrency') ?? 8,
    roundTimeoutMs: int('round-timeout-ms') ?? 1000,
    rssLimitMb: int('rss-limit-mb') ?? 256,
    probeLimitMs: int('probe-limit-ms') ?? 1000,
    keepData: args['keep-data'] === 'true',
    avoidKnownDefects: !(args['include-known-defects'] === 'true' || process.env.FUZZ_INCLUDE_KNOWN === '1'),
    progressEveryMs: Number(process.env.FUZZ_PROGRESS_MS ?? 10_000),
    log: (l) => console.log(l),
  });
  console.log(formatReport(report));
  process.exit(report.violations.length || !report.brokerAlive ? 1 : 0);
}

void main();
