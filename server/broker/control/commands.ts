// The broker's stdin commands, one per line: `down K` and `up K` stop and restart node K's
// listeners as if that broker process died and came back; `rotate` moves every partition's
// leader (and so every group's coordinator) to the next node. They let tests and people
// watch clients (and the dashboard) live through the failures a real cluster has, without a
// real cluster. Parsing is kept apart from applying so that a typo is reported before
// anything changes.
export type ControlCommand = { kind: 'down'; node: number } | { kind: 'up'; node: number } | { kind: 'rotate' };

export const ACCEPTED = 'down K, up K, rotate (K is a node id)';

/** A line that is not a command: its message says what was wrong and what is accepted. */
export class CommandError extends Error {}

export function parseCommand(line: string): ControlCommand {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new CommandError(`empty command; accepted: ${ACCEPTED}`);
  const [verb, ...args] = words;
  const name = verb.toLowerCase();
  if (name === 'rotate') {
    if (args.length) throw new CommandError(`rotate takes no argument, got '${clip(args.join(' '))}'; accepted: ${ACCEPTED}`);
    return { kind: 'rotate' };
  }
  if (name === 'down' || name === 'up') {
    if (args.length !== 1) throw new CommandError(`${name} takes one node id (${name} K), got ${args.length ? `'${clip(args.join(' '))}'` : 'none'}; accepted: ${ACCEPTED}`);
    // digits only: Number() would take '1e0', '0x1' or '' for node ids
    if (!/^\d{1,9}$/.test(args[0])) throw new CommandError(`${name}: '${clip(args[0])}' is not a node id (a whole number ≥ 0); accepted: ${ACCEPTED}`);
    return { kind: name, node: Number(args[0]) };
  }
  throw new CommandError(`unknown command '${clip(verb)}'; accepted: ${ACCEPTED}`);
}

/** The command as it is written back in `control: ok …`. */
export function formatCommand(cmd: ControlCommand): string {
  return cmd.kind === 'rotate' ? 'rotate' : `${cmd.kind} ${cmd.node}`;
}

/** A pasted megabyte must not come back as one. */
function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
