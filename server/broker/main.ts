// `npm run broker -- [--host H] [--port P] [--data-dir D] [--num-partitions N] …`
// Prints `broker listening on H:P` once ready; stops cleanly on SIGINT/SIGTERM.
// Takes commands on stdin (`down K`, `up K`, `rotate`; see control/) and answers each with
// one `control: ok …` / `control: error …` line on stdout.
import { parseBrokerArgs } from './config';
import { serveControlLines } from './control/stdin';
import { startBroker } from './server';

async function main(): Promise<void> {
  let config;
  try {
    config = parseBrokerArgs(process.argv.slice(2), {
      host: process.env.HOST_BROKER ?? process.env.BROKER_HOST ?? undefined,
      port: process.env.BROKER_PORT ? Number(process.env.BROKER_PORT) : undefined,
      dataDir: process.env.DATA_DIR ?? undefined,
    });
  } catch (e) {
    console.error(`broker: ${(e as Error).message}`);
    process.exit(2);
  }
  let broker;
  try {
    broker = await startBroker(config);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') {
      console.error(`broker: ${err.message.replace(/^listen /, '')}: the port is already in use; choose another with --port or BROKER_PORT (or in --listener)`);
    } else {
      console.error(`broker: could not start: ${err.message}`);
    }
    process.exit(1);
  }
  for (const l of broker.nodes.flatMap((n) => n.listeners)) console.log(`broker listening on ${l.host}:${l.port}${l.protocol === 'PLAINTEXT' ? '' : ` (${l.protocol})`}`);
  let stopping = false;
  const stop = async (sig: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`broker: ${sig}, stopping`);
    await broker.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Not from a terminal: a broker started in the background (`npm run broker &`) that read
  // its terminal would be stopped by SIGTTIN. Type commands through a pipe instead
  // (`cat | npm run broker -- --nodes 3`). With stdin at /dev/null (`npm start`'s launcher)
  // the input just ends; the end of stdin never stops the broker.
  if (!process.stdin.isTTY) {
    void serveControlLines(process.stdin, (cmd) => broker.control(cmd), (line) => console.log(line));
  }
}

void main();
