// Runs a real client binary (kcat, Debian's python3) with a timeout and optional stdin, and
// never throws: the caller asserts on the exit code and shows stderr when something fails.
import { execFile } from 'node:child_process';

export interface RunResult {
  stdout: string;
  stderr: string;
  /** Exit code; null when the process was killed (e.g. by the timeout). */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

export interface RunOptions {
  input?: string | Buffer;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20, env: opts.env ?? process.env, cwd: opts.cwd, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: NodeJS.Signals }) | null;
        const code = e ? (typeof e.code === 'number' ? e.code : null) : 0;
        const signal = e?.signal ?? null;
        const timedOut = Boolean(e?.killed); // execFile kills the child only on timeout
        resolve({ stdout, stderr: e && typeof e.code === 'string' ? `${stderr}${e.message}` : stderr, code, signal, timedOut });
      },
    );
    child.stdin?.on('error', () => {}); // the child may exit before reading all of its input
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** A readable summary for assertion messages: the command, how it ended and its stderr. */
export function describeRun(cmd: string, args: string[], r: RunResult): string {
  const how = r.timedOut ? 'timed out' : r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
  return `${cmd} ${args.join(' ')} → ${how}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

/** Runs and requires exit 0; throws with the full output otherwise. */
export async function runOk(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(describeRun(cmd, args, r));
  return r;
}
