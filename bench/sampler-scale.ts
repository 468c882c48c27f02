// Sampler case of `npm run bench -- sampler` (long; not in the default run): 10,000 consumer
// groups over 5,000 topics × 10 partitions (50,000 partitions) on the embedded broker, each
// group committed on the 10 partitions of one topic (2 groups a topic), most partitions
// lagging. Three parts, one broker (in this process) and one set-up:
//   1. the real lag sampler in this process: time and Kafka requests (by API) per sample, heap;
//   2. the real dashboard (`npm start` pointed at that broker, default 5 s sampling running
//      meanwhile): GET /api/groups and GET /api/groups/{g};
//   3. beside them, naive kafkajs admin: the whole list per refresh, and one group.
// BENCH_GROUPS / BENCH_TOPICS scale it down (groups are spread evenly over the topics).
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { startTestBroker, type TestBroker } from '../test/helpers/broker';
import { startDashboard, type Dashboard } from '../test/helpers/dashboard';
import { kafka } from '../test/helpers/kafkajs';
import { withQuietCluster } from './quiet-cluster';
import { WireConnection } from '../server/kafka/connection/wire-connection';
import { CreateTopics } from '../server/protocol/19-create-topics';
import { OffsetCommit } from '../server/protocol/08-offset-commit';
import { Produce } from '../server/protocol/00-produce';
import { encodeRecordBatch } from '../server/protocol/record-batch';

const GROUPS = Number(process.env.BENCH_GROUPS) || 10_000;
const TOPICS = Number(process.env.BENCH_TOPICS) || 5_000;
const PARTITIONS = 10;
const RECORDS = 20; // a partition's log-end; commits are 0..RECORDS, so about 1 in 21 is caught up
const TIMED_SAMPLES = 5;
const DETAIL_GROUPS = 50;
const LIST_REQUESTS = 20;
const MB = 1024 * 1024;
/** How long the naive list round may run before it is cut off (BENCH_NAIVE_SECONDS). */
const NAIVE_BUDGET_MS = (Number(process.env.BENCH_NAIVE_SECONDS) || 90) * 1000;

const topicName = (i: number) => `ss-${String(i).padStart(5, '0')}`;
const groupName = (g: number) => `ss-group-${String(g).padStart(5, '0')}`;
const topicOf = (g: number) => g % TOPICS;
const committedOffset = (g: number, p: number) => (g * 7 + p * 3) % (RECORDS + 1);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const ms = (x: number) => `${x.toFixed(0)} ms`;
const secs = (x: number) => `${(x / 1000).toFixed(1)} s`;
const mb = (x: number) => `${(x / MB).toFixed(0)} MB`;
const n = (x: number) => x.toLocaleString('en-US');

/** A full collection when it can be had (the bench is not started with --expose-gc). */
const gc: () => void = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return () => {};
  }
})();
function heap(): { heap: number; arrays: number; rss: number } {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, arrays: m.arrayBuffers, rss: m.rss };
}

/** The same numbers of groups for every 50 drawn, in every run. */
function drawGroups(count: number): number[] {
  let x = 12345;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % GROUPS;
  });
}

