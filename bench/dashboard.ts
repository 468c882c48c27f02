// Dashboard case of `npm run bench`: /api/topics latency with 5,000 topics × 4 partitions
// on the embedded broker, beside the floor for the same answer (the Kafka requests it
// needs, sent directly with our wire client), and the time the topics page takes to show
// them in Chromium.
import { chromium } from '@playwright/test';
import { startDashboard } from '../test/helpers/dashboard';
import { WireConnection } from '../server/kafka/connection/wire-connection';
import { CreateTopics } from '../server/protocol/19-create-topics';
import { Metadata } from '../server/protocol/03-metadata';
import { ListOffsets } from '../server/protocol/02-list-offsets';

const TOPICS = 5000;
const PARTITIONS = 4;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function benchDashboard(): Promise<Record<string, number>> {
  const dash = await startDashboard();
  const out: Record<string, number> = {};
  try {
    const conn = await WireConnection.connect('127.0.0.1', dash.brokerPort, { timeoutMs: 60_000 });
    const t0 = performance.now();
    for (let i = 0; i < TOPICS; i += 500) {
      await conn.request(CreateTopics, 4, {
        topics: Array.from({ length: Math.min(500, TOPICS - i) }, (_, j) => ({
          name: `bench-${String(i + j).padStart(5, '0')}`,
          numPartitions: PARTITIONS,
          replicationFactor: 1,
          assignments: [],
          configs: [],
        })),
        timeoutMs: 60_000,
        validateOnly: false,
      });
    }
    console.log(`created ${TOPICS} topics × ${PARTITIONS} partitions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Floor: the Kafka requests behind the answer, sent directly.
    const floor: number[] = [];
    for (let i = 0; i < 15; i++) {
      const s = performance.now();
      const md = await conn.request(Metadata, 6, { topics: null, allowAutoTopicCreation: false });
      for (const ts of [-2, -1]) {
        await conn.request(ListOffsets, 3, {
          replicaId: -1,
          isolationLevel: 0,
          topics: md.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, timestamp: ts, maxNumOffsets: 1 })) })),
        });
      }
      floor.push(performance.now() - s);
    }
    conn.close();

    // Fresh answers: wait out the server's 1 s snapshot cache before each request.
    const fresh: number[] = [];
    for (let i = 0; i < 15; i++) {
      await new Promise((r) => setTimeout(r, 1100));
      const s = performance.now();
      const res = await fetch(dash.url + '/api/topics');
      const body = await res.json();
      fresh.push(performance.now() - s);
      if (body.topics.length !== TOPICS) throw new Error(`expected ${TOPICS} topics, got ${body.topics.length}`);
    }
    // Polled answers: many tabs within a second share one snapshot.
    const cached: number[] = [];
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      await (await fetch(dash.url + '/api/topics?q=bench-04')).json();
      cached.push(performance.now() - s);
    }

    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(dash.url + '/'); // warm the server's page code
    const s = performance.now();
    await page.goto(dash.url + '/topics');
    await page.getByTestId('topic-row-bench-00000').waitFor({ timeout: 60_000 });
    const pageMs = performance.now() - s;
    const domRows = await page.locator('[data-testid^="topic-row-"]').count();
    await browser.close();

    Object.assign(out, {
      floorP50: pct(floor, 50),
      floorP95: pct(floor, 95),
      freshP50: pct(fresh, 50),
      freshP95: pct(fresh, 95),
      cachedP50: pct(cached, 50),
      cachedP95: pct(cached, 95),
      pageMs,
      domRows,
    });
    console.log(`\ndashboard, ${TOPICS} topics × ${PARTITIONS} partitions (embedded broker)`);
    console.log(`  Kafka requests behind it (Metadata + 2 × ListOffsets, direct)  p50 ${ms(out.floorP50)}  p95 ${ms(out.floorP95)}`);
    console.log(`  GET /api/topics, fresh (offsets, sizes, retention)             p50 ${ms(out.freshP50)}  p95 ${ms(out.freshP95)}  (${(out.freshP50 / out.floorP50).toFixed(1)}× the floor)`);
    console.log(`  GET /api/topics?q=…, within the 1 s snapshot                    p50 ${ms(out.cachedP50)}  p95 ${ms(out.cachedP95)}`);
    console.log(`  /topics in Chromium until the first rows show                   ${ms(pageMs)}  (${domRows} rows in the DOM: virtualized)`);
  } finally {
    await dash.stop();
  }
  return out;
}
