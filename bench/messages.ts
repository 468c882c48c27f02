// Messages case of `npm run bench`: the first page of 100 records from a partition, the
// live-tail latency from produce to the event arriving on the stream, and the produce
// form's throughput for N = 100,000 records.
import { startDashboard } from '../test/helpers/dashboard';
import { kafka } from '../test/helpers/kafkajs';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function benchMessages(): Promise<Record<string, number>> {
  const dash = await startDashboard();
  try {
    const post = (path: string, body: unknown) => fetch(dash.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await post('/api/topics', { name: 'bench-msgs', partitions: 1, replicationFactor: 1 });

    const t0 = performance.now();
    const res = await (await post('/api/topics/bench-msgs/messages', { partition: 0, key: 'k-{{i}}', value: '{"n": {{i}}, "at": "{{now}}", "pad": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}', valueFormat: 'json', count: 100_000 })).json();
    const produceSecs = (performance.now() - t0) / 1000;
    if (res.count !== 100_000) throw new Error(`produce answered ${JSON.stringify(res).slice(0, 200)}`);

    const page: number[] = [];
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      const body = await (await fetch(dash.url + '/api/topics/bench-msgs/messages?partition=0&limit=100')).json();
      page.push(performance.now() - s);
      if (body.messages.length !== 100) throw new Error('short page');
    }

    // Tail latency: produce one record with kafkajs, time until its event arrives.
    const ctrl = new AbortController();
    const stream = await fetch(dash.url + '/api/topics/bench-msgs/tail?partition=0', { signal: ctrl.signal });
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    const producer = kafka(dash.brokerAddress).producer();
    await producer.connect();
    const tail: number[] = [];
    let buffered = '';
    for (let i = 0; i < 50; i++) {
      const marker = `tail-${i}-${Date.now()}`;
      const s = performance.now();
      await producer.send({ topic: 'bench-msgs', messages: [{ partition: 0, value: marker }] });
      for (;;) {
        const { value } = await reader.read();
        buffered += decoder.decode(value);
        if (buffered.includes(marker)) break;
      }
      tail.push(performance.now() - s);
      buffered = '';
    }
    await producer.disconnect();
    ctrl.abort();

    const out = { pageP50: pct(page, 50), pageP95: pct(page, 95), tailP50: pct(tail, 50), tailP99: pct(tail, 99), produceRecordsPerSec: 100_000 / produceSecs };
    console.log(`\nmessages (embedded broker)`);
    console.log(`  first page of 100 records from a partition        p50 ${ms(out.pageP50)}  p95 ${ms(out.pageP95)}`);
    console.log(`  live tail, produce → event on the stream           p50 ${ms(out.tailP50)}  p99 ${ms(out.tailP99)}`);
    console.log(`  produce form, N = 100,000 (JSON template)          ${Math.round(out.produceRecordsPerSec).toLocaleString('en-US')} records/s (${produceSecs.toFixed(2)} s)`);
    return out;
  } finally {
    await dash.stop();
  }
}
