// The stdin command language, case by case: what is accepted (and how it is written back),
// what is refused and that the refusal names the accepted commands; then the line loop
// main.ts runs on stdin: one acknowledgement per line, in order, and the end of input is
// only the end of commands.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatCommand, parseCommand, type ControlCommand } from './commands';
import { serveControlLines } from './stdin';

describe('parseCommand', () => {
  it.each<[string, ControlCommand, string]>([
    ['down 1', { kind: 'down', node: 1 }, 'down 1'],
    ['up 2', { kind: 'up', node: 2 }, 'up 2'],
    ['rotate', { kind: 'rotate' }, 'rotate'],
    ['  down\t 0  ', { kind: 'down', node: 0 }, 'down 0'],
    ['UP 12\r', { kind: 'up', node: 12 }, 'up 12'],
    ['\trotate  ', { kind: 'rotate' }, 'rotate'],
    ['down 007', { kind: 'down', node: 7 }, 'down 7'],
  ])('%j is %j, written back as %j', (line, cmd, text) => {
    expect(parseCommand(line)).toEqual(cmd);
    expect(formatCommand(parseCommand(line))).toBe(text);
  });

  it.each<[string, RegExp]>([
    ['', /^empty command/],
    ['   ', /^empty command/],
    ['reboot', /^unknown command 'reboot'/],
    ['down', /^down takes one node id \(down K\), got none/],
    ['up 1 2', /^up takes one node id \(up K\), got '1 2'/],
    ['down -1', /^down: '-1' is not a node id/],
    ['down 1.5', /is not a node id/],
    ['down 0x1', /is not a node id/],
    ['up 1e3', /is not a node id/],
    ['rotate now', /^rotate takes no argument, got 'now'/],
    ['x'.repeat(500), /^unknown command 'x{40}…'/],
  ])('%j is refused: %s', (line, message) => {
    expect(() => parseCommand(line)).toThrow(message);
    expect(() => parseCommand(line)).toThrow('accepted: down K, up K, rotate');
  });
});

describe('serveControlLines', () => {
  it('answers every line once, in order, applying one command at a time, and ends quietly with its input', async () => {
    const input = new PassThrough();
    const printed: string[] = [];
    const applied: string[] = [];
    let running = 0;
    const done = serveControlLines(
      input,
      async (cmd) => {
        running++;
        expect(running).toBe(1); // the next command waits for this one
        await new Promise((r) => setTimeout(r, 5));
        running--;
        if (cmd.kind === 'up' && cmd.node === 9) throw new Error('there is no node 9\nsecond line');
        applied.push(formatCommand(cmd));
      },
      (line) => printed.push(line),
    );
    input.end('down 1\nbogus\r\nup 9\n  rotate \nup 1');
    await done;
    expect(applied).toEqual(['down 1', 'rotate', 'up 1']);
    expect(printed).toEqual([
      'control: ok down 1',
      "control: error unknown command 'bogus'; accepted: down K, up K, rotate (K is a node id)",
      'control: error there is no node 9 second line',
      'control: ok rotate',
      'control: ok up 1',
    ]);
  });

  it('an input that ends at once (stdin from /dev/null) prints nothing', async () => {
    const input = new PassThrough();
    const printed: string[] = [];
    const done = serveControlLines(input, async () => {}, (l) => printed.push(l));
    input.end();
    await done;
    expect(printed).toEqual([]);
  });
});