/** Topics, records and commits through our own wire client, in big requests. */
async function populate(port: number): Promise<Record<string, number>> {
  const conn = await WireConnection.connect('127.0.0.1', port, { timeoutMs: 300_000 });
  const t0 = performance.now();
  for (let i = 0; i < TOPICS; i += 1000) {
    const res = await conn.request(CreateTopics, 4, {
      topics: Array.from({ length: Math.min(1000, TOPICS - i) }, (_, j) => ({ name: topicName(i + j), numPartitions: PARTITIONS, replicationFactor: 1, assignments: [], configs: [] })),
      timeoutMs: 300_000,
      validateOnly: false,
    });
    const bad = res.topics.find((t) => t.errorCode !== 0);
    if (bad) throw new Error(`CreateTopics ${bad.name}: error ${bad.errorCode} ${bad.errorMessage}`);
  }
  const t1 = performance.now();
  const batch = await encodeRecordBatch(Array.from({ length: RECORDS }, (_, i) => ({ value: `v${i}` })));
  const produce = async (from: number, to: number) => {
    const res = await conn.request(Produce, 7, {
      transactionalId: null,
      acks: 1,
      timeoutMs: 60_000,
      topicData: Array.from({ length: to - from }, (_, j) => ({ name: topicName(from + j), partitionData: Array.from({ length: PARTITIONS }, (_, p) => ({ index: p, records: [Buffer.from(batch)] })) })),
    });
    for (const t of res.responses) for (const p of t.partitionResponses) if (p.errorCode !== 0) throw new Error(`Produce ${t.name}-${p.index}: error ${p.errorCode}`);
  };
  const PER_PRODUCE = 100;
  for (let i = 0; i < TOPICS; i += PER_PRODUCE * 4) {
    const sends: Promise<void>[] = [];
    for (let k = i; k < Math.min(TOPICS, i + PER_PRODUCE * 4); k += PER_PRODUCE) sends.push(produce(k, Math.min(TOPICS, k + PER_PRODUCE)));
    await Promise.all(sends);
  }
  const t2 = performance.now();
  const commit = async (g: number) => {
    const res = await conn.request(OffsetCommit, 7, {
      groupId: groupName(g),
      generationIdOrMemberEpoch: -1,
      memberId: '',
      groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [{ name: topicName(topicOf(g)), partitions: Array.from({ length: PARTITIONS }, (_, p) => ({ partitionIndex: p, committedOffset: committedOffset(g, p), committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: '' })) }],
    });
    for (const t of res.topics) for (const p of t.partitions) if (p.errorCode !== 0) throw new Error(`OffsetCommit ${groupName(g)}: error ${p.errorCode}`);
  };
  for (let g = 0; g < GROUPS; g += 200) await Promise.all(Array.from({ length: Math.min(200, GROUPS - g) }, (_, k) => commit(g + k)));
  const t3 = performance.now();
  conn.close();
  return { createMs: t1 - t0, produceMs: t2 - t1, commitMs: t3 - t2, totalMs: t3 - t0 };
}

/** The Kafka requests `fn` makes on the dashboard's connections, by API name (request-count.test.ts's counting(), without vitest). */
async function counting(fn: () => Promise<void>): Promise<Map<string, number>> {
  const sent = new Map<string, number>();
  const original = WireConnection.prototype.request;
  WireConnection.prototype.request = function (this: WireConnection, ...args: Parameters<typeof original>) {
    sent.set(args[0].name, (sent.get(args[0].name) ?? 0) + 1);
    return original.apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    WireConnection.prototype.request = original;
  }
  return sent;
}

/** Part 1: the lag sampler in this process, sampling only when told. */
async function samplerPart(broker: TestBroker) {
  const before = heap();
  return withQuietCluster(broker.address, async (cluster) => {
    const warm: number[] = [];
    let s = performance.now();
    const sampler = cluster.sampler; // starts it: the first sample begins now
    await sampler.tick();
    warm.push(performance.now() - s);
    s = performance.now();
    await sampler.tick();
    warm.push(performance.now() - s);
    if (sampler.last?.groups.size !== GROUPS) throw new Error(`the sampler saw ${sampler.last?.groups.size} groups, expected ${GROUPS}`);
    const times: number[] = [];
    let requests = new Map<string, number>();
    for (let i = 0; i < TIMED_SAMPLES; i++) {
      cluster.groups.invalidate(); // samples are further apart than the snapshot's lifetime: each reads afresh
      requests = await counting(async () => {
        const t = performance.now();
        await sampler.tick();
        times.push(performance.now() - t);
      });
      if (sampler.lastAttempt?.problem) throw new Error(`sample failed: ${sampler.lastAttempt.problem}`);
    }
    const after = heap();
    return {
      firstSampleMs: warm[0],
      secondSampleMs: warm[1],
      sampleP50Ms: pct(times, 50),
      sampleMaxMs: Math.max(...times),
      requests: Object.fromEntries(requests),
      requestsTotal: [...requests.values()].reduce((a, b) => a + b, 0),
      heapBeforeMB: before.heap / MB,
      heapAfterMB: after.heap / MB,
      arraysAfterMB: after.arrays / MB,
      rssAfterMB: after.rss / MB,
    };
  });
}

