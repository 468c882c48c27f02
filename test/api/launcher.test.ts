// `npm start`'s launcher: a port in use is one clear line naming the variable to change;
// a broker that dies is reported and restarted on the same port and data dir.
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { runLauncher, startDashboard, type Dashboard } from '../helpers/dashboard';
import { kafka } from '../helpers/kafkajs';

let dash: Dashboard | undefined;
afterAll(async () => {
  await dash?.stop();
});

async function occupy(): Promise<{ port: number; close(): void }> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { port: (s.address() as net.AddressInfo).port, close: () => s.close() };
}

it('a port in use is one clear error naming the variable to change', async () => {
  const busy = await occupy();
  try {
    const web = await runLauncher({ PORT: String(busy.port), BROKER_PORT: '0' });
    expect(web.code).toBe(1);
    expect(web.output).toMatch(new RegExp(`port ${busy.port} .*in use; set PORT`));
    const brk = await runLauncher({ PORT: '0', BROKER_PORT: String(busy.port) });
    expect(brk.code).toBe(1);
    expect(brk.output).toMatch(new RegExp(`port ${busy.port} .*in use .*set BROKER_PORT`));
  } finally {
    busy.close();
  }
});

it('a broker that dies is reported and restarted with the same port and data', async () => {
  dash = await startDashboard();
  const producer = kafka(dash.brokerAddress).producer();
  await producer.connect();
  await producer.send({ topic: 'survivor', messages: [{ value: 'a' }, { value: 'b' }] });
  await producer.disconnect();

  const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  const line = ps.split('\n').find((l) => l.includes('server/broker/main.ts') && l.includes(dash!.dataDir));
  expect(line).toBeTruthy();
  process.kill(Number(line!.trim().split(/\s+/)[0]), 'SIGKILL');

  let topics: string[] = [];
  for (let i = 0; i < 60 && !topics.includes('survivor'); i++) {
    await new Promise((r) => setTimeout(r, 250));
    const res = await fetch(dash.url + '/api/topics').catch(() => null);
    if (res?.ok) topics = (await res.json()).topics.map((t: { name: string }) => t.name);
  }
  expect(dash.proc.output()).toMatch(/the broker exited .*restarting it on 127\.0\.0\.1:\d+/);
  expect(topics).toContain('survivor');
  const detail = await (await fetch(dash.url + '/api/topics/survivor')).json();
  expect(detail.partitions[0].logEndOffset).toBe(2);
});
