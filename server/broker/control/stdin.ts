// Reads control commands from a stream (the broker's stdin), one per line, applies them one
// at a time in order, and prints exactly one acknowledgement line for each:
// `control: ok <command>` or `control: error <message>`. One line per command, in order,
// lets a driver (test/helpers/dashboard.ts) pair each command with its answer.
// End of input stops reading, never the broker: `npm start` gives it /dev/null.
import readline from 'node:readline';
import { formatCommand, parseCommand, type ControlCommand } from './commands';

export function serveControlLines(
  input: NodeJS.ReadableStream,
  apply: (cmd: ControlCommand) => Promise<void>,
  print: (line: string) => void,
): Promise<void> {
  input.on('error', () => {}); // a closed or unreadable stdin only means no commands
  const lines = readline.createInterface({ input, terminal: false, crlfDelay: Infinity });
  let chain = Promise.resolve();
  lines.on('line', (line) => {
    chain = chain.then(async () => {
      let cmd: ControlCommand;
      try {
        cmd = parseCommand(line);
        await apply(cmd);
      } catch (e) {
        print(`control: error ${oneLine((e as Error).message)}`);
        return;
      }
      print(`control: ok ${formatCommand(cmd)}`);
    });
  });
  return new Promise((resolve) => lines.once('close', () => void chain.then(resolve)));
}

/** The acknowledgement must stay one line whatever the message holds. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}