/** The dashboard's own Node process (the launcher's child running server/http/main.ts): its RSS, from /proc. */
function dashboardRss(dash: Dashboard): number | null {
  try {
    const launcher = dash.proc.child.pid!;
    const children = fs.readFileSync(`/proc/${launcher}/task/${launcher}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const pid of children) {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server/http/main.ts')) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : null;
    }
  } catch {
    // no /proc: not reported
  }
  return null;
}

/** Part 2: the real dashboard over HTTP, its 5 s sampler running. */
async function httpPart(broker: TestBroker, drawn: number[]) {
  const t0 = performance.now();
  const dash = await startDashboard({ kafkaBrokers: broker.address });
  try {
    const started = performance.now();
    // ready: the list holds every group (polled; the first sample reads them all)
    const deadline = Date.now() + 15 * 60_000;
    let total = 0;
    for (;;) {
      const res = await fetch(dash.url + '/api/groups');
      if (res.ok) {
        total = ((await res.json()) as { groups: unknown[] }).groups.length;
        if (total === GROUPS) break;
      } else await res.arrayBuffer();
      if (Date.now() > deadline) throw new Error(`/api/groups still lists ${total} of ${GROUPS} groups after 15 min`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const allListedMs = performance.now() - started;

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const list: number[] = [];
    let oldest = 0;
    for (let i = 0; i < LIST_REQUESTS; i++) {
      const s = performance.now();
      const res = await fetch(dash.url + '/api/groups');
      const body = (await res.json()) as { groups: unknown[]; fetchedAt: number };
      list.push(performance.now() - s);
      if (body.groups.length !== GROUPS) throw new Error(`expected ${GROUPS} groups, got ${body.groups.length}`);
      oldest = Math.max(oldest, Date.now() - body.fetchedAt);
      await new Promise((r) => setTimeout(r, 250)); // spread over several samples
    }
    const detail: number[] = [];
    for (const g of drawn) {
      const s = performance.now();
      const res = await fetch(`${dash.url}/api/groups/${encodeURIComponent(groupName(g))}`);
      const body = (await res.json()) as { offsets?: unknown[] };
      detail.push(performance.now() - s);
      if (!res.ok || body.offsets?.length !== PARTITIONS) throw new Error(`GET /api/groups/${groupName(g)}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
    delay.disable();
    return {
      startMs: started - t0,
      allListedMs,
      listP50Ms: pct(list, 50),
      listP95Ms: pct(list, 95),
      listOldestSnapshotMs: oldest,
      detailP50Ms: pct(detail, 50),
      detailP95Ms: pct(detail, 95),
      benchLoopMaxDelayMs: delay.max / 1e6,
      dashboardRssMB: (dashboardRss(dash) ?? NaN) / MB,
    };
  } finally {
    await dash.stop();
  }
}

/** Part 3: what a dashboard built on kafkajs's admin does. */
async function naivePart(broker: TestBroker, drawn: number[]) {
  const admin = kafka(broker.address, 'bench-naive').admin();
  await admin.connect();
  try {
    // One round, cut off after NAIVE_BUDGET_MS: at 10,000 groups it runs for many minutes
    // (kafkajs refreshes the metadata of every topic it is asked about), so what is printed is
    // how far it got and the whole round projected at that pace (a lower bound: it slows down).
    const s = performance.now();
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith('ss-group-'));
    if (groups.length !== GROUPS) throw new Error(`kafkajs listed ${groups.length} groups, expected ${GROUPS}`);
    const ends = new Map<string, Awaited<ReturnType<typeof admin.fetchTopicOffsets>>>();
    let done = 0;
    for (const g of groups) {
      if (performance.now() - s > NAIVE_BUDGET_MS) break;
      const topic = topicName(topicOf(Number(g.slice(9))));
      await admin.fetchOffsets({ groupId: g, topics: [topic] });
      if (!ends.has(topic)) ends.set(topic, await admin.fetchTopicOffsets(topic));
      done++;
    }
    const elapsed = performance.now() - s;
    const listMs = done === GROUPS ? elapsed : (elapsed * GROUPS) / Math.max(1, done);
    const one: number[] = [];
    for (const g of drawn) {
      const s = performance.now();
      const topic = topicName(topicOf(g));
      await admin.describeGroups([groupName(g)]);
      await admin.fetchOffsets({ groupId: groupName(g), topics: [topic] });
      await admin.fetchTopicOffsets(topic);
      one.push(performance.now() - s);
    }
    return { listMs, listGroupsRead: done, listElapsedMs: elapsed, detailP50Ms: pct(one, 50), detailP95Ms: pct(one, 95) };
  } finally {
    await admin.disconnect();
  }
}

