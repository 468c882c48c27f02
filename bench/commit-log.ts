// The commit log's first read (`__consumer_offsets` from its start, as a dashboard does on
// its first start against a busy cluster) and what it costs everyone else meanwhile: the
// longest the event loop is held (a page or API answer waits at least that long). Decoding
// in slices (CommitLog's default, server/kafka/routing/fetched-records.ts sliceMs) beside
// the baseline measured in the same run: the same read decoding each answer in one go.
// The broker runs in its own process, so its work does not count as the reader's stalls.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CreateTopics } from '../server/protocol/19-create-topics';
import { OffsetCommit } from '../server/protocol/08-offset-commit';
import { WireConnection } from '../server/kafka/connection/wire-connection';
import { standaloneCluster } from '../server/kafka/clusters';
import { CommitLog, COMMIT_LOG_SLICE_MS } from '../server/kafka/sampling/commit-log';
import { startBrokerProcess } from './broker-process';

const PARTITIONS = 100;
const COMMITS = Number(process.env.BENCH_COMMITS) || 400_000;

/** Reads the whole commit log with a fresh reader; the longest event-loop stall meanwhile. */
async function readAll(address: string, sliceMs: number) {
  const cluster = standaloneCluster(address, `commit-log-${sliceMs}`);
  try {
    const log = new CommitLog(cluster.client, sliceMs);
    await cluster.client.metadata([]); // connections open before timing
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    const t0 = performance.now();
    let records = 0;
    for (;;) {
      const got = await log.poll();
      if (!log.available) throw new Error(`commit log not readable: ${log.problem}`);
      records += got.length;
      if (got.length === 0) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    h.disable();
    return { seconds, records, keys: log.latest.size, maxStallMs: h.max / 1e6, p99StallMs: h.percentile(99) / 1e6 };
  } finally {
    cluster.close();
  }
}

export async function benchCommitLog(): Promise<Record<string, number>> {
  process.env.OFFSETSCOPE_LAG_SAMPLE_MS = '3600000';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-commit-log-'));
  const broker = await startBrokerProcess(dataDir);
  const address = `127.0.0.1:${broker.port}`;
  try {
    const conn = await WireConnection.connect('127.0.0.1', broker.port, { timeoutMs: 60_000 });
    await conn.request(CreateTopics, 4, { topics: [{ name: 'cl', numPartitions: PARTITIONS, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 60_000, validateOnly: false });
    const t0 = performance.now();
    const requests = Math.ceil(COMMITS / PARTITIONS);
    for (let i = 0; i < requests; i += 5) {
      await Promise.all(
        Array.from({ length: Math.min(5, requests - i) }, (_, j) =>
          conn.request(OffsetCommit, 7, {
            groupId: `cl-group-${(i + j) % 2000}`,
            generationIdOrMemberEpoch: -1,
            memberId: '',
            groupInstanceId: null,
            retentionTimeMs: -1,
            topics: [{ name: 'cl', partitions: Array.from({ length: PARTITIONS }, (_, p) => ({ partitionIndex: p, committedOffset: i + j, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: '' })) }],
          }),
        ),
      );
    }
    conn.close();
    console.log(`\ncommit log: ${(requests * PARTITIONS).toLocaleString('en-US')} commits written to __consumer_offsets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const whole = await readAll(address, Infinity);
    const sliced = await readAll(address, COMMIT_LOG_SLICE_MS);
    const row = (name: string, r: typeof whole) =>
      console.log(`  ${name.padEnd(44)} ${r.seconds.toFixed(2).padStart(6)} s  ${r.records.toLocaleString('en-US').padStart(9)} commits  longest stall ${r.maxStallMs.toFixed(0).padStart(5)} ms  p99 ${r.p99StallMs.toFixed(0).padStart(4)} ms`);
    console.log('first read of __consumer_offsets from its start (event loop held at most)');
    row('baseline: each answer decoded in one go', whole);
    row(`offsetscope: decoded in ${COMMIT_LOG_SLICE_MS} ms slices`, sliced);
    if (whole.keys !== sliced.keys) throw new Error(`the two reads disagree: ${whole.keys} vs ${sliced.keys} keys`);
    return {
      commits: sliced.records,
      wholeSeconds: whole.seconds,
      wholeMaxStallMs: whole.maxStallMs,
      slicedSeconds: sliced.seconds,
      slicedMaxStallMs: sliced.maxStallMs,
      slicedP99StallMs: sliced.p99StallMs,
    };
  } finally {
    await broker.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
