// How fast the broker serves again after a stop, with 1,000 partitions: the time from
// spawning `server/broker/main.ts` to every partition's log-end answered by ListOffsets,
// after a clean stop and after a kill -9 with 2 GB written since the last recovery
// checkpoint (all of it re-read with CRCs). Baseline in the same run: the same start of a
// broker with an empty data dir (process start, tsx, listening, one ListOffsets round).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListOffsets } from '../server/protocol/02-list-offsets';
import { encodeRecordBatchSync } from '../server/protocol/record-batch';
import { startBroker } from '../server/broker/server';
import { WireConnection } from '../server/kafka/connection/wire-connection';
import { startBrokerProcess } from './broker-process';

const TOPICS = 10;
const PER_TOPIC = 100; // 1,000 partitions

/** Spawns the broker and times until every partition's log-end is answered. */
async function timeToServe(dataDir: string, topics: string[]): Promise<{ ms: number; ends: number[] }> {
  const t0 = performance.now();
  const broker = await startBrokerProcess(dataDir);
  const port = broker.port;
  const conn = await WireConnection.connect('127.0.0.1', port);
  const ends: number[] = [];
  try {
    const res = await conn.request(ListOffsets, 3, {
      replicaId: -1,
      isolationLevel: 0,
      topics: topics.map((name) => ({ name, partitions: Array.from({ length: PER_TOPIC }, (_, p) => ({ partitionIndex: p, timestamp: -1, maxNumOffsets: 1 })) })),
    });
    for (const t of res.topics) for (const p of t.partitions) ends.push(p.errorCode === 0 ? p.offset : -1);
  } finally {
    conn.close();
  }
  const ms = performance.now() - t0;
  await broker.stop();
  return { ms, ends };
}

export interface RestartFigures {
  partitions: number;
  baselineEmptyMs: number;
  cleanStopMs: number;
  killedMs: number;
  writtenSinceCheckpointBytes: number;
}

export async function benchRestart(): Promise<RestartFigures> {
  const topics = Array.from({ length: TOPICS }, (_, i) => `restart-${i}`);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-restart-empty-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'offsetscope-restart-'));
  try {
    const baseline = await timeToServe(empty, []);

    // 1,000 partitions with a little data each, then a clean stop
    let broker = await startBroker({ port: 0, dataDir }, () => {});
    for (const t of topics) broker.state.createTopic(t, PER_TOPIC, 1);
    const small = encodeRecordBatchSync(Array.from({ length: 10 }, (_, i) => ({ value: `v${i}` })));
    for (const t of topics) for (let p = 0; p < PER_TOPIC; p++) broker.state.partition(t, p)!.append([Buffer.from(small)]);
    await broker.close();
    const clean = await timeToServe(dataDir, topics);

    // 2 GB more across every partition, then a stop as kill -9 leaves it (no flush, checkpoint or marker)
    broker = await startBroker({ port: 0, dataDir }, () => {});
    const big = encodeRecordBatchSync(Array.from({ length: 1000 }, (_, i) => ({ value: Buffer.alloc(1000, i % 256) })));
    const target = 2 * 1024 ** 3;
    let written = 0;
    for (let round = 0; written < target; round++) {
      for (const t of topics) {
        for (let p = 0; p < PER_TOPIC && written < target; p++) {
          broker.state.partition(t, p)!.append([Buffer.from(big)]);
          written += big.length;
        }
      }
    }
    await broker.crash();
    const killed = await timeToServe(dataDir, topics);
    if (killed.ends.some((e) => e < 0) || clean.ends.some((e) => e !== 10)) throw new Error('a partition did not answer its log-end');

    const figures = { partitions: TOPICS * PER_TOPIC, baselineEmptyMs: baseline.ms, cleanStopMs: clean.ms, killedMs: killed.ms, writtenSinceCheckpointBytes: written };
    console.log(`\nrestart, ${figures.partitions} partitions: every log-end served`);
    console.log(`  empty data dir (baseline)            ${(baseline.ms / 1000).toFixed(2)} s`);
    console.log(`  after a clean stop                   ${(clean.ms / 1000).toFixed(2)} s`);
    console.log(`  after kill -9, ${(written / 1024 ** 3).toFixed(1)} GB since checkpoint ${(killed.ms / 1000).toFixed(2)} s`);
    return figures;
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