export async function benchSamplerScale() {
  const partitions = TOPICS * PARTITIONS;
  console.log(`\nsampler at scale: ${n(GROUPS)} groups over ${n(TOPICS)} topics × ${PARTITIONS} partitions (${n(partitions)}), ${RECORDS} records a partition, embedded broker in this process`);
  const broker = await startTestBroker();
  try {
    const brokerHeap = heap();
    const setup = await populate(broker.port);
    const populated = heap();
    console.log(
      `  set up in ${secs(setup.totalMs)}: CreateTopics ${secs(setup.createMs)}, Produce ${secs(setup.produceMs)}, OffsetCommit ${secs(setup.commitMs)}; ` +
        `broker heap ${mb(populated.heap)} (${mb(brokerHeap.heap)} before), rss ${mb(populated.rss)}`,
    );
    const drawn = drawGroups(DETAIL_GROUPS);

    const row = (label: string, value: string) => console.log(`     ${label.padEnd(62)} ${value}`);
    const sampler = await samplerPart(broker);
    console.log(`  1. lag sampler, in this process (2 warm-up samples first: ${ms(sampler.firstSampleMs)}, ${ms(sampler.secondSampleMs)})`);
    row(`one sample (${TIMED_SAMPLES} timed, each after invalidate())`, `p50 ${ms(sampler.sampleP50Ms)}  max ${ms(sampler.sampleMaxMs)}`);
    row(`its Kafka requests: ${n(sampler.requestsTotal)}`, Object.entries(sampler.requests).map(([k, v]) => `${k} ${n(v)}`).join(', '));
    row('heap after sampling (broker included)', `${mb(sampler.heapAfterMB * MB)}, +${mb((sampler.heapAfterMB - sampler.heapBeforeMB) * MB)} over the ${mb(sampler.heapBeforeMB * MB)} before the cluster object; array buffers ${mb(sampler.arraysAfterMB * MB)}, rss ${mb(sampler.rssAfterMB * MB)}`);

    const http = await httpPart(broker, drawn);
    console.log(`  2. dashboard over HTTP (npm start on this broker, sampling every 5 s meanwhile; up in ${secs(http.startMs)}, all groups listed ${secs(http.allListedMs)} later)`);
    row(`GET /api/groups, ${n(GROUPS)} groups (${LIST_REQUESTS} requests; target p95 ≤ 1000 ms)`, `p50 ${ms(http.listP50Ms)}  p95 ${ms(http.listP95Ms)}  (oldest snapshot served ${secs(http.listOldestSnapshotMs)})`);
    row(`GET /api/groups/{g} (${DETAIL_GROUPS} groups; target p95 ≤ 100 ms)`, `p50 ${ms(http.detailP50Ms)}  p95 ${ms(http.detailP95Ms)}`);
    row('dashboard process rss', Number.isNaN(http.dashboardRssMB) ? 'n/a' : mb(http.dashboardRssMB * MB));
    row("this process's longest event-loop delay meanwhile (broker)", ms(http.benchLoopMaxDelayMs));

    const naive = await naivePart(broker, drawn);
    console.log('  3. naive kafkajs admin, same broker (dashboard stopped)');
    row(
      'list: listGroups, fetchOffsets a group, fetchTopicOffsets a topic',
      naive.listGroupsRead === GROUPS
        ? secs(naive.listMs)
        : `${n(naive.listGroupsRead)} of ${n(GROUPS)} groups in ${secs(naive.listElapsedMs)}: the whole list ≥ ${secs(naive.listMs)} at that pace`,
    );
    row(`one group: describeGroups + fetchOffsets + fetchTopicOffsets`, `p50 ${ms(naive.detailP50Ms)}  p95 ${ms(naive.detailP95Ms)}`);
    row('ratio naive / offsetscope, list (naive round / p50)', `${naive.listGroupsRead === GROUPS ? '' : '≥ '}${(naive.listMs / http.listP50Ms).toFixed(0)}×`);
    row('ratio naive / offsetscope, one group (p50)', `${(naive.detailP50Ms / http.detailP50Ms).toFixed(1)}×`);
    return { groups: GROUPS, topics: TOPICS, partitions, setup, sampler, http, naive };
  } finally {
    await broker.destroy();
  }
}
